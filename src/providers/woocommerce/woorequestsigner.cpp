#include "woorequestsigner.h"

#include <QDateTime>
#include <QOAuth1Signature>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace storeloom {

QNetworkRequest wooSignedGet(const QUrl &url, const QString &consumerKey,
                             const QString &consumerSecret)
{
    if (url.scheme() == QLatin1String("https")) {
        QNetworkRequest request(url);
        request.setRawHeader(
            "Authorization",
            "Basic " + (consumerKey + QLatin1Char(':') + consumerSecret).toUtf8().toBase64());
        return request;
    }
    QMultiMap<QString, QVariant> parameters;
    const QUrlQuery existing(url);
    for (const auto &[name, value] : existing.queryItems(QUrl::FullyDecoded))
        parameters.insert(name, value);
    quint64 nonce[2];
    QRandomGenerator::system()->fillRange(nonce);
    parameters.insert(QStringLiteral("oauth_consumer_key"), consumerKey);
    parameters.insert(QStringLiteral("oauth_nonce"),
                      QString::fromLatin1(
                          QByteArray(reinterpret_cast<const char *>(nonce), sizeof nonce).toHex()));
    parameters.insert(QStringLiteral("oauth_signature_method"), QStringLiteral("HMAC-SHA1"));
    parameters.insert(QStringLiteral("oauth_timestamp"),
                      QString::number(QDateTime::currentSecsSinceEpoch()));
    const QUrl base = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QOAuth1Signature signature(base, consumerSecret, QString(),
                               QOAuth1Signature::HttpRequestMethod::Get, parameters);

    QUrlQuery query;
    for (auto it = parameters.cbegin(); it != parameters.cend(); ++it)
        query.addQueryItem(it.key(),
                           QString::fromUtf8(QUrl::toPercentEncoding(it.value().toString())));
    query.addQueryItem(QStringLiteral("oauth_signature"),
                       QString::fromUtf8(QUrl::toPercentEncoding(
                           QString::fromLatin1(signature.hmacSha1().toBase64()))));
    QUrl signedUrl = base;
    signedUrl.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return QNetworkRequest(signedUrl);
}

} // namespace storeloom
