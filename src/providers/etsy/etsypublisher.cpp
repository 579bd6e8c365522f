#include "etsypublisher.h"

#include "channelmappings.h"
#include "channelsettings.h"
#include "etsyquota.h"
#include "imagefetcher.h"
#include "leasefence.h"
#include "publishplanner.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

Q_LOGGING_CATEGORY(lcEtsyPublish, "storeloom.etsy.publish")

namespace storeloom::etsy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EtsyPublisher", text);
}

// An intent older than this (or a listing created this long before it) is
// not the same attempt: allows for the clocks of this machine and Etsy's.
constexpr qint64 kClockSlackMs = 10 * 60 * 1000;
// What the mapping's channel data keeps of a listing's progress.
const QString kListingWritten = QStringLiteral("listingWritten");     // the hash its fields were written from
const QString kInventoryWritten = QStringLiteral("inventoryWritten"); // the hash its inventory was written from
const QString kImagesDigest = QStringLiteral("imagesDigest");         // the images it has, all of them
const QString kImagesUploading = QStringLiteral("imagesUploading");   // the images being uploaded…
const QString kImageIds = QStringLiteral("imageIds");                 // …and the ones uploaded so far

// How often an item blocked by another run's item looks again.
constexpr qint64 kWaitForOtherRunMs = 2000;

// False once another worker took this item over: it must change nothing more.
bool stillHeld()
{
    LeaseFence *fence = LeaseFence::current();
    return !fence || fence->confirm();
}

QString firstError(const QList<ListingIssue> &issues)
{
    for (const ListingIssue &issue : issues) {
        if (issue.severity == ListingIssue::Severity::Error)
            return issue.message + QLatin1Char(' ') + issue.fixHint;
    }
    return {};
}

} // namespace

struct EtsyPublisher::Attempt
{
    const SyncItem &item;
    QSqlDatabase db;
    ChannelMappings mappings;
    PublishableProduct product;
    EtsyListing listing;
    ChannelState state;
    std::unique_ptr<EtsyClient> client;
    qint64 listingId = 0;
    QString url;
    QJsonObject channelData;
    bool created = false; // by this attempt: it has no images yet
};

EtsyPublisher::EtsyPublisher(ChannelAccessContext context, QUrl api,
                             std::shared_ptr<EtsyQuota> quota)
    : m_context(std::move(context)), m_api(std::move(api)), m_quota(std::move(quota)),
      m_shopId(m_context.externalShopId.toLongLong())
{}

ItemOutcome EtsyPublisher::execute(const SyncItem &item)
{
    const DbHandle handle = m_context.workspace.openHandle();
    Attempt attempt{item, handle.db(), ChannelMappings(handle.db()), {}, {}, {}, {}, 0, {}, {},
                    false};
    const qint64 connectionId = m_context.connectionId;
    const auto product = PublishableProductReader(attempt.db).read(item.entityId);
    if (!product)
        return ItemOutcome::permanent(tr("The product is no longer in the catalog."));
    attempt.product = *product;

    ChannelSettingsStore settings(attempt.db);
    attempt.listing = EtsyListing::from(
        attempt.product, PublishPlanner::effectiveSettings(
                             settings.settings(connectionId),
                             settings.overrides(connectionId, item.entityId)));
    const QString invalid = firstError(validateListing(attempt.listing.draft));
    if (!invalid.isEmpty()) {
        // The product changed since the plan was confirmed.
        attempt.mappings.recordFailed(connectionId, item.entityId, invalid);
        return ItemOutcome::permanent(invalid);
    }

    EtsyClient::Options options;
    options.api = m_api;
    options.apiKey = (m_context.appFields.value(QStringLiteral("keystring")) + QLatin1Char(':') +
                      m_context.appFields.value(QStringLiteral("shared_secret")))
                         .toUtf8();
    options.tokens = m_context.tokens.get();
    options.budget = m_context.budget;
    options.stop = m_context.stop;
    options.quota = m_quota;
    attempt.client = std::make_unique<EtsyClient>(options);
    const ItemOutcome outcome = publish(attempt);
    // What Etsy said of its day budget reaches the status bar and the next plan.
    if (m_context.budget && m_quota->remainingToday() >= 0)
        m_context.budget->recordDaily(m_quota->limitPerDay(), m_quota->remainingToday());
    return outcome;
}

