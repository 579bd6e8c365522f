#pragma once

#include "etsy/server/wirereply.h"
#include "listingvalidator.h"

namespace storeloom::sandbox::etsy {

class EtsyShop;
class ListingStore;

// The /v3/application operations, named as in Etsy's OpenAPI. Each takes
// the request and the ids from its path; auth and rate limits are the
// router's business. Guarded by the sandbox's lock.
class EtsyApi
{
public:
    EtsyApi(const EtsyShop &shop, ListingStore &store) : m_shop(shop), m_store(store), m_validator(shop) {}

    HttpResponse ping() const;
    HttpResponse getMe() const;
    HttpResponse getShop(qint64 shopId) const;
    HttpResponse getShopShippingProfiles(qint64 shopId) const;
    HttpResponse getShopReadinessStateDefinitions(qint64 shopId) const;
    HttpResponse getSellerTaxonomyNodes() const;

    HttpResponse createDraftListing(qint64 shopId, const HttpRequest &request);
    HttpResponse updateListing(qint64 shopId, qint64 listingId, const HttpRequest &request);
    HttpResponse getListing(qint64 listingId) const;
    HttpResponse deleteListing(qint64 listingId);
    HttpResponse getListingsByShop(qint64 shopId, const HttpRequest &request) const;

    HttpResponse uploadListingImage(qint64 shopId, qint64 listingId, const HttpRequest &request);
    HttpResponse getListingImages(qint64 listingId) const;
    HttpResponse deleteListingImage(qint64 shopId, qint64 listingId, qint64 imageId);

    HttpResponse getListingInventory(qint64 listingId) const;
    HttpResponse updateListingInventory(qint64 listingId, const HttpRequest &request);

    // {"error": message}, Etsy's error shape.
    static HttpResponse error(int status, const QString &message);
    static HttpResponse noContent();

private:
    bool isOurShop(qint64 shopId) const;
    static HttpResponse listingNotFound();
    static HttpResponse shopNotFound(qint64 shopId);
    static HttpResponse results(const QJsonArray &items);

    const EtsyShop &m_shop;
    ListingStore &m_store;
    ListingValidator m_validator;
};

} // namespace storeloom::sandbox::etsy
