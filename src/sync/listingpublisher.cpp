#include "listingpublisher.h"

#include "channelmappings.h"
#include "channelsettings.h"
#include "leasefence.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcListingPublisher, "storeloom.publish.listing")

namespace storeloom {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ListingPublisher", text);
}

// What the mapping's channel data keeps of a listing's progress.
const QString kListingWritten = QStringLiteral("listingWritten");  // hash its fields came from
const QString kStockWritten = QStringLiteral("inventoryWritten");  // hash its stock came from
const QString kMediaDigest = QStringLiteral("imagesDigest");       // the media it has, all of it
const QString kMediaUploading = QStringLiteral("imagesUploading"); // the media being uploaded…
const QString kMediaIds = QStringLiteral("imageIds"); // …and the ones uploaded so far

// How often an item blocked by another run's item looks again.
constexpr qint64 kWaitForOtherRunMs = 2000;

// False once another worker took this item over: it must change nothing more.
bool stillHeld()
{
    LeaseFence *fence = LeaseFence::current();
    return !fence || fence->confirm();
}

QString firstError(const QList<ChannelIssue> &issues)
{
    for (const ChannelIssue &issue : issues) {
        if (issue.severity == ChannelIssue::Severity::Error)
            return issue.message + QLatin1Char(' ') + issue.fixHint;
    }
    return {};
}

} // namespace

struct ListingPublisher::Attempt
{
    const SyncItem &item;
    ChannelMappings &mappings;
    ListingChannel &channel;
    std::unique_ptr<ChannelListing> listing;
    ChannelState state;
    QJsonObject channelData;
    QString contentHash; // of the product as read for this attempt
    ListingRef ref;
    bool created = false; // by this attempt: it has no media yet
};

ItemOutcome ListingPublisher::execute(const SyncItem &item)
{
    const DbHandle handle = m_workspace.openHandle();
    const auto product = PublishableProductReader(handle.db()).read(item.entityId);
    if (!product)
        return ItemOutcome::permanent(tr("The product is no longer in the catalog."));
    ChannelMappings mappings(handle.db());
    ChannelSettingsStore settings(handle.db());
    const std::unique_ptr<ListingChannel> channel = m_open();
    Attempt attempt{item, mappings, *channel, {}, {}, {}, product->contentHash, {}, false};
    attempt.listing = channel->prepare(*product, settings.effective(m_connectionId, item.entityId));
    if (const QString invalid = firstError(attempt.listing->issues); !invalid.isEmpty()) {
        // The product changed since the plan was confirmed.
        mappings.recordFailed(m_connectionId, item.entityId, invalid);
        return ItemOutcome::permanent(invalid);
    }
    return publish(attempt);
}

ItemOutcome ListingPublisher::publish(Attempt &attempt)
{
    const qint64 productId = attempt.item.entityId;
    attempt.state = attempt.mappings.state(m_connectionId, productId);
    attempt.channelData = QJsonDocument::fromJson(attempt.state.channelData.toUtf8()).object();

    ItemOutcome failure;
    if (!ensureListing(attempt, failure))
        return failure;

    const QString &hash = attempt.listing->hash;
    if (attempt.created) {
        checkpoint(attempt, kListingWritten, hash);
    } else if (attempt.channelData.value(kListingWritten).toString() != hash) {
        const ChannelError updated = attempt.channel.update(attempt.ref.id, *attempt.listing);
        if (updated.kind == ChannelError::Kind::NotFound)
            return listingGone(attempt);
        if (!updated.ok())
            return fail(attempt, updated, tr("updating the listing"));
        checkpoint(attempt, kListingWritten, hash);
    }
    if (attempt.channelData.value(kStockWritten).toString() != hash) {
        const ChannelError stock = attempt.channel.setStock(attempt.ref.id, *attempt.listing);
        if (!stock.ok())
            return fail(attempt, stock, tr("writing the listing's variations and stock"));
        checkpoint(attempt, kStockWritten, hash);
    }
    if (!syncMedia(attempt, failure))
        return failure;

    if (!stillHeld())
        return ItemOutcome::retry(LeaseFence::lostMessage());
    attempt.mappings.recordSynced(
        m_connectionId, productId, attempt.contentHash, hash,
        QString::fromUtf8(QJsonDocument(attempt.channelData).toJson(QJsonDocument::Compact)));
    return ItemOutcome::succeeded(attempt.ref.url);
}

