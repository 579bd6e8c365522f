#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace storeloom {

class SyncRunModel;

// Status bar summary of the runs in progress: "2 jobs running" and one
// compact bar over all their items. Hidden while nothing runs.
class RunIndicator : public QWidget
{
    Q_OBJECT

public:
    explicit RunIndicator(SyncRunModel *runs, QWidget *parent = nullptr);

    QString text() const;

private:
    void showSummary();

    SyncRunModel *m_runs;
    QLabel *m_label;
    QProgressBar *m_bar;
};

} // namespace storeloom
