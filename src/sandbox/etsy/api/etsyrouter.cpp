#include "etsyrouter.h"

#include "etsy/auth/etsyauth.h"
#include "etsy/etsylogging.h"
#include "etsy/server/etsyfaults.h"
#include "etsy/server/etsyhttpserver.h"
#include "etsy/server/ratelimiter.h"
#include "etsy/server/requestlog.h"
#include "etsy/store/imagebytes.h"
#include "etsyapi.h"

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

EtsyRouter::EtsyRouter(EtsyApi &api, EtsyAuth &auth, RateLimiter &limiter, EtsyFaults &faults, RequestLog &log,
                       EtsyCounters &counters)
    : m_api(api), m_auth(auth), m_limiter(limiter), m_faults(faults), m_log(log), m_counters(counters)
{
    addRoutes();
}

void EtsyRouter::route(const QByteArray &method, const QString &pattern, const QString &operation, Handler handler,
                       bool needsToken)
{
    QString regex = pattern;
    regex.replace(u"{id}"_s, u"([0-9]+)"_s);
    m_routes.push_back({method, QRegularExpression(QRegularExpression::anchoredPattern(u"/v3/application"_s + regex)),
                        operation, needsToken, std::move(handler)});
}

void EtsyRouter::addRoutes()
{
    EtsyApi &api = m_api;
    route("GET", u"/openapi-ping"_s, u"ping"_s, [&api](auto &, auto &) { return api.ping(); }, false);
    route("GET", u"/users/me"_s, u"getMe"_s, [&api](auto &, auto &) { return api.getMe(); });
    route("GET", u"/shops/{id}"_s, u"getShop"_s, [&api](auto &, auto &ids) { return api.getShop(ids[0]); });
    route("GET", u"/shops/{id}/shipping-profiles"_s, u"getShopShippingProfiles"_s,
          [&api](auto &, auto &ids) { return api.getShopShippingProfiles(ids[0]); });
    route("GET", u"/shops/{id}/readiness-state-definitions"_s, u"getShopReadinessStateDefinitions"_s,
          [&api](auto &, auto &ids) { return api.getShopReadinessStateDefinitions(ids[0]); });
    route("GET", u"/seller-taxonomy/nodes"_s, u"getSellerTaxonomyNodes"_s,
          [&api](auto &, auto &) { return api.getSellerTaxonomyNodes(); });
    route("POST", u"/shops/{id}/listings"_s, u"createDraftListing"_s,
          [&api](auto &request, auto &ids) { return api.createDraftListing(ids[0], request); });
    route("GET", u"/shops/{id}/listings"_s, u"getListingsByShop"_s,
          [&api](auto &request, auto &ids) { return api.getListingsByShop(ids[0], request); });
    route("PATCH", u"/shops/{id}/listings/{id}"_s, u"updateListing"_s,
          [&api](auto &request, auto &ids) { return api.updateListing(ids[0], ids[1], request); });
    route("GET", u"/listings/{id}"_s, u"getListing"_s, [&api](auto &, auto &ids) { return api.getListing(ids[0]); });
    route("DELETE", u"/listings/{id}"_s, u"deleteListing"_s,
          [&api](auto &, auto &ids) { return api.deleteListing(ids[0]); });
    route("POST", u"/shops/{id}/listings/{id}/images"_s, u"uploadListingImage"_s,
          [&api](auto &request, auto &ids) { return api.uploadListingImage(ids[0], ids[1], request); });
    route("GET", u"/listings/{id}/images"_s, u"getListingImages"_s,
          [&api](auto &, auto &ids) { return api.getListingImages(ids[0]); });
    route("DELETE", u"/shops/{id}/listings/{id}/images/{id}"_s, u"deleteListingImage"_s,
          [&api](auto &, auto &ids) { return api.deleteListingImage(ids[0], ids[1], ids[2]); });
    route("GET", u"/listings/{id}/inventory"_s, u"getListingInventory"_s,
          [&api](auto &, auto &ids) { return api.getListingInventory(ids[0]); });
    route("PUT", u"/listings/{id}/inventory"_s, u"updateListingInventory"_s,
          [&api](auto &request, auto &ids) { return api.updateListingInventory(ids[0], request); });
}

