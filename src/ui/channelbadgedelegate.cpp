#include "channelbadgedelegate.h"

#include <QApplication>
#include <QPainter>

namespace storeloom {

namespace {

constexpr int kPadding = 6; // inside a pill, left and right
constexpr int kGap = 4;     // between pills

QList<ChannelBadge> badgesOf(const QModelIndex &index, int role)
{
    return index.data(role).value<QList<ChannelBadge>>();
}

QFont pillFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    return small;
}

} // namespace

QString ChannelBadge::label(ChannelState::State state)
{
    switch (state) {
    case ChannelState::State::NotListed:
        return QCoreApplication::translate("ChannelBadge", "not listed");
    case ChannelState::State::Pending:
        return QCoreApplication::translate("ChannelBadge", "pending");
    case ChannelState::State::Synced:
        return QCoreApplication::translate("ChannelBadge", "synced");
    case ChannelState::State::Failed:
        return QCoreApplication::translate("ChannelBadge", "failed");
    case ChannelState::State::OutOfSync:
        return QCoreApplication::translate("ChannelBadge", "out of sync");
    case ChannelState::State::Inactive:
        return QCoreApplication::translate("ChannelBadge", "inactive");
    }
    return {};
}

QColor ChannelBadge::colour(ChannelState::State state)
{
    switch (state) {
    case ChannelState::State::NotListed:
        return QColor(0x9e, 0x9e, 0x9e);
    case ChannelState::State::Pending:
        return QColor(0x1e, 0x6f, 0xd9);
    case ChannelState::State::Synced:
        return QColor(0x2e, 0x7d, 0x32);
    case ChannelState::State::Failed:
        return QColor(0xb3, 0x26, 0x1e);
    case ChannelState::State::OutOfSync:
        return QColor(0xb2, 0x6a, 0x00);
    case ChannelState::State::Inactive:
        return QColor(0x61, 0x61, 0x61);
    }
    return {};
}

void ChannelBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    // The cell as usual (selection, focus) but without its text: the pills say it.
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    cell.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);

    const QList<ChannelBadge> badges = badgesOf(index, m_role);
    if (badges.isEmpty())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = pillFont(option.font);
    const QFontMetrics metrics(font);
    painter->setFont(font);
    const int height = metrics.height() + 2;
    QRect pill(option.rect.left() + kGap, option.rect.center().y() - height / 2 + 1, 0, height);
    for (const ChannelBadge &badge : badges) {
        pill.setWidth(metrics.horizontalAdvance(badge.channel) + 2 * kPadding);
        if (pill.right() > option.rect.right())
            break; // the tooltip names the rest
        painter->setPen(Qt::NoPen);
        painter->setBrush(ChannelBadge::colour(badge.state));
        painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, badge.channel);
        pill.moveLeft(pill.right() + 1 + kGap);
    }
    painter->restore();
}

QSize ChannelBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    const QFontMetrics metrics(pillFont(option.font));
    int width = kGap;
    for (const ChannelBadge &badge : badgesOf(index, m_role))
        width += metrics.horizontalAdvance(badge.channel) + 2 * kPadding + kGap;
    return {width, metrics.height() + 6};
}

} // namespace storeloom
