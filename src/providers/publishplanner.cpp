#include "publishplanner.h"

#include "channelmappings.h"
#include "channelpricing.h"
#include "channelsettings.h"
#include "connectionstore.h"
#include "duplicateskus.h"
#include "provider.h"
#include "publishruns.h"

namespace storeloom {

namespace {

// "#12 Linen towel, #14 Tea towel" (the others sharing it), or the product's own variants.
ChannelIssue duplicateSkuWarning(const DuplicateSku &duplicate, qint64 productId)
{
    QStringList others;
    for (const DuplicateSku::Holder &holder : duplicate.products) {
        if (holder.productId != productId)
            others.append(QStringLiteral("#%1 %2").arg(holder.productId).arg(holder.title));
    }
    const QString message =
        others.isEmpty()
            ? QStringLiteral("SKU \"%1\" is on more than one variant of this product.")
                  .arg(duplicate.sku)
            : QStringLiteral("SKU \"%1\" is shared with %2.")
                  .arg(duplicate.sku, others.join(QStringLiteral(", ")));
    return {ChannelIssue::Severity::Warning, QStringLiteral("sku"), message,
            QStringLiteral("Give each variant its own SKU in the store and import again: stock "
                           "is linked across channels by SKU.")};
}

} // namespace

QString shopLabel(const PublishingProvider &provider)
{
    const auto *named = dynamic_cast<const Provider *>(&provider);
    return named ? QStringLiteral("the %1 shop").arg(named->displayName())
                 : QStringLiteral("the channel's shop");
}

PublishPlan PublishPlanner::plan(qint64 connectionId, const QList<qint64> &chosenIds,
                                 const OfferIncludes &includes, const std::atomic_bool *stop) const
{
    PublishPlan plan;
    plan.connectionId = connectionId;
    ProductOffer::Split offer = ProductOffer(m_db).split(chosenIds, includes);
    plan.notOffered = std::move(offer.notOffered);
    const QList<qint64> &productIds = offer.offered;
    const QHash<qint64, QList<DuplicateSku>> duplicates = DuplicateSkus(m_db).of(productIds);
    if (const auto connection = ConnectionStore(m_db).find(connectionId))
        plan.channelName = connection->name;

    ChannelSettingsStore settingsStore(m_db);
    const QJsonObject defaults = settingsStore.settings(connectionId);
    const QHash<qint64, ChannelState> states =
        ChannelMappings(m_db).states(connectionId, productIds);
    const PublishableProductReader reader(m_db);
    const QHash<qint64, qint64> queued = PublishRuns(m_db).queued(connectionId);

    for (qint64 productId : productIds) {
        if (stop && *stop)
            return {};
        auto product = reader.read(productId);
        if (!product)
            continue;
        const QJsonObject settings =
            ChannelSettingsStore::merged(defaults, settingsStore.overrides(connectionId, productId));
        const ChannelPricing pricing = priceForChannel(*product, settings, shopLabel(m_provider));
        const ChannelCheck check = m_provider.checkProduct(*product, settings);

        PlanEntry entry;
        entry.productId = productId;
        entry.title = product->product.title;
        entry.issues = pricing.issues + check.issues;
        for (const DuplicateSku &duplicate : duplicates.value(productId))
            entry.issues.append(duplicateSkuWarning(duplicate, productId));
        entry.priceBefore = pricing.before;
        entry.priceAfter = pricing.after;
        entry.listingHash = check.listingHash;
        const ChannelState state = states.value(productId);
        entry.externalId = state.externalId;
        if (entry.hasErrors()) {
            entry.action = PlanEntry::Action::Invalid;
        } else if (!state.isListed()) {
            // Also when an earlier attempt may have created it: the run looks first.
            entry.action = PlanEntry::Action::Create;
            entry.apiCalls = check.apiCallsToCreate;
        } else if (state.state == ChannelState::State::Synced &&
                   state.targetHash == check.listingHash) {
            entry.action = PlanEntry::Action::Unchanged;
        } else {
            entry.action = PlanEntry::Action::Update;
            entry.apiCalls = check.apiCallsToUpdate;
        }
        const bool toWrite =
            entry.action == PlanEntry::Action::Create || entry.action == PlanEntry::Action::Update;
        if (toWrite)
            entry.queuedInRun = queued.value(productId);
        plan.entries.append(entry);
    }
    return plan;
}

} // namespace storeloom
