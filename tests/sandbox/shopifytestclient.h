#pragma once

#include "shopify/shopifysandbox.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace storeloom::test {

// Talks to a ShopifySandbox over real HTTP, one request at a time, the way
// the adapter will: QNetworkAccessManager, JSON bodies, the access token
// header. Waits with a local event loop.
class ShopifyTestClient
{
public:
    struct Reply
    {
        int status = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray body;
        QList<QNetworkReply::RawHeaderPair> headers;

        QJsonObject json() const;
        bool isJson() const;
        QByteArray header(const QByteArray &name) const;
        // extensions.cost.requestedQueryCost / actualQueryCost, -1 when null.
        qint64 requestedCost() const;
        qint64 actualCost() const;
        QString firstErrorCode() const; // errors[0].extensions.code
        QString firstErrorMessage() const;
    };

    explicit ShopifyTestClient(sandbox::shopify::ShopifySandbox &sandbox, QString token = {});

    void setToken(const QString &token) { m_token = token; }
    void setVersion(const QString &version) { m_version = version; }

    Reply graphql(const QString &query, const QJsonObject &variables = {}, const QString &operationName = {});
    // One of the adapter's documents in src/providers/shopify/graphql.
    Reply document(const QString &name, const QJsonObject &variables = {});
    Reply get(const QUrl &url);
    Reply post(const QUrl &url, const QByteArray &body, const QByteArray &contentType);

    static QString documentText(const QString &name);

private:
    Reply wait(QNetworkReply *reply);

    sandbox::shopify::ShopifySandbox &m_sandbox;
    QString m_token;
    QString m_version = QStringLiteral("2026-07");
    QNetworkAccessManager m_network;
};

} // namespace storeloom::test
