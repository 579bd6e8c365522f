#include "woosandbox.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QUrlQuery>
#include <algorithm>

namespace storeloom::sandbox {

namespace {

using Status = QHttpServerResponder::StatusCode;

QHttpServerResponse wooError(const QString &code, const QString &message, Status status)
{
    return QHttpServerResponse(
        QJsonObject{{QStringLiteral("code"), code},
                    {QStringLiteral("message"), message},
                    {QStringLiteral("data"), QJsonObject{{QStringLiteral("status"), int(status)}}}},
        status);
}

QByteArray encoded(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

// RFC 5849 §3.4.1: METHOD & encoded base URL & encoded sorted parameters.
QByteArray signatureBase(const QByteArray &method, const QUrl &url,
                         QList<std::pair<QString, QString>> parameters)
{
    std::sort(parameters.begin(), parameters.end(), [](const auto &a, const auto &b) {
        return encoded(a.first) != encoded(b.first) ? encoded(a.first) < encoded(b.first)
                                                    : encoded(a.second) < encoded(b.second);
    });
    QByteArrayList pairs;
    for (const auto &[name, value] : parameters)
        pairs.append(encoded(name) + '=' + encoded(value));
    const QByteArray baseUrl = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toEncoded();
    return method + '&' + QUrl::toPercentEncoding(QString::fromUtf8(baseUrl)) + '&' +
           QUrl::toPercentEncoding(QString::fromUtf8(pairs.join('&')));
}

} // namespace

WooSandbox::WooSandbox(Store store) : m_store(std::move(store))
{
    m_server.route(QStringLiteral("/wp-json/"), [this] {
        return QHttpServerResponse(QJsonObject{{QStringLiteral("name"), m_store.title},
                                               {QStringLiteral("url"), m_url.toString()}});
    });
    m_server.route(
        QStringLiteral("/wp-json/wc/v3/system_status"), [this](const QHttpServerRequest &request) {
            if (const QString error = authenticationError(request.url(), QByteArrayLiteral("GET"));
                !error.isEmpty())
                return wooError(QStringLiteral("woocommerce_rest_authentication_error"), error,
                                Status::Unauthorized);
            ++m_authenticated;
            return QHttpServerResponse(
                QJsonObject{{QStringLiteral("environment"),
                             QJsonObject{{QStringLiteral("home_url"), m_url.toString()},
                                         {QStringLiteral("site_url"), m_url.toString()},
                                         {QStringLiteral("version"), QStringLiteral("9.4.2")}}},
                            {QStringLiteral("settings"),
                             QJsonObject{{QStringLiteral("currency"), m_store.currency}}}});
        });
}

bool WooSandbox::listen(quint16 port)
{
    const quint16 bound = m_server.listen(QHostAddress::LocalHost, port);
    if (bound == 0)
        return false;
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(bound));
    return true;
}

QString WooSandbox::authenticationError(const QUrl &requestUrl, const QByteArray &method)
{
    const QUrlQuery query(requestUrl);
    QList<std::pair<QString, QString>> parameters;
    QString signature;
    QString signatureMethod;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (name == QLatin1String("oauth_signature"))
            signature = value;
        else
            parameters.append({name, value});
        if (name == QLatin1String("oauth_signature_method"))
            signatureMethod = value;
    }
    const auto value = [&](const char *name) { return query.queryItemValue(QLatin1String(name)); };
    if (value("oauth_consumer_key").isEmpty() || signature.isEmpty() ||
        value("oauth_nonce").isEmpty() || value("oauth_timestamp").isEmpty())
        return QStringLiteral("Consumer key is missing.");
    if (value("oauth_consumer_key") != m_store.consumerKey)
        return QStringLiteral("Consumer key is invalid.");
    QCryptographicHash::Algorithm algorithm;
    if (signatureMethod == QLatin1String("HMAC-SHA1"))
        algorithm = QCryptographicHash::Sha1;
    else if (signatureMethod == QLatin1String("HMAC-SHA256"))
        algorithm = QCryptographicHash::Sha256;
    else
        return QStringLiteral("Invalid signature - signature method is invalid.");
    const qint64 age = QDateTime::currentSecsSinceEpoch() - value("oauth_timestamp").toLongLong();
    if (age > 15 * 60 || age < -15 * 60)
        return QStringLiteral("Invalid timestamp.");
    const QByteArray expected =
        QMessageAuthenticationCode::hash(signatureBase(method, requestUrl, parameters),
                                         m_store.consumerSecret.toUtf8() + '&', algorithm)
            .toBase64();
    if (expected != signature.toUtf8())
        return QStringLiteral("Invalid signature - provided signature does not match.");
    if (m_usedNonces.contains(value("oauth_nonce")))
        return QStringLiteral("Invalid nonce - nonce has already been used.");
    m_usedNonces.insert(value("oauth_nonce"));
    return {};
}

} // namespace storeloom::sandbox
