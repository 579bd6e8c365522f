// Shopify's app authorization against the sandbox, byte for byte: the
// hmac-signed callback (recomputed here), code exchange, single-use codes,
// expiring tokens with refresh rotation, client credentials, refusals,
// and revoked grants.
#include "shopifytestclient.h"

#include <QMessageAuthenticationCode>
#include <QTest>
#include <QUrlQuery>

using namespace storeloom::sandbox::shopify;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

const QString kRedirect = u"http://127.0.0.1:53682/shopify/callback"_s;

ShopifySandboxSettings shop()
{
    ShopifySandboxSettings settings;
    settings.catalog.products = 3;
    settings.auth.clientId = u"app-id-123"_s;
    settings.auth.clientSecret = u"app-secret-456"_s;
    settings.auth.redirectAllowList = {u"https://storeloom.example/callback"_s};
    return settings;
}

QByteArray form(const QList<QPair<QString, QString>> &fields)
{
    QUrlQuery query;
    for (const auto &[key, value] : fields)
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return query.toString(QUrl::FullyEncoded).toLatin1();
}

} // namespace

class TestShopifyOAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sandbox.listen()); }

    void init()
    {
        AuthSettings settings = m_sandbox.auth().settings();
        settings.denyAuthorization = false;
        settings.tamperHmac = false;
        settings.clientCredentialsAllowed = false;
        settings.accessTokenLifetimeSecs = 3600;
        m_sandbox.auth().setSettings(settings);
    }

    void callbackCarriesAVerifiableHmac()
    {
        const QUrlQuery callback = authorize(u"read_products,read_inventory"_s, u"st+ate/=1"_s);
        QCOMPARE(callback.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"st+ate/=1"_s);
        QCOMPARE(callback.queryItemValue(u"shop"_s), m_sandbox.shopDomain());
        QVERIFY(!callback.queryItemValue(u"code"_s).isEmpty());
        QVERIFY(!callback.queryItemValue(u"host"_s).isEmpty());
        QVERIFY(callback.queryItemValue(u"timestamp"_s).toLongLong() > 0);
        QVERIFY(hmacVerifies(callback, u"app-secret-456"_s));
        QVERIFY(!hmacVerifies(callback, u"another-secret"_s));
    }

    void codeGrantGivesAWorkingNonExpiringToken()
    {
        const QString code = authorize(u"read_products,read_locations"_s).queryItemValue(u"code"_s);
        const auto reply = exchange(code);
        QCOMPARE(reply.status, 200);
        const QJsonObject token = reply.json();
        QVERIFY(token[u"access_token"_s].toString().startsWith(u"shpua_"_s));
        QCOMPARE(token[u"scope"_s].toString(), u"read_products,read_locations"_s);
        QVERIFY(!token.contains(u"expires_in"_s));
        QVERIFY(!token.contains(u"refresh_token"_s));
        QCOMPARE(shopStatus(token[u"access_token"_s].toString()), 200);
    }

    void codesAreSingleUse()
    {
        const QString code = authorize(u"read_products"_s).queryItemValue(u"code"_s);
        QCOMPARE(exchange(code).status, 200);
        const auto again = exchange(code);
        QCOMPARE(again.status, 400);
        QCOMPARE(again.json(), (QJsonObject{{u"error"_s, u"invalid_grant"_s},
                                            {u"error_description"_s,
                                             u"The authorization code was not found or was already used"_s}}));
        QCOMPARE(exchange(u"made-up"_s).json()[u"error"_s].toString(), u"invalid_grant"_s);
    }

    void wrongSecretIsInvalidClient()
    {
        const QString code = authorize(u"read_products"_s).queryItemValue(u"code"_s);
        const auto reply = post(form({{u"client_id"_s, u"app-id-123"_s}, {u"client_secret"_s, u"nope"_s},
                                      {u"code"_s, code}}));
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json(), (QJsonObject{{u"error"_s, u"invalid_client"_s},
                                            {u"error_description"_s, u"Client authentication failed"_s}}));
    }

    void jsonBodiesWorkToo()
    {
        const QString code = authorize(u"read_products"_s).queryItemValue(u"code"_s);
        const QJsonObject body{{u"client_id"_s, u"app-id-123"_s}, {u"client_secret"_s, u"app-secret-456"_s},
                               {u"code"_s, code}};
        const auto reply = m_client.post(tokenUrl(), QJsonDocument(body).toJson(), "application/json");
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json()[u"access_token"_s].isString());
    }

    void expiringTokensRefreshWithRotation()
    {
        AuthSettings settings = m_sandbox.auth().settings();
        settings.accessTokenLifetimeSecs = 2;
        m_sandbox.auth().setSettings(settings);
        const QString code = authorize(u"read_products"_s).queryItemValue(u"code"_s);
        const QJsonObject token = exchange(code, true).json();
        QCOMPARE(token[u"expires_in"_s].toInt(), 2);
        QCOMPARE(token[u"refresh_token_expires_in"_s].toInt(), 7776000);
        QVERIFY(token[u"refresh_token"_s].toString().startsWith(u"shprt_"_s));
        const QString access = token[u"access_token"_s].toString();
        QCOMPARE(shopStatus(access), 200);
        QTRY_COMPARE_WITH_TIMEOUT(shopStatus(access), 401, 10000); // it expires

        const QString refresh = token[u"refresh_token"_s].toString();
        const auto refreshed = post(form({{u"grant_type"_s, u"refresh_token"_s}, {u"client_id"_s, u"app-id-123"_s},
                                          {u"client_secret"_s, u"app-secret-456"_s}, {u"refresh_token"_s, refresh}}));
        QCOMPARE(refreshed.status, 200);
        const QJsonObject next = refreshed.json();
        QVERIFY(next[u"refresh_token"_s].toString() != refresh);
        QCOMPARE(next[u"scope"_s].toString(), u"read_products"_s);
        QCOMPARE(shopStatus(next[u"access_token"_s].toString()), 200);
        // The spent refresh token is refused; the new one works.
        const auto replay = post(form({{u"grant_type"_s, u"refresh_token"_s}, {u"client_id"_s, u"app-id-123"_s},
                                       {u"client_secret"_s, u"app-secret-456"_s}, {u"refresh_token"_s, refresh}}));
        QCOMPARE(replay.status, 400);
        QCOMPARE(replay.json()[u"error"_s].toString(), u"invalid_grant"_s);
        const auto rotated = post(form({{u"grant_type"_s, u"refresh_token"_s}, {u"client_id"_s, u"app-id-123"_s},
                                        {u"client_secret"_s, u"app-secret-456"_s},
                                        {u"refresh_token"_s, next[u"refresh_token"_s].toString()}}));
        QCOMPARE(rotated.status, 200);
    }

    void clientCredentialsOnlyForOrganisationApps()
    {
        const QByteArray body = form({{u"grant_type"_s, u"client_credentials"_s}, {u"client_id"_s, u"app-id-123"_s},
                                      {u"client_secret"_s, u"app-secret-456"_s}});
        const auto refused = post(body);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json()[u"error"_s].toString(), u"unauthorized_client"_s);

        AuthSettings settings = m_sandbox.auth().settings();
        settings.clientCredentialsAllowed = true;
        m_sandbox.auth().setSettings(settings);
        const auto granted = post(body);
        QCOMPARE(granted.status, 200);
        QCOMPARE(granted.json()[u"expires_in"_s].toInt(), 86399);
        QCOMPARE(granted.json()[u"scope"_s].toString(), u"read_products,read_inventory,read_locations"_s);
        QCOMPARE(shopStatus(granted.json()[u"access_token"_s].toString()), 200);
    }

    void authorizeRefusals()
    {
        const QUrl unknownClient = authorizeUrl(u"someone-else"_s, kRedirect);
        QCOMPARE(m_client.get(unknownClient).status, 400);
        const QUrl foreignRedirect = authorizeUrl(u"app-id-123"_s, u"https://evil.example/callback"_s);
        const auto refused = m_client.get(foreignRedirect);
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.body.contains("redirect_uri"));
        const auto listed = m_client.get(authorizeUrl(u"app-id-123"_s, u"https://storeloom.example/callback"_s));
        QCOMPARE(listed.status, 302);
        const auto localhost = m_client.get(authorizeUrl(u"app-id-123"_s, u"http://localhost:9000/cb"_s));
        QCOMPARE(localhost.status, 302);
    }

    void merchantDeclines()
    {
        AuthSettings settings = m_sandbox.auth().settings();
        settings.denyAuthorization = true;
        m_sandbox.auth().setSettings(settings);
        const QUrlQuery callback = authorize(u"read_products"_s, u"s1"_s);
        QCOMPARE(callback.queryItemValue(u"error"_s), u"access_denied"_s);
        QVERIFY(!callback.queryItemValue(u"error_description"_s, QUrl::FullyDecoded).isEmpty());
        QCOMPARE(callback.queryItemValue(u"state"_s), u"s1"_s);
        QVERIFY(!callback.hasQueryItem(u"code"_s));
    }

    void tamperedHmacDoesNotVerify()
    {
        AuthSettings settings = m_sandbox.auth().settings();
        settings.tamperHmac = true;
        m_sandbox.auth().setSettings(settings);
        QVERIFY(!hmacVerifies(authorize(u"read_products"_s), u"app-secret-456"_s));
    }

    void revokedGrantsStopWorking()
    {
        const QString code = authorize(u"read_products"_s).queryItemValue(u"code"_s);
        const QJsonObject token = exchange(code, true).json();
        const QString issued = m_sandbox.issueAccessToken();
        QCOMPARE(shopStatus(token[u"access_token"_s].toString()), 200);
        m_sandbox.revokeAllGrants();
        QCOMPARE(shopStatus(token[u"access_token"_s].toString()), 401);
        QCOMPARE(shopStatus(issued), 401);
        const auto refresh = post(form({{u"grant_type"_s, u"refresh_token"_s}, {u"client_id"_s, u"app-id-123"_s},
                                        {u"client_secret"_s, u"app-secret-456"_s},
                                        {u"refresh_token"_s, token[u"refresh_token"_s].toString()}}));
        QCOMPARE(refresh.json()[u"error"_s].toString(), u"invalid_grant"_s);
    }

