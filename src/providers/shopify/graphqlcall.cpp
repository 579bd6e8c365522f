#include "graphqlcall.h"

#include "http/networkjob.h"

#include <QJsonDocument>

namespace storeloom::shopify {

void postGraphql(QNetworkAccessManager *network, const QUrl &url, const QString &accessToken,
                 const QString &document, const QJsonObject &variables, int timeoutMs,
                 const QObject *context, std::function<void(const GraphqlReply &)> done)
{
    NetworkRequest request;
    request.verb = "POST";
    request.url = url;
    request.headers = {{"Accept", "application/json"},
                       {"X-Shopify-Access-Token", accessToken.toUtf8()}};
    request.contentType = "application/json";
    QJsonObject body{{QStringLiteral("query"), document}};
    if (!variables.isEmpty())
        body.insert(QStringLiteral("variables"), variables);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.timeoutMs = timeoutMs;
    request.operation = QStringLiteral("graphql");
    NetworkJob::send(*network, std::move(request), context,
                     [done = std::move(done)](const NetworkAnswer &answer) {
                         // A reset after the status line still leaves a broken body:
                         // report the transport.
                         done(parseGraphqlReply(answer.answered() ? answer.status : 0, answer.body,
                                                answer.transportError));
                     });
}

} // namespace storeloom::shopify