ItemOutcome EtsyPublisher::publish(Attempt &attempt)
{
    const qint64 connectionId = m_context.connectionId;
    const qint64 productId = attempt.item.entityId;
    attempt.state = attempt.mappings.state(connectionId, productId);
    attempt.channelData = QJsonDocument::fromJson(attempt.state.channelData.toUtf8()).object();

    ItemOutcome failure;
    if (!ensureListing(attempt, failure))
        return failure;

    // Each step that finished is noted in the mapping, so an attempt after a
    // crash goes on from there instead of sending it again.
    const QString &hash = attempt.listing.hash;
    if (attempt.created) {
        checkpoint(attempt, kListingWritten, hash);
    } else if (attempt.channelData.value(kListingWritten).toString() != hash) {
        const auto updated =
            attempt.client->updateListing(m_shopId, attempt.listingId, attempt.listing.updateForm());
        if (updated.error.kind == EtsyError::Kind::NotFound)
            return listingGone(attempt);
        if (!updated.ok())
            return fail(attempt, updated.error, tr("updating the listing"));
        checkpoint(attempt, kListingWritten, hash);
    }
    if (attempt.channelData.value(kInventoryWritten).toString() != hash) {
        // Whole, every time: a partial inventory would drop the variations left out.
        const auto inventory =
            attempt.client->updateListingInventory(attempt.listingId, attempt.listing.inventory);
        if (!inventory.ok())
            return fail(attempt, inventory.error, tr("writing the listing's variations and stock"));
        checkpoint(attempt, kInventoryWritten, hash);
    }
    if (!syncImages(attempt, failure))
        return failure;

    if (!stillHeld())
        return ItemOutcome::retry(LeaseFence::lostMessage());
    attempt.mappings.recordSynced(connectionId, productId, attempt.product.contentHash,
                                  attempt.listing.hash,
                                  QString::fromUtf8(QJsonDocument(attempt.channelData)
                                                        .toJson(QJsonDocument::Compact)));
    return ItemOutcome::succeeded(attempt.url);
}

