#include "shopifyauth.h"

#include "shopify/shopifylogging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <algorithm>
#include <chrono>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;

namespace {

HttpResponse oauthError(const QString &error, const QString &description)
{
    return HttpResponse::json(400, QJsonObject{{u"error"_s, error}, {u"error_description"_s, description}});
}

QStringList splitScopes(const QString &scope)
{
    QStringList scopes = scope.split(QRegularExpression(u"[,\\s]+"_s), Qt::SkipEmptyParts);
    scopes.removeDuplicates();
    return scopes;
}

// application/x-www-form-urlencoded: '+' is a space, then percent-decoding.
QHash<QString, QString> formFields(const QByteArray &body)
{
    QHash<QString, QString> fields;
    for (QByteArray pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        pair.replace('+', ' ');
        const qsizetype equals = pair.indexOf('=');
        const QByteArray key = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        fields.insert(QUrl::fromPercentEncoding(key), QUrl::fromPercentEncoding(value));
    }
    return fields;
}

QByteArray encodedQuery(const QList<QPair<QString, QString>> &pairs)
{
    QByteArrayList parts;
    for (const auto &[key, value] : pairs)
        parts.append(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value));
    return parts.join('&');
}

} // namespace

ShopifyAuth::ShopifyAuth(AuthSettings settings) : m_settings(std::move(settings)) {}

AuthSettings ShopifyAuth::settings() const
{
    QMutexLocker locker(&m_mutex);
    return m_settings;
}

void ShopifyAuth::setSettings(const AuthSettings &settings)
{
    QMutexLocker locker(&m_mutex);
    m_settings = settings;
}

qint64 ShopifyAuth::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

QString ShopifyAuth::randomToken(const QString &prefix)
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return prefix + QString::fromLatin1(bytes.toHex());
}

QString ShopifyAuth::callbackHmac(QList<QPair<QString, QString>> pairs, const QString &secret)
{
    std::sort(pairs.begin(), pairs.end());
    QStringList joined;
    for (const auto &[key, value] : pairs)
        joined.append(key + u'=' + value);
    return QString::fromLatin1(QMessageAuthenticationCode::hash(joined.join(u'&').toUtf8(), secret.toUtf8(),
                                                                QCryptographicHash::Sha256)
                                   .toHex());
}

bool ShopifyAuth::redirectAllowed(const QUrl &redirect) const
{
    if (!redirect.isValid() || redirect.isRelative())
        return false;
    const QString bare = redirect.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
    if (m_settings.redirectAllowList.contains(bare))
        return true;
    return redirect.scheme() == u"http"_s &&
           (redirect.host() == u"127.0.0.1"_s || redirect.host() == u"localhost"_s);
}

