#pragma once

#include "etsy/server/etsycounters.h"
#include "etsy/server/wirereply.h"

#include <QRegularExpression>

#include <functional>
#include <vector>

namespace storeloom::sandbox::etsy {

class EtsyApi;
class EtsyAuth;
class EtsyFaults;
class RateLimiter;
class RequestLog;
struct EtsyFault;

// Every request's way through the sandbox: the request log, faults, the
// OAuth endpoints, then for /v3/application the API key, the rate limits
// (with their headers on every answer), the route, the bearer token and
// the operation. Guarded by the sandbox's lock.
class EtsyRouter
{
public:
    EtsyRouter(EtsyApi &api, EtsyAuth &auth, RateLimiter &limiter, EtsyFaults &faults, RequestLog &log,
               EtsyCounters &counters);

    WireReply handle(const HttpRequest &request);

private:
    using Handler = std::function<HttpResponse(const HttpRequest &, const QList<qint64> &ids)>;
    struct Route
    {
        QByteArray method;
        QRegularExpression path;
        QString operation;
        bool needsToken = true;
        Handler handler;
    };

    void addRoutes();
    void route(const QByteArray &method, const QString &pattern, const QString &operation, Handler handler,
               bool needsToken = true);
    HttpResponse application(const HttpRequest &request, QString *operation);
    void applyCommitFault(const EtsyFault &fault, WireReply *reply);

    EtsyApi &m_api;
    EtsyAuth &m_auth;
    RateLimiter &m_limiter;
    EtsyFaults &m_faults;
    RequestLog &m_log;
    EtsyCounters &m_counters;
    std::vector<Route> m_routes;
};

} // namespace storeloom::sandbox::etsy