WireReply EtsyRouter::handle(const HttpRequest &request)
{
    const QString path = request.url.path();
    WireReply reply;
    if (path.startsWith(u"/_sandbox/images/"_s) && path.endsWith(u".png"_s) && request.method == "GET") {
        reply.response.body = generatedPng(path.mid(17).chopped(4));
        reply.response.header("Content-Type", "image/png");
        return reply;
    }
    if (path == u"/oauth/connect"_s && request.method == "GET") {
        reply.response = m_auth.connect(request.url);
        return reply;
    }
    if (!path.startsWith(u"/v3/"_s)) {
        reply.response = EtsyApi::error(404, u"Not Found"_s);
        return reply;
    }

    m_log.record(request);
    ++m_counters.requests;
    const std::optional<EtsyFault> fault = m_faults.take(request.method, path);
    if (fault)
        ++m_counters.faultsInjected;
    if (fault && fault->kind == EtsyFault::Kind::Status) {
        reply.response = EtsyApi::error(fault->status, QString::fromLatin1(statusText(fault->status)));
        return reply;
    }
    if (fault && fault->kind == EtsyFault::Kind::Drop) {
        reply.drop = true;
        return reply;
    }
    QString operation;
    if (path == u"/v3/public/oauth/token"_s && request.method == "POST") {
        operation = u"oauthToken"_s;
        reply.response = m_auth.token(request);
    } else {
        reply.response = application(request, &operation);
    }
    if (!operation.isEmpty()) {
        EtsyOperationCounters &counters = m_counters.operations[operation];
        ++counters.requests;
        counters.created += reply.response.status == 201;
        counters.throttled += reply.response.status == 429;
    }
    m_counters.throttled += reply.response.status == 429;
    if (fault)
        applyCommitFault(*fault, &reply);
    qCDebug(lcEtsySandbox) << request.method << path << "->" << reply.response.status << (reply.drop ? "dropped" : "");
    return reply;
}

HttpResponse EtsyRouter::application(const HttpRequest &request, QString *operation)
{
    const QString keyError = m_auth.apiKeyError(request.header("x-api-key"));
    if (!keyError.isEmpty())
        return EtsyApi::error(403, keyError);
    const QString path = request.url.path();
    const Route *matched = nullptr;
    QRegularExpressionMatch match;
    bool pathKnown = false;
    for (const Route &candidate : m_routes) {
        match = candidate.path.match(path);
        if (!match.hasMatch())
            continue;
        pathKnown = true;
        if (candidate.method == request.method) {
            matched = &candidate;
            break;
        }
    }
    if (matched)
        *operation = matched->operation;
    // Etsy counts every keyed request against the budget; a refused one costs nothing.
    const RateDecision limit = m_limiter.take(m_auth.settings().keystring);
    HttpResponse response;
    if (!limit.allowed) {
        response = EtsyApi::error(429, u"Too many requests"_s);
        response.header("retry-after", QByteArray::number(limit.retryAfterSecs));
    } else if (!matched) {
        response = pathKnown ? EtsyApi::error(405, u"Method Not Allowed"_s) : EtsyApi::error(404, u"Not Found"_s);
    } else if (matched->needsToken && !m_auth.bearerValid(request.header("authorization"))) {
        response = EtsyApi::error(401, u"invalid_token"_s);
    } else {
        QList<qint64> ids;
        for (int i = 1; i <= match.lastCapturedIndex(); ++i)
            ids.append(match.captured(i).toLongLong());
        response = matched->handler(request, ids);
    }
    const RateLimits limits = m_limiter.limits();
    response.header("x-limit-per-second", QByteArray::number(limits.perSecond));
    response.header("x-remaining-this-second", QByteArray::number(limit.remainingThisSecond));
    response.header("x-limit-per-day", QByteArray::number(limits.perDay));
    response.header("x-remaining-today", QByteArray::number(limit.remainingToday));
    return response;
}

void EtsyRouter::applyCommitFault(const EtsyFault &fault, WireReply *reply)
{
    switch (fault.kind) {
    case EtsyFault::Kind::Delay:
        reply->delayMs = fault.delayMs;
        break;
    case EtsyFault::Kind::CommitThenDrop:
        reply->drop = true;
        break;
    case EtsyFault::Kind::CommitThenStatus:
        reply->response = EtsyApi::error(fault.status, QString::fromLatin1(statusText(fault.status)));
        break;
    case EtsyFault::Kind::Malformed:
        // Content-Length matches; the JSON does not end.
        reply->response.body.truncate(std::max<qsizetype>(1, reply->response.body.size() / 2));
        break;
    case EtsyFault::Kind::Status:
    case EtsyFault::Kind::Drop:
        break; // handled before the request was carried out
    }
}

} // namespace storeloom::sandbox::etsy
