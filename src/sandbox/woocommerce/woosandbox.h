#pragma once

#include <QHttpServer>
#include <QSet>
#include <QString>
#include <QUrl>

namespace storeloom::sandbox {

// A WooCommerce store's REST API on 127.0.0.1, as far as connecting needs
// it: the public index (/wp-json/, the site's name) and an authenticated
// /wp-json/wc/v3/system_status. Over plain http WooCommerce accepts only
// OAuth 1.0a one-legged signatures (HMAC-SHA1/SHA256 with the consumer
// secret), refuses reused nonces and stale timestamps, and answers with its
// own error shapes — and so does this sandbox.
class WooSandbox
{
public:
    struct Store
    {
        QString title = QStringLiteral("Wool Corner");
        QString consumerKey;
        QString consumerSecret;
        QString currency = QStringLiteral("EUR");
    };

    explicit WooSandbox(Store store);

    // Listens on 127.0.0.1 (port 0: a free one); false if it cannot.
    bool listen(quint16 port = 0);
    QUrl url() const { return m_url; }
    int authenticatedRequests() const { return m_authenticated; }

    // Empty when the request's OAuth 1.0a parameters are valid, else
    // WooCommerce's message for why not.
    QString authenticationError(const QUrl &requestUrl, const QByteArray &method);

private:
    Store m_store;
    QHttpServer m_server;
    QUrl m_url;
    QSet<QString> m_usedNonces;
    int m_authenticated = 0;
};

} // namespace storeloom::sandbox
