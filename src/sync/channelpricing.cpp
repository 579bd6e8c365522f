#include "channelpricing.h"

#include "pricerule.h"

#include <QCoreApplication>

namespace storeloom {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ChannelPricing", text);
}

ChannelIssue priceError(const QString &message, const QString &fixHint)
{
    return {ChannelIssue::Severity::Error, QStringLiteral("price"), message, fixHint};
}

const QString &settingsHint()
{
    static const QString hint = tr("Set a price rule in the channel settings "
                                   "(price_rule: from, to, rate, adjust, round).");
    return hint;
}

} // namespace

ChannelPricing priceForChannel(PublishableProduct &product, const QJsonObject &settings,
                               const QString &shopLabel)
{
    ChannelPricing pricing;
    QList<Variant> &variants = product.product.variants;
    if (variants.isEmpty())
        return pricing;
    const QString prices = variants.first().price.currency;
    const QString shop = settings.value(pricingkeys::channelCurrency).toString();
    const QJsonValue stored = settings.value(pricingkeys::priceRule);
    if (!stored.isObject()) {
        if (!shop.isEmpty() && !prices.isEmpty() && prices != shop)
            pricing.issues.append(priceError(
                tr("Prices are in %1, %2 sells in %3: set a price rule for this channel.")
                    .arg(prices, shopLabel, shop),
                settingsHint()));
        return pricing;
    }
    const auto rule = PriceRule::fromJson(stored.toObject());
    if (!rule) {
        pricing.issues.append(priceError(tr("The channel's price rule cannot be read."), settingsHint()));
        return pricing;
    }
    if (!shop.isEmpty() && ((rule->to.isEmpty() && prices != shop) ||
                            (!rule->to.isEmpty() && rule->to != shop))) {
        pricing.issues.append(priceError(
            tr("The price rule gives prices in %1, %2 sells in %3.")
                .arg(rule->to.isEmpty() ? prices : rule->to, shopLabel, shop),
            settingsHint()));
        return pricing;
    }
    bool floored = false;
    for (Variant &variant : variants) {
        QString error;
        const auto result = rule->apply(variant.price, &error);
        if (!result) {
            pricing.issues.append(priceError(error, settingsHint()));
            return pricing;
        }
        if (!pricing.before || variant.price.minorUnits < pricing.before->minorUnits) {
            pricing.before = variant.price;
            pricing.after = result->price;
        }
        floored = floored || result->floored;
        variant.price = result->price;
    }
    if (floored)
        pricing.issues.append({ChannelIssue::Severity::Warning, QStringLiteral("price"),
                               tr("The price rule's markdown takes a price to zero or below: it "
                                  "is raised to the smallest price, %1.")
                                   .arg(moneyText({1, pricing.after->currency})),
                               tr("Lower the markdown.")});
    if (pricing.before == pricing.after) {
        pricing.before.reset();
        pricing.after.reset();
    }
    return pricing;
}

} // namespace storeloom
