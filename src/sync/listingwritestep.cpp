#include "listingwritestep.h"

#include "listingorigin.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcListingWrite, "storeloom.publish.listing")

namespace storeloom {

namespace {
// How often an item blocked by another run's item looks again.
constexpr qint64 kWaitForOtherRunMs = 2000;
} // namespace

ItemOutcome ListingWriteStep::run(ListingAttempt &attempt)
{
    ItemOutcome failure;
    bool created = false;
    if (!ensureListing(attempt, created, failure))
        return failure;

    const QString &hash = attempt.listing().hash;
    QJsonObject &data = attempt.channelData();
    data.insert(checkpoints::writtenFrom(), attempt.contentHash());
    if (created) {
        data.insert(checkpoints::createdBare(), true);
        attempt.checkpoint(checkpoints::listingWritten(), hash);
    } else if (data.value(checkpoints::listingWritten()).toString() != hash) {
        const ChannelError updated = attempt.channel().update(attempt.ref().id, attempt.listing());
        if (updated.kind == ChannelError::Kind::NotFound)
            return attempt.listingGone();
        if (!updated.ok())
            return attempt.fail(updated, ListingAttempt::tr("updating the listing"));
        attempt.checkpoint(checkpoints::listingWritten(), hash);
    }
    if (data.value(checkpoints::deactivated()).toBool()) {
        // Published again after an unpublish: on sale again, not left inactive.
        const ChannelError activated = attempt.channel().activate(attempt.ref().id);
        if (activated.kind == ChannelError::Kind::NotFound)
            return attempt.listingGone();
        if (!activated.ok())
            return attempt.fail(activated, ListingAttempt::tr("activating the listing again"));
        data.remove(checkpoints::deactivated());
        attempt.saveChannelData();
    }
    return attempt.stepDone();
}

bool ListingWriteStep::ensureListing(ListingAttempt &attempt, bool &created,
                                     ItemOutcome &failure)
{
    const qint64 connectionId = attempt.connectionId();
    const qint64 productId = attempt.productId();
    const qint64 itemId = attempt.item().id;
    ChannelMappings &mappings = attempt.mappings();
    if (attempt.state().isListed())
        return true;
    // Waits for the other run (or its lease) without using up attempts.
    const ItemOutcome waitForOtherRun = ItemOutcome::deferred(
        ListingAttempt::tr("Waiting for another run that is publishing this product right now."),
        kWaitForOtherRunMs);
    if (const std::optional<qint64> earlierIntent = attempt.state().intentAt) {
        // An earlier attempt may have created the listing: hold the intent
        // while looking, so that nobody creates one meanwhile.
        if (!mappings.claimIntent(connectionId, productId, itemId)) {
            failure = waitForOtherRun;
            return false;
        }
        const auto found = attempt.channel().findCreatedSince(
            attempt.listing(), *earlierIntent, [&](const QString &id) {
                return mappings.productWithExternalId(connectionId, id).has_value();
            });
        if (!found.ok()) {
            failure = attempt.fail(
                found.error, ListingAttempt::tr("looking for a listing an earlier attempt created"));
            return false;
        }
        if (found.value) {
            qCInfo(lcListingWrite) << "product" << productId << "found its listing"
                                   << found.value->id << "from an earlier attempt";
            attempt.setListing(*found.value);
            mappings.recordExternalId(connectionId, productId, found.value->id, found.value->url);
            attempt.channelData() = {}; // what it has, if anything, is not known: rewrite it
            // Summaries say "found and linked": this attempt did not create it.
            attempt.channelData().insert(ListingOrigin::key(),
                                         ListingOrigin::note(true, attempt.item().runId));
            return true;
        }
    }
    // An image that cannot be sent fails the product now, before the channel
    // holds a listing without it (and before any retry spends requests).
    if (const ChannelError media = attempt.channel().checkMedia(attempt.listing()); !media.ok()) {
        failure = attempt.fail(media, ListingAttempt::tr("checking the images"));
        return false;
    }
    // The intent is recorded as the request leaves, after any wait for the
    // rate budget: an attempt stopped while waiting sent nothing, and the
    // next one need not look for what it might have created.
    bool intentRefused = false;
    const auto result = attempt.channel().create(attempt.listing(), [&] {
        intentRefused = !mappings.claimIntent(connectionId, productId, itemId);
        return !intentRefused;
    });
    if (intentRefused) {
        failure = waitForOtherRun;
        return false;
    }
    if (!result.ok()) {
        failure = attempt.fail(result.error, ListingAttempt::tr("creating the listing"));
        return false;
    }
    if (result.value.id.isEmpty()) {
        failure = ItemOutcome::retry(
            ListingAttempt::tr("The channel created the listing but did not say its id."));
        return false;
    }
    attempt.setListing(result.value);
    mappings.recordExternalId(connectionId, productId, result.value.id, result.value.url);
    attempt.channelData() = {}; // a new listing: nothing of an earlier one applies
    attempt.channelData().insert(ListingOrigin::key(),
                                 ListingOrigin::note(false, attempt.item().runId));
    created = true;
    return true;
}

} // namespace storeloom
