#pragma once

#include "etsy/etsysandbox.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace storeloom::test {

// Talks to an EtsySandbox over real HTTP the way the adapter will:
// QNetworkAccessManager, x-api-key and a bearer token, form bodies for
// listings, JSON for inventory, multipart for images. One request at a
// time, waiting with a local event loop.
class EtsyTestClient
{
public:
    struct Reply
    {
        int status = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray body;
        QList<QNetworkReply::RawHeaderPair> headers;

        QJsonObject json() const;
        QString errorMessage() const { return json().value(QStringLiteral("error")).toString(); }
        QByteArray header(const QByteArray &name) const;
    };

    explicit EtsyTestClient(sandbox::etsy::EtsySandbox &sandbox);

    void setAccessToken(const QString &token) { m_token = token; }
    void setApiKey(const QByteArray &key) { m_apiKey = key; } // empty: no header

    // `path` below /v3/application, e.g. "/users/me"; query included.
    Reply get(const QString &path);
    Reply del(const QString &path);
    Reply form(const QByteArray &method, const QString &path, const QList<QPair<QString, QString>> &fields);
    Reply putJson(const QString &path, const QJsonObject &body);
    Reply upload(const QString &path, const QByteArray &image, const QList<QPair<QString, QString>> &fields = {},
                 const QString &filename = QStringLiteral("photo.png"));

    // Outside /v3/application: the OAuth pages and the image host.
    Reply getUrl(const QUrl &url);
    Reply postForm(const QUrl &url, const QList<QPair<QString, QString>> &fields);

    // A valid createDraftListing form, with `changes` replacing or adding fields.
    QList<QPair<QString, QString>> listingForm(const QList<QPair<QString, QString>> &changes = {}) const;
    // Creates a draft listing and returns its id (0 on failure).
    qint64 createListing(const QList<QPair<QString, QString>> &changes = {});

    static QByteArray encodeForm(const QList<QPair<QString, QString>> &fields);

private:
    QNetworkRequest request(const QString &path) const;
    Reply wait(QNetworkReply *reply);

    sandbox::etsy::EtsySandbox &m_sandbox;
    QString m_token;
    QByteArray m_apiKey;
    QNetworkAccessManager m_network;
};

} // namespace storeloom::test
