#pragma once

#include "catalogsource.h"
#include "etsyerror.h"
#include "etsyhttp.h"
#include "listingform.h"

#include <QJsonObject>
#include <QUrl>
#include <atomic>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace storeloom {
class AccessTokenSource;
class RateBudget;
} // namespace storeloom

namespace storeloom::etsy {

class EtsyQuota;

// Etsy Open API v3 for a worker thread: every call blocks until Etsy has
// answered (or the stop flag is raised) and returns the JSON or an EtsyError.
// Create one per thread, on that thread: it owns its QNetworkAccessManager.
//
// What it does so callers need not:
//  - sends x-api-key and the bearer token, paced by the connection's
//    RateBudget, which it keeps in step with x-limit-per-second /
//    x-remaining-this-second; the day budget goes to the shared EtsyQuota;
//  - 429: pauses the whole connection for retry-after and sends again (Etsy
//    did nothing); a wait of hours (the day budget is spent) ends at once;
//  - 401: asks the token source for a new token once, and sends again;
//  - 5xx, dropped connections, timeouts: sends idempotent requests (GET, PUT,
//    PATCH, DELETE) again after a short backoff — never a POST, which comes
//    back with outcomeUnknown so the caller can look for what it created.
// Neither the token nor the api key is ever logged ("storeloom.etsy").
class EtsyClient
{
public:
    struct Options
    {
        QUrl api{QStringLiteral("https://api.etsy.com")};
        QByteArray apiKey; // keystring:shared_secret
        AccessTokenSource *tokens = nullptr;
        std::shared_ptr<RateBudget> budget;  // null: not paced
        const std::atomic_bool *stop = nullptr;
        int maxThrottleRetries = 5;
        int timeoutMs = 30000;
        std::shared_ptr<EtsyQuota> quota; // null: not recorded
        int maxTransientRetries = 2;      // idempotent requests only
        int backoffMs = 1000;             // first transient backoff, doubled each time
        // A longer retry-after means the day budget is spent: not worth waiting here.
        int longestThrottleWaitSeconds = 180;
        // Called on the worker thread before each wait, for a progress line.
        std::function<void(qint64 ms, const QString &why)> waiting;
    };

    explicit EtsyClient(Options options);
    ~EtsyClient();
    EtsyClient(const EtsyClient &) = delete;
    EtsyClient &operator=(const EtsyClient &) = delete;

    EtsyJsonResult me();
    EtsyJsonResult shop(qint64 shopId);
    EtsyJsonResult shippingProfiles(qint64 shopId);
    EtsyJsonResult readinessStateDefinitions(qint64 shopId);
    EtsyJsonResult sellerTaxonomyNodes();

    // `beforeSend`, when set, runs just before the request goes out (after
    // any wait for the rate budget); false: it is not sent (Cancelled).
    EtsyJsonResult createDraftListing(qint64 shopId, const ListingForm &form,
                                      const std::function<bool()> &beforeSend = {});
    EtsyJsonResult updateListing(qint64 shopId, qint64 listingId, const ListingForm &form);
    // `state` (active, draft, …) and `sortOn` / `sortOrder` are left out when empty.
    EtsyJsonResult listingsByShop(qint64 shopId, const QString &state, int limit = 100,
                                  int offset = 0, const QString &sortOn = {},
                                  const QString &sortOrder = {});
    EtsyJsonResult listing(qint64 listingId);

    EtsyJsonResult listingImages(qint64 listingId);
    // rank ≤ 0 and an empty altText are left out.
    EtsyJsonResult uploadListingImage(qint64 shopId, qint64 listingId, const QByteArray &bytes,
                                      const QString &fileName, const QString &mimeType,
                                      int rank = 0, const QString &altText = {});
    EtsyJsonResult deleteListingImage(qint64 shopId, qint64 listingId, qint64 imageId);

    EtsyJsonResult listingInventory(qint64 listingId);
    // The whole inventory: products Etsy does not find here are removed.
    EtsyJsonResult updateListingInventory(qint64 listingId, const QJsonObject &wholeInventory);

    RequestStats stats() const { return m_stats; }

private:
    EtsyJsonResult execute(const EtsyRequest &request);
    void record(const EtsyHttpAnswer &answer);
    bool pause(qint64 ms, const QString &why);
    bool stopped() const;

    Options m_options;
    EtsyHttpSettings m_http;
    std::unique_ptr<QNetworkAccessManager> m_network;
    RequestStats m_stats;
};

} // namespace storeloom::etsy
