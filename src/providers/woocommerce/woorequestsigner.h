#pragma once

#include <QNetworkRequest>
#include <QString>

namespace storeloom {

// How WooCommerce wants REST requests authenticated: HTTP Basic with the
// consumer key and secret over https; over plain http (allowed here only for
// a store on this machine) a one-legged OAuth 1.0a HMAC-SHA1 signature in
// the query string.
QNetworkRequest wooSignedGet(const QUrl &url, const QString &consumerKey,
                             const QString &consumerSecret);

} // namespace storeloom
