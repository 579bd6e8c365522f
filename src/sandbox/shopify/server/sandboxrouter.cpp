#include "sandboxrouter.h"

#include "graphqlendpoint.h"
#include "httpserver.h"
#include "shopify/auth/shopifyauth.h"
#include "shopify/bulk/bulkoperations.h"
#include "shopify/shopifylogging.h"

#include <QRegularExpression>
#include <QUuid>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;

SandboxRouter::SandboxRouter(GraphqlEndpoint &graphql, ShopifyAuth &auth, BulkOperations &bulk,
                             FaultInjector &faults, CounterBoard &counters)
    : m_graphql(graphql), m_auth(auth), m_bulk(bulk), m_faults(faults), m_counters(counters)
{
}

HttpResponse SandboxRouter::handle(const HttpRequest &request, const QString &origin)
{
    static const QRegularExpression graphqlPath(u"^/admin/api/([^/]+)/graphql\\.json$"_s);
    static const QRegularExpression bulkPath(u"^/bulk/([^/]+)$"_s);
    const QString path = request.url.path();
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    HttpResponse response;
    if (const auto match = graphqlPath.match(path); match.hasMatch()) {
        response = post ? graphql(match.captured(1), request, origin)
                        : HttpResponse::json(405, QByteArray(R"({"errors":"Method Not Allowed"})"));
    } else if (path == u"/admin/oauth/authorize"_s && get) {
        response = m_auth.authorize(request.url);
    } else if (path == u"/admin/oauth/access_token"_s && post) {
        response = m_auth.accessToken(request);
    } else if (const auto bulk = bulkPath.match(path); bulk.hasMatch() && get) {
        response = bulkDownload(bulk.captured(1));
    } else {
        response = HttpResponse::json(404, QByteArray(R"({"errors":"Not Found"})"));
    }
    response.header("X-Request-Id", QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    qCDebug(lcShopifySandbox) << request.method << path << "->" << response.status;
    return response;
}

HttpResponse SandboxRouter::graphql(const QString &version, const HttpRequest &request, const QString &origin)
{
    const FaultDecision decision = m_faults.decide(FaultRule::Target::GraphQL);
    if (decision.any())
        m_counters.update([](SandboxCounters &c) { ++c.faultsInjected; });
    HttpResponse response = decision.status ? serverError(decision.status)
                                            : m_graphql.handle(version, request, origin, decision.throttle);
    if (decision.status)
        m_counters.update([](SandboxCounters &c) { ++c.requests; });
    response.header("X-Shopify-API-Version", version.toUtf8());
    applyWireFaults(decision, &response);
    return response;
}

HttpResponse SandboxRouter::bulkDownload(const QString &name)
{
    const FaultDecision decision = m_faults.decide(FaultRule::Target::BulkDownload);
    if (decision.any())
        m_counters.update([](SandboxCounters &c) { ++c.faultsInjected; });
    if (decision.status)
        return serverError(decision.status);
    const QString file = m_bulk.resultFile(name);
    if (file.isEmpty()) {
        // What a storage bucket says for an object that is not there.
        HttpResponse missing;
        missing.status = 404;
        missing.body = "<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code>"
                       "<Message>The specified key does not exist.</Message></Error>";
        missing.header("Content-Type", "application/xml; charset=UTF-8");
        return missing;
    }
    m_counters.update([](SandboxCounters &c) { ++c.bulkDownloads; });
    HttpResponse response;
    response.filePath = file;
    response.header("Content-Type", "application/jsonl");
    applyWireFaults(decision, &response);
    return response;
}

void SandboxRouter::applyWireFaults(const FaultDecision &decision, HttpResponse *response)
{
    response->delayMs = decision.delayMs;
    response->resetMidway = decision.reset;
    if (decision.malformed && response->filePath.isEmpty()) {
        // A body cut short: Content-Length matches, the JSON does not end.
        response->body.truncate(std::max<qsizetype>(1, response->body.size() / 2));
    }
}

HttpResponse SandboxRouter::serverError(int status)
{
    HttpResponse response = HttpResponse::json(
        status, QJsonObject{{u"errors"_s, QString::fromLatin1(reasonPhrase(status))}});
    if (status == 503)
        response.header("Retry-After", "1");
    return response;
}

} // namespace storeloom::sandbox::shopify
