// EtsyProvider as a channel products are published to: its settings form,
// the listing checks behind a plan, and the publisher for confirmed runs.
#include "etsychannel.h"
#include "etsyclient.h"
#include "etsyprovider.h"
#include "etsyquota.h"
#include "listingpublisher.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace storeloom {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EtsyProvider", text);
}

// Etsy's who_made / when_made values (createDraftListing), with their labels.
QList<ChannelChoice> whoMadeChoices()
{
    return {{QStringLiteral("i_did"), tr("I did")},
            {QStringLiteral("someone_else"), tr("Another company or person")},
            {QStringLiteral("collective"), tr("A member of my shop")}};
}

QList<ChannelChoice> whenMadeChoices()
{
    QList<ChannelChoice> choices{{QStringLiteral("made_to_order"), tr("Made to order")}};
    for (const char *period : {"2020_2024", "2010_2019", "2005_2009", "before_2005", "2000_2004",
                               "1990s", "1980s", "1970s", "1960s", "1950s", "1940s", "1930s",
                               "1920s", "1910s", "1900s", "1800s", "1700s", "before_1700"}) {
        const QString value = QString::fromLatin1(period);
        choices.append({value, QString(value).replace(QLatin1Char('_'), QLatin1Char(' '))});
    }
    return choices;
}

void addTaxonomy(const QJsonArray &nodes, const QString &prefix, QList<ChannelChoice> &choices)
{
    for (const QJsonValue &value : nodes) {
        const QJsonObject node = value.toObject();
        const QString path = prefix.isEmpty()
                                 ? node.value(QStringLiteral("name")).toString()
                                 : prefix + QStringLiteral(" › ") +
                                       node.value(QStringLiteral("name")).toString();
        const QJsonArray children = node.value(QStringLiteral("children")).toArray();
        if (children.isEmpty())
            choices.append({QString::number(node.value(QStringLiteral("id")).toInteger()), path});
        else
            addTaxonomy(children, path, choices);
    }
}

QList<ChannelChoice> choicesFrom(const QJsonObject &page, const QString &idKey,
                                 const std::function<QString(const QJsonObject &)> &label)
{
    QList<ChannelChoice> choices;
    for (const QJsonValue &value : page.value(QStringLiteral("results")).toArray()) {
        const QJsonObject object = value.toObject();
        choices.append({QString::number(object.value(idKey).toInteger()), label(object)});
    }
    return choices;
}

} // namespace

QList<ChannelSettingField> EtsyProvider::channelSettingFields() const
{
    return {
        {QStringLiteral("who_made"), tr("Who made it"), tr("Etsy asks this of every listing."), true},
        {QStringLiteral("when_made"), tr("When it was made"), QString(), true},
        {QStringLiteral("taxonomy_id"), tr("Category"), tr("Etsy's seller category."), true},
        {QStringLiteral("shipping_profile_id"), tr("Shipping profile"), QString(), true},
        {QStringLiteral("readiness_state_id"), tr("Processing profile"),
         tr("How long the order takes to be ready to ship."), true},
    };
}

ChannelChoices EtsyProvider::loadChannelChoices(const ChannelAccessContext &context,
                                                QString *error) const
{
    etsy::EtsyClient client(etsy::clientOptionsFor(context, m_endpoints.api));
    const qint64 shopId = context.externalShopId.toLongLong();
    ChannelChoices choices{{QStringLiteral("who_made"), whoMadeChoices()},
                           {QStringLiteral("when_made"), whenMadeChoices()}};
    const auto shipping = client.shippingProfiles(shopId);
    const auto readiness = client.readinessStateDefinitions(shopId);
    const auto taxonomy = client.sellerTaxonomyNodes();
    for (const auto *result : {&shipping, &readiness, &taxonomy}) {
        if (!result->ok()) {
            if (error)
                *error = result->error.message;
            return choices;
        }
    }
    choices.insert(QStringLiteral("shipping_profile_id"),
                   choicesFrom(shipping.value, QStringLiteral("shipping_profile_id"),
                               [](const QJsonObject &profile) {
                                   return profile.value(QStringLiteral("title")).toString();
                               }));
    choices.insert(QStringLiteral("readiness_state_id"),
                   choicesFrom(readiness.value, QStringLiteral("readiness_state_id"),
                               [](const QJsonObject &state) {
                                   return tr("%1, %2–%3 %4")
                                       .arg(state.value(QStringLiteral("readiness_state"))
                                                .toString()
                                                .replace(QLatin1Char('_'), QLatin1Char(' ')))
                                       .arg(state.value(QStringLiteral("min_processing_time"))
                                                .toInt())
                                       .arg(state.value(QStringLiteral("max_processing_time"))
                                                .toInt())
                                       .arg(state.value(QStringLiteral("processing_time_unit"))
                                                .toString());
                               }));
    QList<ChannelChoice> categories;
    addTaxonomy(taxonomy.value.value(QStringLiteral("results")).toArray(), QString(), categories);
    choices.insert(QStringLiteral("taxonomy_id"), categories);
    if (error)
        error->clear();
    return choices;
}

ChannelCheck EtsyProvider::checkProduct(const PublishableProduct &product,
                                        const QJsonObject &settings) const
{
    const auto listing = etsy::EtsyChannel::listingFor(product, settings);
    ChannelCheck check;
    check.issues = listing->issues;
    check.listingHash = listing->hash;
    check.apiCallsToCreate = listing->callsToCreate;
    check.apiCallsToUpdate = listing->callsToUpdate;
    return check;
}

// getShop: Etsy's quota headers, and the currency_code listing prices are taken in.
ChannelProbe EtsyProvider::probeShop(const ChannelAccessContext &context) const
{
    auto quota = std::make_shared<etsy::EtsyQuota>();
    etsy::EtsyClient client(etsy::clientOptionsFor(context, m_endpoints.api, quota));
    const auto shop = client.shop(context.externalShopId.toLongLong());
    ChannelProbe probe;
    if (!shop.ok()) {
        probe.error = shop.error.message;
        return probe;
    }
    probe.currency = shop.value.value(QStringLiteral("currency_code")).toString();
    if (quota->remainingToday() < 0)
        return probe;
    probe.budget = DailyBudget{quota->limitPerDay(), quota->remainingToday(),
                               quota->observedAt().toMSecsSinceEpoch()};
    if (context.budget)
        context.budget->recordDaily(probe.budget->limit, probe.budget->remaining);
    return probe;
}

std::shared_ptr<OperationHandler>
EtsyProvider::createPublishHandler(const ChannelAccessContext &context) const
{
    auto quota = std::make_shared<etsy::EtsyQuota>(); // Etsy's day, shared by every attempt
    return std::make_shared<ListingPublisher>(
        context.workspace, context.connectionId, [context, api = m_endpoints.api, quota] {
            return std::make_unique<etsy::EtsyChannel>(context, api, quota);
        });
}

} // namespace storeloom
