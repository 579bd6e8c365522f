#pragma once

#include "channelstate.h"

#include <QList>
#include <QStyledItemDelegate>

namespace storeloom {

// A product's state on one channel, as a Catalog cell shows it.
struct ChannelBadge
{
    QString channel; // the connection's name
    ChannelState::State state = ChannelState::State::NotListed;

    // "synced", "out of sync", … as merchants read it.
    static QString label(ChannelState::State state);
    static QColor colour(ChannelState::State state);

    friend bool operator==(const ChannelBadge &, const ChannelBadge &) = default;
};

// Draws a cell's badges (CatalogModel::BadgesRole) as small pills, one per
// channel, named after the channel and coloured by its state; the text and
// the tooltip of the cell say the same in words.
class ChannelBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ChannelBadgeDelegate(int badgesRole, QObject *parent = nullptr)
        : QStyledItemDelegate(parent), m_role(badgesRole)
    {}

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::ChannelBadge)