HttpResponse ShopifyAuth::authorize(const QUrl &url)
{
    const QUrlQuery query(url);
    const auto value = [&](const QString &key) { return query.queryItemValue(key, QUrl::FullyDecoded); };
    QMutexLocker locker(&m_mutex);
    if (value(u"client_id"_s) != m_settings.clientId) {
        return HttpResponse::html(400, u"Oauth error invalid_request: Could not find Shopify API application "
                                       "with api_key %1"_s.arg(value(u"client_id"_s)));
    }
    const QUrl redirect(value(u"redirect_uri"_s));
    if (!redirectAllowed(redirect))
        return HttpResponse::html(400, u"Oauth error invalid_request: The redirect_uri is missing or not whitelisted"_s);
    QList<QPair<QString, QString>> pairs;
    for (const auto &item : QUrlQuery(redirect).queryItems(QUrl::FullyDecoded))
        pairs.append(item);
    const QString state = value(u"state"_s);
    if (m_settings.denyAuthorization) {
        pairs.append({u"error"_s, u"access_denied"_s});
        pairs.append({u"error_description"_s, u"The merchant declined to install the app."_s});
        if (!state.isNull())
            pairs.append({u"state"_s, state});
    } else {
        const QString code = randomToken({});
        m_codes.insert(code, {splitScopes(value(u"scope"_s)), nowMs(), false});
        const QString shopName = m_settings.shopDomain.section(u'.', 0, 0);
        const QByteArray host = QByteArray("admin.shopify.com/store/" + shopName.toUtf8())
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        pairs.append({u"code"_s, code});
        pairs.append({u"host"_s, QString::fromLatin1(host)});
        pairs.append({u"shop"_s, m_settings.shopDomain});
        if (!state.isNull())
            pairs.append({u"state"_s, state});
        pairs.append({u"timestamp"_s, QString::number(QDateTime::currentSecsSinceEpoch())});
        QString hmac = callbackHmac(pairs, m_settings.clientSecret);
        if (m_settings.tamperHmac)
            hmac[0] = hmac.at(0) == u'0' ? u'1' : u'0';
        pairs.append({u"hmac"_s, hmac});
        std::stable_sort(pairs.begin(), pairs.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    }
    const QByteArray location =
        redirect.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toEncoded() + '?' + encodedQuery(pairs);
    qCDebug(lcShopifySandbox) << "authorize: redirecting to" << redirect.toString();
    return HttpResponse::redirect(location);
}

HttpResponse ShopifyAuth::accessToken(const HttpRequest &request)
{
    QHash<QString, QString> form;
    for (const auto &item : QUrlQuery(request.url).queryItems(QUrl::FullyDecoded))
        form.insert(item.first, item.second);
    if (request.header("content-type").startsWith("application/json")) {
        const QJsonObject object = QJsonDocument::fromJson(request.body).object();
        for (auto it = object.begin(); it != object.end(); ++it)
            form.insert(it.key(), it.value().isString() ? it.value().toString() : it.value().toVariant().toString());
    } else {
        form.insert(formFields(request.body));
    }
    QMutexLocker locker(&m_mutex);
    if (form.value(u"client_id"_s) != m_settings.clientId ||
        form.value(u"client_secret"_s) != m_settings.clientSecret)
        return oauthError(u"invalid_client"_s, u"Client authentication failed"_s);
    const QString grant = form.value(u"grant_type"_s, u"authorization_code"_s);
    if (grant == u"authorization_code"_s)
        return codeGrant(form);
    if (grant == u"refresh_token"_s)
        return refreshGrant(form);
    if (grant == u"client_credentials"_s)
        return clientCredentialsGrant(form);
    return oauthError(u"unsupported_grant_type"_s, u"The grant type %1 is not supported"_s.arg(grant));
}

QJsonObject ShopifyAuth::issueExpiring(const QStringList &scopes)
{
    const QString access = randomToken(u"shpua_"_s);
    const QString refresh = randomToken(u"shprt_"_s);
    m_accessTokens.insert(access, {scopes, nowMs() + qint64(m_settings.accessTokenLifetimeSecs) * 1000});
    m_refreshTokens.insert(refresh, {scopes, nowMs() + qint64(m_settings.refreshTokenLifetimeSecs) * 1000});
    return {{u"access_token"_s, access},
            {u"expires_in"_s, m_settings.accessTokenLifetimeSecs},
            {u"refresh_token"_s, refresh},
            {u"refresh_token_expires_in"_s, m_settings.refreshTokenLifetimeSecs},
            {u"scope"_s, scopes.join(u',')}};
}

HttpResponse ShopifyAuth::codeGrant(const QHash<QString, QString> &form)
{
    const auto found = m_codes.find(form.value(u"code"_s));
    if (found == m_codes.end() || found->used ||
        nowMs() - found->issuedMs > qint64(m_settings.codeLifetimeSecs) * 1000)
        return oauthError(u"invalid_grant"_s, u"The authorization code was not found or was already used"_s);
    found->used = true; // single use
    const QStringList scopes = found->scopes;
    const QString expiring = form.value(u"expiring"_s);
    if (expiring == u"1"_s || expiring == u"true"_s)
        return HttpResponse::json(200, issueExpiring(scopes));
    const QString access = randomToken(u"shpua_"_s);
    m_accessTokens.insert(access, {scopes, 0});
    return HttpResponse::json(200, QJsonObject{{u"access_token"_s, access}, {u"scope"_s, scopes.join(u',')}});
}

HttpResponse ShopifyAuth::refreshGrant(const QHash<QString, QString> &form)
{
    const auto found = m_refreshTokens.find(form.value(u"refresh_token"_s));
    if (found == m_refreshTokens.end() || (found->expiresMs && nowMs() > found->expiresMs))
        return oauthError(u"invalid_grant"_s, u"The refresh token is invalid, expired or was already used"_s);
    const QStringList scopes = found->scopes;
    m_refreshTokens.erase(found); // rotation: the old one is spent
    return HttpResponse::json(200, issueExpiring(scopes));
}

HttpResponse ShopifyAuth::clientCredentialsGrant(const QHash<QString, QString> &form)
{
    if (!m_settings.clientCredentialsAllowed) {
        return oauthError(u"unauthorized_client"_s,
                          u"This app cannot use the client credentials grant: only apps owned by the shop's "
                          "organization may"_s);
    }
    const QStringList requested = splitScopes(form.value(u"scope"_s));
    const QStringList scopes = requested.isEmpty() ? m_settings.clientCredentialsScopes : requested;
    const QString access = randomToken(u"shpua_"_s);
    m_accessTokens.insert(access, {scopes, nowMs() + qint64(m_settings.clientCredentialsLifetimeSecs) * 1000});
    return HttpResponse::json(200, QJsonObject{{u"access_token"_s, access},
                                               {u"scope"_s, scopes.join(u',')},
                                               {u"expires_in"_s, m_settings.clientCredentialsLifetimeSecs}});
}

std::optional<QStringList> ShopifyAuth::scopesOf(const QString &accessToken)
{
    QMutexLocker locker(&m_mutex);
    const auto found = m_accessTokens.constFind(accessToken);
    if (found == m_accessTokens.cend() || (found->expiresMs && nowMs() >= found->expiresMs))
        return std::nullopt;
    return found->scopes;
}

QString ShopifyAuth::issueAccessToken(const QStringList &scopes, int lifetimeSecs, const QString &token)
{
    QMutexLocker locker(&m_mutex);
    const QString issued = token.isEmpty() ? randomToken(u"shpua_"_s) : token;
    m_accessTokens.insert(issued, {scopes, lifetimeSecs > 0 ? nowMs() + qint64(lifetimeSecs) * 1000 : 0});
    return issued;
}

void ShopifyAuth::revokeAllGrants()
{
    QMutexLocker locker(&m_mutex);
    m_accessTokens.clear();
    m_refreshTokens.clear();
    m_codes.clear();
}

} // namespace storeloom::sandbox::shopify
