#pragma once

#include <QStyledItemDelegate>

namespace storeloom {

// Paints a cell as a progress bar: the value from `progressRole` (percent),
// the cell's display text ("12/40") as its label.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ProgressDelegate(int progressRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    int m_progressRole;
};

} // namespace storeloom
