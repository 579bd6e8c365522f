#include "etsychannel.h"

#include "etsylisting.h"
#include "etsyquota.h"
#include "imagefetcher.h"

#include <QJsonArray>
#include <QSet>

namespace storeloom::etsy {

namespace {

// A listing created this long before the intent is not the same attempt's:
// allows for the clocks of this machine and Etsy's.
constexpr qint64 kClockSlackMs = 10 * 60 * 1000;
constexpr int kPageSize = 100;

struct EtsyChannelListing : ChannelListing
{
    EtsyListing etsy;
};

const EtsyListing &etsyOf(const ChannelListing &listing)
{
    return static_cast<const EtsyChannelListing &>(listing).etsy;
}

ChannelIssue toChannelIssue(const ListingIssue &issue)
{
    return {issue.severity == ListingIssue::Severity::Error ? ChannelIssue::Severity::Error
                                                            : ChannelIssue::Severity::Warning,
            issue.field, issue.message, issue.fixHint};
}

} // namespace

EtsyClient::Options clientOptionsFor(const ChannelAccessContext &context, const QUrl &api,
                                     std::shared_ptr<EtsyQuota> quota)
{
    EtsyClient::Options options;
    options.api = api;
    options.apiKey = (context.appFields.value(QStringLiteral("keystring")) + QLatin1Char(':') +
                      context.appFields.value(QStringLiteral("shared_secret")))
                         .toUtf8();
    options.tokens = context.tokens.get();
    options.budget = context.budget;
    options.stop = context.stop;
    options.quota = std::move(quota);
    return options;
}

EtsyChannel::EtsyChannel(const ChannelAccessContext &context, const QUrl &api,
                         std::shared_ptr<EtsyQuota> quota)
    : m_context(context), m_quota(quota), m_shopId(context.externalShopId.toLongLong()),
      m_client(clientOptionsFor(context, api, std::move(quota)))
{}

EtsyChannel::~EtsyChannel()
{
    // What Etsy said of its day budget reaches the status bar and the next plan.
    if (m_context.budget && m_quota->remainingToday() >= 0)
        m_context.budget->recordDaily(m_quota->limitPerDay(), m_quota->remainingToday());
}

ChannelError EtsyChannel::toChannelError(const EtsyError &error)
{
    using Kind = ChannelError::Kind;
    ChannelError result;
    result.outcomeUnknown = error.outcomeUnknown;
    result.message = QStringLiteral("Etsy: %1").arg(error.message);
    switch (error.kind) {
    case EtsyError::Kind::None:
        return {};
    case EtsyError::Kind::Unauthorized:
        result.kind = Kind::NeedsSignIn;
        break;
    case EtsyError::Kind::NotFound:
        result.kind = Kind::NotFound;
        break;
    case EtsyError::Kind::Cancelled:
        result.kind = Kind::Cancelled;
        break;
    default:
        result.kind = error.retryable() ? Kind::Retryable : Kind::Permanent;
    }
    return result;
}

std::unique_ptr<ChannelListing> EtsyChannel::prepare(const PublishableProduct &product,
                                                     const QJsonObject &settings) const
{
    return listingFor(product, settings);
}

std::unique_ptr<ChannelListing> EtsyChannel::listingFor(const PublishableProduct &product,
                                                        const QJsonObject &settings)
{
    auto listing = std::make_unique<EtsyChannelListing>();
    listing->etsy = EtsyListing::from(product, settings);
    for (const ListingIssue &issue : validateListing(listing->etsy.draft))
        listing->issues.append(toChannelIssue(issue));
    listing->hash = listing->etsy.hash;
    listing->imagesDigest = listing->etsy.imagesDigest;
    listing->images = listing->etsy.images;
    listing->callsToCreate = listing->etsy.callsToCreate();
    listing->callsToUpdate = listing->etsy.callsToUpdate();
    return listing;
}

ChannelResult<std::optional<ListingRef>>
EtsyChannel::findCreatedSince(const ChannelListing &listing, qint64 sinceMs,
                              const std::function<bool(const QString &id)> &mappedElsewhere)
{
    const EtsyListing &etsy = etsyOf(listing);
    const QSet<QString> ours(etsy.skus.cbegin(), etsy.skus.cend());
    // Newest drafts first; only those created since the intent can be ours.
    for (int offset = 0;; offset += kPageSize) {
        const auto page =
            m_client.listingsByShop(m_shopId, QStringLiteral("draft"), kPageSize, offset,
                                    QStringLiteral("created"), QStringLiteral("desc"));
        if (!page.ok())
            return {std::nullopt, toChannelError(page.error)};
        const QJsonArray results = page.value.value(QStringLiteral("results")).toArray();
        for (const QJsonValue &value : results) {
            const QJsonObject found = value.toObject();
            const qint64 createdMs =
                found.value(QStringLiteral("created_timestamp")).toInteger() * 1000;
            if (createdMs < sinceMs - kClockSlackMs)
                return {};
            const QString id =
                QString::number(found.value(QStringLiteral("listing_id")).toInteger());
            if (mappedElsewhere(id))
                continue; // another product's listing
            const QJsonArray theirSkus = found.value(QStringLiteral("skus")).toArray();
            bool sameSku = false;
            for (const QJsonValue &sku : theirSkus)
                sameSku = sameSku || ours.contains(sku.toString());
            // Before its inventory is written a new listing has no SKU yet.
            const bool sameDraft =
                theirSkus.isEmpty() &&
                found.value(QStringLiteral("title")).toString() == etsy.draft.title;
            if (sameSku || sameDraft)
                return {ListingRef{id, found.value(QStringLiteral("url")).toString()}, {}};
        }
        if (results.size() < kPageSize)
            return {};
    }
}

ChannelError EtsyChannel::imageError(const QString &message, bool stopped)
{
    return {stopped ? ChannelError::Kind::Cancelled : ChannelError::Kind::Permanent, message, false};
}

ChannelError EtsyChannel::checkMedia(const ChannelListing &listing)
{
    ImageFetcher fetcher(m_context.stop);
    for (const ProductImage &image : etsyOf(listing).images) {
        const auto fetched = fetcher.fetch(QUrl(image.url));
        if (!fetched.ok())
            return imageError(fetched.error, m_context.stop && *m_context.stop);
    }
    return {};
}

ChannelResult<ListingRef> EtsyChannel::create(const ChannelListing &listing,
                                              const std::function<bool()> &beforeSend)
{
    const auto created =
        m_client.createDraftListing(m_shopId, etsyOf(listing).createForm(), beforeSend);
    if (!created.ok())
        return {{}, toChannelError(created.error)};
    const qint64 id = created.value.value(QStringLiteral("listing_id")).toInteger();
    return {{id > 0 ? QString::number(id) : QString(),
             created.value.value(QStringLiteral("url")).toString()},
            {}};
}

ChannelError EtsyChannel::update(const QString &id, const ChannelListing &listing)
{
    return toChannelError(
        m_client.updateListing(m_shopId, id.toLongLong(), etsyOf(listing).updateForm()).error);
}

ChannelError EtsyChannel::setStock(const QString &id, const ChannelListing &listing)
{
    return toChannelError(
        m_client.updateListingInventory(id.toLongLong(), etsyOf(listing).inventory).error);
}

ChannelResult<QStringList> EtsyChannel::mediaIds(const QString &id)
{
    const auto images = m_client.listingImages(id.toLongLong());
    if (!images.ok())
        return {{}, toChannelError(images.error)};
    QStringList ids;
    for (const QJsonValue &image : images.value.value(QStringLiteral("results")).toArray())
        ids.append(QString::number(
            image.toObject().value(QStringLiteral("listing_image_id")).toInteger()));
    return {ids, {}};
}

ChannelError EtsyChannel::removeMedia(const QString &id, const QString &mediaId)
{
    return toChannelError(
        m_client.deleteListingImage(m_shopId, id.toLongLong(), mediaId.toLongLong()).error);
}

ChannelResult<QString> EtsyChannel::uploadMedia(const QString &id, const ProductImage &image,
                                                int rank)
{
    ImageFetcher fetcher(m_context.stop);
    const auto fetched = fetcher.fetch(QUrl(image.url));
    if (!fetched.ok())
        return {{}, imageError(fetched.error, m_context.stop && *m_context.stop)};
    const auto uploaded = m_client.uploadListingImage(m_shopId, id.toLongLong(),
                                                      fetched.image.bytes, fetched.image.fileName,
                                                      fetched.image.mimeType, rank, image.altText);
    if (!uploaded.ok())
        return {{}, toChannelError(uploaded.error)};
    return {QString::number(uploaded.value.value(QStringLiteral("listing_image_id")).toInteger()),
            {}};
}

ChannelError EtsyChannel::deactivate(const QString &id)
{
    // updateListing with state=inactive: the listing stays in the shop, off sale.
    ListingForm form;
    form.add(QStringLiteral("state"), QStringLiteral("inactive"));
    return toChannelError(m_client.updateListing(m_shopId, id.toLongLong(), form).error);
}

ChannelError EtsyChannel::activate(const QString &id)
{
    ListingForm form;
    form.add(QStringLiteral("state"), QStringLiteral("active"));
    return toChannelError(m_client.updateListing(m_shopId, id.toLongLong(), form).error);
}

} // namespace storeloom::etsy
