#pragma once

#include "etsyclient.h"
#include "listingchannel.h"
#include "publishingprovider.h"

namespace storeloom::etsy {

class EtsyQuota;

// How a worker reaches the connection's Etsy: the app's keys, the token
// source, the rate budget, the stop flag; `quota` records Etsy's day.
EtsyClient::Options clientOptionsFor(const ChannelAccessContext &context, const QUrl &api,
                                     std::shared_ptr<EtsyQuota> quota = {});

// Etsy's publishing verbs for the hub's ListingPublisher: a catalog product
// as a draft listing (fields, the whole inventory, images in rank order),
// found again by its SKUs or, before its inventory is written, as a fresh
// unmapped draft with the same title. One instance per attempt, on the
// worker's thread: it owns its EtsyClient.
class EtsyChannel : public ListingChannel
{
public:
    EtsyChannel(const ChannelAccessContext &context, const QUrl &api,
                std::shared_ptr<EtsyQuota> quota);
    // Tells the connection's budget what Etsy last said of its day.
    ~EtsyChannel() override;

    std::unique_ptr<ChannelListing> prepare(const PublishableProduct &product,
                                            const QJsonObject &settings) const override;
    ChannelResult<std::optional<ListingRef>>
    findCreatedSince(const ChannelListing &listing, qint64 sinceMs,
                     const std::function<bool(const QString &id)> &mappedElsewhere) override;
    ChannelError checkMedia(const ChannelListing &listing) override;
    ChannelResult<ListingRef> create(const ChannelListing &listing,
                                     const std::function<bool()> &beforeSend) override;
    ChannelError update(const QString &id, const ChannelListing &listing) override;
    ChannelError setStock(const QString &id, const ChannelListing &listing) override;
    ChannelResult<QStringList> mediaIds(const QString &id) override;
    ChannelError removeMedia(const QString &id, const QString &mediaId) override;
    ChannelResult<QString> uploadMedia(const QString &id, const ProductImage &image,
                                       int rank) override;
    ChannelError deactivate(const QString &id) override;
    ChannelError activate(const QString &id) override;

    static ChannelError toChannelError(const EtsyError &error);
    // An image that cannot be fetched or is not one Etsy takes: the same
    // address fails again on a retry, so it is not retried; the merchant
    // fixes it and publishes again.
    static ChannelError imageError(const QString &message, bool stopped);
    // The listing for a product with these settings, checked against Etsy's rules.
    static std::unique_ptr<ChannelListing> listingFor(const PublishableProduct &product,
                                                      const QJsonObject &settings);

private:
    ChannelAccessContext m_context;
    std::shared_ptr<EtsyQuota> m_quota;
    qint64 m_shopId = 0;
    EtsyClient m_client;
};

} // namespace storeloom::etsy
