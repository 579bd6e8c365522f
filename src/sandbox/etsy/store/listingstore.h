#pragma once

#include "etsy/server/sandboxclock.h"
#include "imagebytes.h"

#include <QJsonObject>
#include <QList>
#include <QMap>

#include <optional>

namespace storeloom::sandbox::etsy {

class EtsyShop;

// An image a listing holds: its ListingImage JSON and what was uploaded.
struct EtsyImage
{
    QJsonObject json;
    QByteArray sha256; // hex, of the uploaded bytes
    qint64 bytes = 0;
};

struct ImageUpload
{
    QByteArray bytes;
    ImageInfo info;
    int rank = 0; // 0: after the last image
    bool overwrite = false;
    QString altText;
};

// The shop's listings with their inventories and images, as Etsy keeps
// them: a listing's quantity, price and skus follow its inventory. Ids are
// large and distinct like Etsy's. Guarded by the sandbox's lock.
class ListingStore
{
public:
    ListingStore(const SandboxClock &clock, const EtsyShop &shop) : m_clock(clock), m_shop(shop) {}

    void seed(int count); // active listings, generated deterministically

    // `fields` come from ListingValidator (price in cents).
    QJsonObject create(const QJsonObject &fields);
    // Nothing, with *error set, if the change is refused.
    std::optional<QJsonObject> update(qint64 id, const QJsonObject &fields, QString *error);
    bool remove(qint64 id);

    std::optional<QJsonObject> listing(qint64 id) const;
    QList<QJsonObject> listings() const; // every listing, in id order
    int activeCount() const;
    // getListingsByShop: one state, sorted, a page; *count is the total.
    QList<QJsonObject> page(const QString &state, const QString &sortOn, bool descending, int limit, int offset,
                            int *count) const;

    QJsonObject inventory(qint64 id) const; // empty for an unknown listing
    // `validated` comes from InventoryValidator; ids are assigned here.
    QJsonObject replaceInventory(qint64 id, const QJsonObject &validated);

    QList<EtsyImage> images(qint64 id) const;
    // The new ListingImage; empty with *error set when refused.
    QJsonObject addImage(qint64 listingId, const ImageUpload &upload, QString *error);
    bool removeImage(qint64 listingId, qint64 imageId);

private:
    struct Listing
    {
        QJsonObject json;
        QJsonObject inventory;
        QList<EtsyImage> images;
    };

    QJsonObject money(qint64 cents) const;
    QJsonObject inventoryJson(const Listing &listing) const;
    void followInventory(Listing *listing);
    void rerank(Listing *listing);

    const SandboxClock &m_clock;
    const EtsyShop &m_shop;
    QMap<qint64, Listing> m_listings;
    qint64 m_nextListingId = 1500000007;
    qint64 m_nextImageId = 5100000003;
    qint64 m_nextProductId = 11000000001;
    qint64 m_nextOfferingId = 12000000001;
};

} // namespace storeloom::sandbox::etsy