bool EtsyPublisher::ensureListing(Attempt &attempt, ItemOutcome &failure)
{
    const qint64 connectionId = m_context.connectionId;
    const qint64 productId = attempt.item.entityId;
    if (attempt.state.isListed()) {
        attempt.listingId = attempt.state.externalId.toLongLong();
        attempt.url = attempt.state.url;
        return true;
    }
    const std::optional<qint64> earlierIntent = attempt.state.intentAt;
    // Waits for the other run (or its lease) without using up attempts.
    const ItemOutcome waitForOtherRun = ItemOutcome::deferred(
        tr("Waiting for another run that is publishing this product right now."),
        kWaitForOtherRunMs);
    if (earlierIntent) {
        // An earlier attempt may have created the listing: hold the intent
        // while looking, so that nobody creates one meanwhile.
        if (!attempt.mappings.claimIntent(connectionId, productId, attempt.item.id)) {
            failure = waitForOtherRun;
            return false;
        }
        EtsyError error;
        const auto found = findLostListing(attempt, *earlierIntent, error);
        if (!error.ok()) {
            failure = fail(attempt, error, tr("looking for a listing an earlier attempt created"));
            return false;
        }
        if (found) {
            qCInfo(lcEtsyPublish) << "product" << productId << "found its listing" << *found
                                  << "from an earlier attempt";
            const auto listing = attempt.client->listing(*found);
            attempt.listingId = *found;
            attempt.url = listing.value.value(QStringLiteral("url")).toString();
            attempt.mappings.recordExternalId(connectionId, productId, QString::number(*found),
                                              attempt.url);
            attempt.channelData = {}; // its images, if any, are not known: replace them
            return true;
        }
    }
    // The intent is recorded as the request leaves, after any wait for the
    // rate budget: an attempt stopped while waiting sent nothing, and the
    // next one need not look for what it might have created.
    bool intentRefused = false;
    const auto created = attempt.client->createDraftListing(
        m_shopId, attempt.listing.createForm(), [&] {
            intentRefused = !attempt.mappings.claimIntent(connectionId, productId, attempt.item.id);
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
    attempt.listingId = created.value.value(QStringLiteral("listing_id")).toInteger();
    attempt.url = created.value.value(QStringLiteral("url")).toString();
    if (attempt.listingId <= 0) {
        failure = ItemOutcome::retry(tr("Etsy created the listing but did not say its id."));
        return false;
    }
    attempt.mappings.recordExternalId(connectionId, productId, QString::number(attempt.listingId),
                                      attempt.url);
    attempt.created = true;
    return true;
}

std::optional<qint64> EtsyPublisher::findLostListing(Attempt &attempt, qint64 intentAt,
                                                     EtsyError &error)
{
    const QStringList skus = attempt.listing.skus;
    const QSet<QString> ours(skus.cbegin(), skus.cend());
    // Newest drafts first; only those created since the intent can be ours.
    for (int offset = 0;; offset += 100) {
        const auto page = attempt.client->listingsByShop(m_shopId, QStringLiteral("draft"), 100,
                                                         offset, QStringLiteral("created"),
                                                         QStringLiteral("desc"));
        if (!page.ok()) {
            error = page.error;
            return std::nullopt;
        }
        const QJsonArray results = page.value.value(QStringLiteral("results")).toArray();
        for (const QJsonValue &value : results) {
            const QJsonObject listing = value.toObject();
            const qint64 createdMs =
                listing.value(QStringLiteral("created_timestamp")).toInteger() * 1000;
            if (createdMs < intentAt - kClockSlackMs)
                return std::nullopt;
            const qint64 id = listing.value(QStringLiteral("listing_id")).toInteger();
            if (attempt.mappings.productWithExternalId(m_context.connectionId, QString::number(id)))
                continue; // another product's listing
            const QJsonArray theirSkus = listing.value(QStringLiteral("skus")).toArray();
            bool sameSku = false;
            for (const QJsonValue &sku : theirSkus)
                sameSku = sameSku || ours.contains(sku.toString());
            // Before its inventory is written a new listing has no SKU yet.
            const bool sameDraft =
                theirSkus.isEmpty() &&
                listing.value(QStringLiteral("title")).toString() == attempt.listing.draft.title;
            if (sameSku || sameDraft)
                return id;
        }
        if (results.size() < 100)
            return std::nullopt;
    }
}

bool EtsyPublisher::syncImages(Attempt &attempt, ItemOutcome &failure)
{
    const QString &digest = attempt.listing.imagesDigest;
    if (attempt.channelData.value(kImagesDigest).toString() == digest)
        return true;
    // Uploads an earlier attempt finished for these same images are kept.
    QJsonArray uploaded;
    if (attempt.channelData.value(kImagesUploading).toString() == digest)
        uploaded = attempt.channelData.value(kImageIds).toArray();
    // Anything else on the listing goes (old images, or an upload whose
    // answer was lost), so nothing is left twice.
    if (!attempt.created || !uploaded.isEmpty()) {
        const auto current = attempt.client->listingImages(attempt.listingId);
        if (!current.ok()) {
            failure = fail(attempt, current.error, tr("reading the listing's images"));
            return false;
        }
        for (const QJsonValue &image : current.value.value(QStringLiteral("results")).toArray()) {
            const QJsonValue imageId = image.toObject().value(QStringLiteral("listing_image_id"));
            if (uploaded.contains(imageId))
                continue;
            const auto removed =
                attempt.client->deleteListingImage(m_shopId, attempt.listingId, imageId.toInteger());
            if (!removed.ok() && removed.error.kind != EtsyError::Kind::NotFound) {
                failure = fail(attempt, removed.error, tr("replacing the listing's images"));
                return false;
            }
        }
    }
    ImageFetcher fetcher(m_context.stop);
    for (qsizetype index = uploaded.size(); index < attempt.listing.images.size(); ++index) {
        const ProductImage &image = attempt.listing.images.at(index);
        const int rank = int(index) + 1;
        const auto fetched = fetcher.fetch(QUrl(image.url));
        if (!fetched.ok()) {
            failure = fail(attempt, fetched.error, true);
            return false;
        }
        const auto result = attempt.client->uploadListingImage(
            m_shopId, attempt.listingId, fetched.image.bytes, fetched.image.fileName,
            fetched.image.mimeType, rank, image.altText);
        if (!result.ok()) {
            failure = fail(attempt, result.error, tr("uploading image %1").arg(rank));
            return false;
        }
        uploaded.append(result.value.value(QStringLiteral("listing_image_id")));
        attempt.channelData.insert(kImageIds, uploaded);
        checkpoint(attempt, kImagesUploading, digest);
    }
    attempt.channelData.remove(kImagesUploading);
    attempt.channelData.insert(kImageIds, uploaded);
    attempt.channelData.insert(kImagesDigest, digest);
    return true;
}

void EtsyPublisher::checkpoint(Attempt &attempt, const QString &key, const QString &value)
{
    attempt.channelData.insert(key, value);
    if (stillHeld()) // a worker that lost its item leaves the record to the one that has it
        attempt.mappings.recordChannelData(
            m_context.connectionId, attempt.item.entityId,
            QString::fromUtf8(QJsonDocument(attempt.channelData).toJson(QJsonDocument::Compact)));
}

ItemOutcome EtsyPublisher::listingGone(Attempt &attempt)
{
    const QString message = tr("The Etsy listing %1 no longer exists (was it deleted on Etsy?). "
                               "Publishing the product again creates a new listing.")
                                .arg(attempt.listingId);
    attempt.mappings.forgetListing(m_context.connectionId, attempt.item.entityId, message);
    return ItemOutcome::permanent(message);
}

ItemOutcome EtsyPublisher::fail(Attempt &attempt, const EtsyError &error, const QString &doing)
{
    qCWarning(lcEtsyPublish) << "product" << attempt.item.entityId << "failed while" << doing
                             << "kind" << EtsyError::kindName(error.kind) << error.httpStatus;
    QString message = tr("Etsy: %1 (while %2)").arg(error.message, doing);
    if (error.outcomeUnknown) {
        // The mapping keeps its intent: the next attempt looks before creating.
        message += QLatin1Char(' ') + tr("Storeloom will check Etsy before trying again.");
    }
    return fail(attempt, message, error.retryable());
}

ItemOutcome EtsyPublisher::fail(Attempt &attempt, const QString &message, bool retryable)
{
    // A worker that lost its item leaves the product to the one that has it.
    if (LeaseFence *fence = LeaseFence::current(); fence && fence->lost())
        return ItemOutcome::retry(LeaseFence::lostMessage());
    // While attempts remain the product stays pending; the last one, or a
    // refusal no retry can fix, leaves it failed with the reason.
    if (!retryable || attempt.item.attempts >= attempt.item.maxAttempts) {
        attempt.mappings.recordFailed(m_context.connectionId, attempt.item.entityId, message);
        return ItemOutcome::permanent(message);
    }
    return ItemOutcome::retry(message);
}

} // namespace storeloom::etsy
