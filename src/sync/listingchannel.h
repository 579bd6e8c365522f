#pragma once

#include "publishableproduct.h"
#include "publishplan.h"

#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace storeloom {

// How a channel call ended, classified by the adapter for the hub.
struct ChannelError
{
    enum class Kind {
        None,
        Retryable,   // try again later: throttled, down, no answer
        Permanent,   // the channel refused what was sent; a retry would be refused too
        NeedsSignIn, // the sign-in is gone: the merchant has to reconnect
        NotFound,    // the listing is not on the channel (deleted there)
        Cancelled,   // stopped before an answer (stop flag, lease lost, held back)
    };

    Kind kind = Kind::None;
    QString message; // for the merchant, in the channel's own words
    // A create or upload that may have happened (sent, no clear answer).
    bool outcomeUnknown = false;

    bool ok() const { return kind == Kind::None; }
};

template<typename T> struct ChannelResult
{
    T value{};
    ChannelError error;

    bool ok() const { return error.ok(); }
};

// A listing on a channel: its id there and where the merchant sees it.
struct ListingRef
{
    QString id;
    QString url;
};

// A catalog product as the adapter would write it to its channel. The hub
// reads these fields; the adapter's subclass carries its own payload.
struct ChannelListing
{
    virtual ~ChannelListing() = default;

    QList<ChannelIssue> issues; // the channel's rules, checked before anything is sent
    QString hash;               // digest of everything the listing is written from
    QString imagesDigest;
    QList<ProductImage> images; // in rank order
    int callsToCreate = 0;
    int callsToUpdate = 0;
};

// The verbs one channel's adapter implements for publishing; the hub
// (ListingPublisher and its steps) runs them: one item per operation, intent
// before create, the lookup of a listing whose create reply was lost,
// checkpoints, classifying outcomes, retries.
// One instance serves one attempt on one worker thread.
class ListingChannel
{
public:
    virtual ~ListingChannel() = default;

    // The listing the adapter would write for `product` with these settings.
    virtual std::unique_ptr<ChannelListing> prepare(const PublishableProduct &product,
                                                    const QJsonObject &settings) const = 0;

    // A listing created at or after `sinceMs` that is this product's by its
    // keys (SKUs, a fresh draft's title) and that `mappedElsewhere` does not
    // claim for another product: what an attempt whose reply was lost made.
    virtual ChannelResult<std::optional<ListingRef>>
    findCreatedSince(const ChannelListing &listing, qint64 sinceMs,
                     const std::function<bool(const QString &id)> &mappedElsewhere) = 0;
    // Fetches and checks every image the listing would upload (reachable, an
    // image, within the channel's limits) before it is created: an image
    // that cannot be sent fails the product before anything reaches the
    // channel, instead of leaving a listing without its images.
    virtual ChannelError checkMedia(const ChannelListing &listing)
    {
        Q_UNUSED(listing);
        return {};
    }
    // `beforeSend` runs just before the request leaves; false: not sent (Cancelled).
    virtual ChannelResult<ListingRef> create(const ChannelListing &listing,
                                             const std::function<bool()> &beforeSend) = 0;
    virtual ChannelError update(const QString &id, const ChannelListing &listing) = 0;
    // Stock and variations, written whole.
    virtual ChannelError setStock(const QString &id, const ChannelListing &listing) = 0;
    virtual ChannelResult<QStringList> mediaIds(const QString &id) = 0;
    virtual ChannelError removeMedia(const QString &id, const QString &mediaId) = 0;
    virtual ChannelResult<QString> uploadMedia(const QString &id, const ProductImage &image,
                                               int rank) = 0;
    // Takes the listing off sale, keeping it on the channel (unpublish);
    // one that is inactive already is left so.
    virtual ChannelError deactivate(const QString &id) = 0;
    // Puts a deactivated listing back on sale (publishing an unpublished product).
    virtual ChannelError activate(const QString &id) = 0;

    // Named for two-way stock (not yet implemented by any adapter):
    //  - read stock changes since a cursor: (changes, next cursor);
    //  - set or adjust a level with the platform's compare-and-set or
    //    idempotency key, so a retry never applies a difference twice.
};

} // namespace storeloom
