#pragma once

#include "publishableproduct.h"
#include "publishplan.h"

#include <QJsonObject>

namespace storeloom {

// The hub's own keys in a channel's settings (the adapter's keys sit beside them).
namespace pricingkeys {
inline const QString channelCurrency = QStringLiteral("channel_currency"); // from the shop
inline const QString priceRule = QStringLiteral("price_rule");             // PriceRule::toJson
} // namespace pricingkeys

// What pricing did to one product for a channel.
struct ChannelPricing
{
    QList<ChannelIssue> issues; // a currency mismatch without a rule is an Error
    std::optional<Money> before; // the lowest variant price, when a rule changed it
    std::optional<Money> after;
};

// Puts `product`'s prices into the channel's currency with the connection's
// price rule, so the listing, its checks and its hash all see the price the
// channel will get. `shopLabel` names the shop in messages ("the … shop").
ChannelPricing priceForChannel(PublishableProduct &product, const QJsonObject &settings,
                               const QString &shopLabel);

} // namespace storeloom
