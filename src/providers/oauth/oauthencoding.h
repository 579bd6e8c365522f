#pragma once

#include <QMultiMap>
#include <QString>
#include <QUrl>
#include <QVariant>
#include <QVariantMap>

// Form encoding for OAuth parameters, done here because Qt 6.4's
// QOAuth2AuthorizationCodeFlow gets it wrong: it builds its queries with
// QUrlQuery::addQueryItem, which leaves '+' as is (read back as a space) and
// keeps existing %XX sequences, so a value can arrive altered, decoded or
// encoded twice. Values given to Qt pre-encoded with encodeValue() pass through
// QUrlQuery unchanged.
namespace storeloom::oauth {

// RFC 3986 percent-encoding of everything but the unreserved characters.
QString encodeValue(const QString &value);

// Replaces every value of an OAuth parameter map by its encodeValue() form.
void encodeValues(QMultiMap<QString, QVariant> *parameters);

// The parameters of a redirect URL (query, or fragment when the query is
// empty), decoded as application/x-www-form-urlencoded: '+' is a space, %XX
// sequences are decoded once.
QVariantMap redirectParameters(const QUrl &url);

// Whether `url` was sent to `redirectUri`: same scheme, host, port (default
// ports made explicit) and path; query and fragment are not compared.
bool sameRedirectTarget(const QUrl &url, const QUrl &redirectUri);

} // namespace storeloom::oauth
