#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace storeloom::shopify {

// Shopify signs the redirect of an authorization: `hmac` is the hex
// HMAC-SHA256, keyed with the app's client secret, of every other query pair
// sorted by key and joined as k=v&k=v (values decoded). Compared in constant
// time, so a forger learns nothing from how long a refusal takes.
bool callbackSignatureValid(const QUrl &redirect, const QByteArray &clientSecret);

// Empty when `redirect` is Shopify's signed answer for `shopDomain`, else why not.
QString callbackRefusal(const QUrl &redirect, const QByteArray &clientSecret,
                        const QString &shopDomain);

// Constant-time equality of two byte strings (length is not secret).
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace storeloom::shopify