bool ListingPublisher::ensureListing(Attempt &attempt, ItemOutcome &failure)
{
    const qint64 productId = attempt.item.entityId;
    if (attempt.state.isListed()) {
        attempt.ref = {attempt.state.externalId, attempt.state.url};
        return true;
    }
    // Waits for the other run (or its lease) without using up attempts.
    const ItemOutcome waitForOtherRun = ItemOutcome::deferred(
        tr("Waiting for another run that is publishing this product right now."),
        kWaitForOtherRunMs);
    if (const std::optional<qint64> earlierIntent = attempt.state.intentAt) {
        // An earlier attempt may have created the listing: hold the intent
        // while looking, so that nobody creates one meanwhile.
        if (!attempt.mappings.claimIntent(m_connectionId, productId, attempt.item.id)) {
            failure = waitForOtherRun;
            return false;
        }
        const auto found = attempt.channel.findCreatedSince(
            *attempt.listing, *earlierIntent, [&](const QString &id) {
                return attempt.mappings.productWithExternalId(m_connectionId, id).has_value();
            });
        if (!found.ok()) {
            failure =
                fail(attempt, found.error, tr("looking for a listing an earlier attempt created"));
            return false;
        }
        if (found.value) {
            qCInfo(lcListingPublisher) << "product" << productId << "found its listing"
                                       << found.value->id << "from an earlier attempt";
            attempt.ref = *found.value;
            attempt.mappings.recordExternalId(m_connectionId, productId, attempt.ref.id,
                                              attempt.ref.url);
            attempt.channelData = {}; // what it has, if anything, is not known: rewrite it
            return true;
        }
    }
    // The intent is recorded as the request leaves, after any wait for the
    // rate budget: an attempt stopped while waiting sent nothing, and the
    // next one need not look for what it might have created.
    bool intentRefused = false;
    const auto created = attempt.channel.create(*attempt.listing, [&] {
        intentRefused = !attempt.mappings.claimIntent(m_connectionId, productId, attempt.item.id);
        return !intentRefused;
    });
    if (intentRefused) {
        failure = waitForOtherRun;
        return false;
    }
    if (!created.ok()) {
        failure = fail(attempt, created.error, tr("creating the listing"));
        return false;
    }
    if (created.value.id.isEmpty()) {
        failure = ItemOutcome::retry(tr("The channel created the listing but did not say its id."));
        return false;
    }
    attempt.ref = created.value;
    attempt.mappings.recordExternalId(m_connectionId, productId, attempt.ref.id, attempt.ref.url);
    attempt.created = true;
    return true;
}

bool ListingPublisher::syncMedia(Attempt &attempt, ItemOutcome &failure)
{
    const QString &digest = attempt.listing->imagesDigest;
    if (attempt.channelData.value(kMediaDigest).toString() == digest)
        return true;
    // Uploads an earlier attempt finished for these same images are kept.
    QJsonArray uploaded;
    if (attempt.channelData.value(kMediaUploading).toString() == digest)
        uploaded = attempt.channelData.value(kMediaIds).toArray();
    // Anything else on the listing goes (old images, or an upload whose
    // answer was lost), so nothing is left twice.
    if (!attempt.created || !uploaded.isEmpty()) {
        const auto current = attempt.channel.mediaIds(attempt.ref.id);
        if (!current.ok()) {
            failure = fail(attempt, current.error, tr("reading the listing's images"));
            return false;
        }
        for (const QString &mediaId : current.value) {
            if (uploaded.contains(mediaId))
                continue;
            const ChannelError removed = attempt.channel.removeMedia(attempt.ref.id, mediaId);
            if (!removed.ok() && removed.kind != ChannelError::Kind::NotFound) {
                failure = fail(attempt, removed, tr("replacing the listing's images"));
                return false;
            }
        }
    }
    const QList<ProductImage> &images = attempt.listing->images;
    for (qsizetype index = uploaded.size(); index < images.size(); ++index) {
        const int rank = int(index) + 1;
        const auto result = attempt.channel.uploadMedia(attempt.ref.id, images.at(index), rank);
        if (!result.ok()) {
            failure = fail(attempt, result.error, tr("uploading image %1").arg(rank));
            return false;
        }
        uploaded.append(result.value);
        attempt.channelData.insert(kMediaIds, uploaded);
        checkpoint(attempt, kMediaUploading, digest);
    }
    attempt.channelData.remove(kMediaUploading);
    attempt.channelData.insert(kMediaIds, uploaded);
    attempt.channelData.insert(kMediaDigest, digest);
    return true;
}

void ListingPublisher::checkpoint(Attempt &attempt, const QString &key, const QJsonValue &value)
{
    attempt.channelData.insert(key, value);
    if (stillHeld()) // a worker that lost its item leaves the record to the one that has it
        attempt.mappings.recordChannelData(
            m_connectionId, attempt.item.entityId,
            QString::fromUtf8(QJsonDocument(attempt.channelData).toJson(QJsonDocument::Compact)));
}

ItemOutcome ListingPublisher::listingGone(Attempt &attempt)
{
    const QString message = tr("The listing %1 no longer exists on the channel (was it deleted "
                               "there?). Publishing the product again creates a new listing.")
                                .arg(attempt.ref.id);
    attempt.mappings.forgetListing(m_connectionId, attempt.item.entityId, message);
    return ItemOutcome::permanent(message);
}

ItemOutcome ListingPublisher::fail(Attempt &attempt, const ChannelError &error,
                                   const QString &doing)
{
    qCWarning(lcListingPublisher) << "product" << attempt.item.entityId << "failed while" << doing
                                  << "kind" << int(error.kind);
    // A worker that lost its item leaves the product to the one that has it.
    if (LeaseFence *fence = LeaseFence::current(); fence && fence->lost())
        return ItemOutcome::retry(LeaseFence::lostMessage());
    QString message = tr("%1 (while %2)").arg(error.message, doing);
    if (error.outcomeUnknown) {
        // The mapping keeps its intent: the next attempt looks before creating.
        message += QLatin1Char(' ') + tr("Storeloom will check the channel before trying again.");
    }
    if (error.kind == ChannelError::Kind::NeedsSignIn)
        message += QLatin1Char(' ') + tr("Reconnect the store, then publish again.");
    const bool retryable =
        error.kind == ChannelError::Kind::Retryable || error.kind == ChannelError::Kind::Cancelled;
    // While attempts remain the product stays pending; the last one, or a
    // refusal no retry can fix, leaves it failed with the reason.
    if (!retryable || attempt.item.attempts >= attempt.item.maxAttempts) {
        attempt.mappings.recordFailed(m_connectionId, attempt.item.entityId, message);
        return ItemOutcome::permanent(message);
    }
    return ItemOutcome::retry(message);
}

} // namespace storeloom
