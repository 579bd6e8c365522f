#pragma once

#include "etsyclient.h"
#include "etsylisting.h"
#include "operationhandler.h"
#include "publishingprovider.h"

namespace storeloom {
class ChannelMappings;
struct ChannelState;
} // namespace storeloom

namespace storeloom::etsy {

class EtsyQuota;

// Writes one catalog product to its Etsy listing ("listing.publish" items),
// exactly once: a product whose mapping has a listing id is updated; one
// without is created only after the intent is recorded, and an attempt that
// finds an earlier intent first looks for the listing that attempt may have
// created (by SKU, else a recent unmapped draft with the same title). The
// inventory is always sent whole, and images again only when they changed.
// Thread-safe: each attempt opens its own database connection and client.
class EtsyPublisher : public OperationHandler
{
public:
    EtsyPublisher(ChannelAccessContext context, QUrl api, std::shared_ptr<EtsyQuota> quota);

    ItemOutcome execute(const SyncItem &item) override;

private:
    struct Attempt;
    ItemOutcome publish(Attempt &attempt);
    bool ensureListing(Attempt &attempt, ItemOutcome &failure);
    std::optional<qint64> findLostListing(Attempt &attempt, qint64 intentAt, EtsyError &error);
    bool syncImages(Attempt &attempt, ItemOutcome &failure);
    void checkpoint(Attempt &attempt, const QString &key, const QString &value);
    ItemOutcome listingGone(Attempt &attempt);
    ItemOutcome fail(Attempt &attempt, const EtsyError &error, const QString &doing);
    ItemOutcome fail(Attempt &attempt, const QString &message, bool retryable);

    ChannelAccessContext m_context;
    QUrl m_api;
    std::shared_ptr<EtsyQuota> m_quota;
    qint64 m_shopId = 0;
};

} // namespace storeloom::etsy
