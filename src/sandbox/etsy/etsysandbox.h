#pragma once

#include "etsy/auth/etsyauth.h"
#include "etsy/server/etsycounters.h"
#include "etsy/server/etsyfaults.h"
#include "etsy/store/listingstore.h"

#include <QMutex>
#include <QObject>
#include <QThread>
#include <QUrl>

#include <memory>

namespace storeloom::sandbox::etsy {

class EtsyApi;
class EtsyHttpServer;
class EtsyRouter;
class EtsyShop;
class RateLimiter;
class RequestLog;

struct EtsySandboxOptions
{
    QString keystring = QStringLiteral("sandboxkeystring");
    QString sharedSecret = QStringLiteral("sandboxsecret");
    qint64 userId = 4242;
    qint64 shopId = 90210;
    QString shopName = QStringLiteral("SandboxCrafts");
    QString currency = QStringLiteral("USD");
    int perSecondLimit = 10;
    int perDayLimit = 10000;
    int accessTokenLifetimeSeconds = 3600;
    int seedListings = 0; // active listings already in the shop, generated deterministically
};

// Etsy Open API v3 for one seller on 127.0.0.1: OAuth 2.0 with PKCE and
// rotating refresh tokens, x-api-key checks, Etsy's per-second and per-day
// limits, listings with images and inventory, faults on the wire, and a
// request log for the contract check. The HTTP server runs on a thread of
// its own; every method here may be called from any thread while it serves.
class EtsySandbox : public QObject
{
    Q_OBJECT

public:
    using Tokens = EtsyTokens;

    explicit EtsySandbox(EtsySandboxOptions options = {}, QObject *parent = nullptr);
    ~EtsySandbox() override;

    // Listens on 127.0.0.1 (0: a free port); false if it cannot.
    bool listen(quint16 port = 0);
    QUrl url() const; // http://127.0.0.1:<port>: the API origin, /oauth/connect too
    QUrl authorizeUrl() const { return QUrl(url().toString() + QStringLiteral("/oauth/connect")); }
    QUrl tokenUrl() const { return QUrl(url().toString() + QStringLiteral("/v3/public/oauth/token")); }
    QString apiKey() const { return m_options.keystring + u':' + m_options.sharedSecret; } // x-api-key value
    const EtsySandboxOptions &options() const { return m_options; }

    // Tokens, without the browser round trip.
    Tokens issueTokens();
    bool expireAccessToken(const QString &accessToken);
    bool revokeRefreshToken(const QString &refreshToken);

    // Rate limits. A frozen clock makes "within one second" exact in tests.
    void setRemainingToday(int remaining);
    void freezeClock();
    void advanceClock(qint64 ms); // freezes the clock too

    // Faults for the next matching requests (see EtsyFault).
    void addFault(const EtsyFault &fault);
    void clearFaults();
    void failNext(const QByteArray &method, const QString &pathPattern, int status, int count = 1);
    void dropNext(const QByteArray &method, const QString &pathPattern, int count = 1);
    void delayNext(const QByteArray &method, const QString &pathPattern, int delayMs, int count = 1);
    // Carry the request out, then hang up (status 0) or answer `status` instead.
    void commitThenLoseReply(const QByteArray &method, const QString &pathPattern, int status = 0, int count = 1);
    void malformedNext(const QByteArray &method, const QString &pathPattern, int count = 1);

    // One JSON line per /v3 request (README.md); empty path: stop. False if it cannot open.
    bool setRequestLog(const QString &path);

    // State.
    QList<QJsonObject> listings() const;
    std::optional<QJsonObject> listing(qint64 listingId) const;
    QJsonObject inventory(qint64 listingId) const;
    QList<EtsyImage> images(qint64 listingId) const;
    int imageCount(qint64 listingId) const;
    EtsyCounters counters() const;
    void resetCounters();

private:
    EtsySandboxOptions m_options;
    mutable QMutex m_mutex; // everything below, for the server thread and callers alike
    SandboxClock m_clock;
    std::unique_ptr<EtsyShop> m_shop;
    std::unique_ptr<ListingStore> m_store;
    std::unique_ptr<EtsyAuth> m_auth;
    std::unique_ptr<RateLimiter> m_limiter;
    EtsyFaults m_faults;
    std::unique_ptr<RequestLog> m_log;
    EtsyCounters m_counters;
    std::unique_ptr<EtsyApi> m_api;
    std::unique_ptr<EtsyRouter> m_router;
    QThread m_thread;
    EtsyHttpServer *m_server = nullptr; // lives in m_thread
    quint16 m_port = 0;
};

} // namespace storeloom::sandbox::etsy
