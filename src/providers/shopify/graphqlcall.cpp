#include "graphqlcall.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace storeloom::shopify {

void postGraphql(QNetworkAccessManager *network, const QUrl &url, const QString &accessToken,
                 const QString &document, const QJsonObject &variables, int timeoutMs,
                 const QObject *context, std::function<void(const GraphqlReply &)> done)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("X-Shopify-Access-Token", accessToken.toUtf8());
    request.setTransferTimeout(timeoutMs);
    QJsonObject body{{QStringLiteral("query"), document}};
    if (!variables.isEmpty())
        body.insert(QStringLiteral("variables"), variables);
    QNetworkReply *reply = network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        // A reset after the status line still leaves a broken body: report the transport.
        const bool broken = reply->error() != QNetworkReply::NoError && status == 0;
        done(parseGraphqlReply(broken ? 0 : status, bytes,
                               broken ? reply->errorString() : QString()));
    });
}

} // namespace storeloom::shopify