private:
    QUrl authorizeUrl(const QString &clientId, const QString &redirect, const QString &scope = u"read_products"_s,
                      const QString &state = u"abc"_s)
    {
        QUrlQuery query;
        query.addQueryItem(u"client_id"_s, clientId);
        query.addQueryItem(u"scope"_s, scope);
        query.addQueryItem(u"redirect_uri"_s, QString::fromLatin1(QUrl::toPercentEncoding(redirect)));
        query.addQueryItem(u"state"_s, QString::fromLatin1(QUrl::toPercentEncoding(state)));
        query.addQueryItem(u"grant_options[]"_s, u"value"_s);
        QUrl url(m_sandbox.url().toString() + u"/admin/oauth/authorize"_s);
        url.setQuery(query);
        return url;
    }

    // Follows the authorize redirect like a browser would, up to the callback.
    QUrlQuery authorize(const QString &scope, const QString &state = u"abc"_s)
    {
        const auto reply = m_client.get(authorizeUrl(u"app-id-123"_s, kRedirect, scope, state));
        if (reply.status != 302)
            qWarning() << "authorize answered" << reply.status << reply.body;
        const QUrl location = QUrl::fromEncoded(reply.header("Location"));
        if (location.adjusted(QUrl::RemoveQuery).toString() != kRedirect)
            qWarning() << "redirected elsewhere:" << location;
        return QUrlQuery(location);
    }

    // The adapter's check: drop hmac, sort the rest by key, k=v&…, HMAC-SHA256, hex.
    static bool hmacVerifies(const QUrlQuery &callback, const QString &secret)
    {
        QList<QPair<QString, QString>> pairs;
        for (const auto &[key, value] : callback.queryItems(QUrl::FullyDecoded)) {
            if (key != u"hmac"_s)
                pairs.append({key, value});
        }
        std::sort(pairs.begin(), pairs.end());
        QStringList joined;
        for (const auto &[key, value] : pairs)
            joined.append(key + u'=' + value);
        const QByteArray expected =
            QMessageAuthenticationCode::hash(joined.join(u'&').toUtf8(), secret.toUtf8(), QCryptographicHash::Sha256)
                .toHex();
        return expected == callback.queryItemValue(u"hmac"_s).toLatin1();
    }

    QUrl tokenUrl() const { return QUrl(m_sandbox.url().toString() + u"/admin/oauth/access_token"_s); }

    ShopifyTestClient::Reply post(const QByteArray &body)
    {
        return m_client.post(tokenUrl(), body, "application/x-www-form-urlencoded");
    }

    ShopifyTestClient::Reply exchange(const QString &code, bool expiring = false)
    {
        QList<QPair<QString, QString>> fields = {
            {u"client_id"_s, u"app-id-123"_s}, {u"client_secret"_s, u"app-secret-456"_s}, {u"code"_s, code}};
        if (expiring)
            fields.append({u"expiring"_s, u"1"_s});
        return post(form(fields));
    }

    int shopStatus(const QString &token)
    {
        ShopifyTestClient client(m_sandbox, token);
        return client.document(u"ShopInfo"_s).status;
    }

    ShopifySandbox m_sandbox{shop()};
    ShopifyTestClient m_client{m_sandbox};
};

QTEST_GUILESS_MAIN(TestShopifyOAuth)
#include "tst_shopify_oauth.moc"
