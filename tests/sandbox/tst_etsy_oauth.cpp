// Etsy's OAuth 2.0 with PKCE against the sandbox: the consent redirect,
// code exchange checked against the S256 challenge, single-use codes,
// rotating refresh tokens, and what /v3/application asks of every request
// (x-api-key as keystring:secret, a live bearer token).
#include "etsytestclient.h"

#include <QTest>
#include <QUrlQuery>

using namespace storeloom::sandbox::etsy;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

const QString kRedirect = u"https://localhost:8443/etsy/callback"_s;
const QString kVerifier = u"a-verifier-of-forty-three-characters-at-least-0123456789"_s;

} // namespace

class TestEtsyOAuth : public QObject
{
    Q_OBJECT

private:
    QUrl connectUrl(const QList<QPair<QString, QString>> &changes = {}) const
    {
        QList<QPair<QString, QString>> params{{u"response_type"_s, u"code"_s},
                                              {u"client_id"_s, u"sandboxkeystring"_s},
                                              {u"redirect_uri"_s, kRedirect},
                                              {u"scope"_s, u"listings_r listings_w shops_r"_s},
                                              {u"state"_s, u"st ate/1"_s},
                                              {u"code_challenge"_s, EtsyAuth::challengeFor(kVerifier)},
                                              {u"code_challenge_method"_s, u"S256"_s}};
        for (const auto &change : changes) {
            params.removeIf([&](const auto &p) { return p.first == change.first; });
            if (!change.second.isNull())
                params.append(change);
        }
        QUrl url = m_sandbox.authorizeUrl();
        url.setQuery(QString::fromLatin1(EtsyTestClient::encodeForm(params)));
        return url;
    }

    // The code the consent redirect carries; empty if there was none.
    QString authorize()
    {
        const auto reply = m_client->getUrl(connectUrl());
        const QUrl location(QString::fromUtf8(reply.header("location")));
        if (reply.status != 302 || !location.toString().startsWith(kRedirect))
            return {};
        const QUrlQuery query(location);
        if (query.queryItemValue(u"state"_s, QUrl::FullyDecoded) != u"st ate/1"_s)
            return {};
        return query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    }

    EtsyTestClient::Reply exchange(const QString &code, const QString &verifier = kVerifier)
    {
        return m_client->postForm(m_sandbox.tokenUrl(), {{u"grant_type"_s, u"authorization_code"_s},
                                                         {u"client_id"_s, u"sandboxkeystring"_s},
                                                         {u"redirect_uri"_s, kRedirect},
                                                         {u"code"_s, code},
                                                         {u"code_verifier"_s, verifier}});
    }

    EtsyTestClient::Reply refresh(const QString &token)
    {
        return m_client->postForm(m_sandbox.tokenUrl(), {{u"grant_type"_s, u"refresh_token"_s},
                                                         {u"client_id"_s, u"sandboxkeystring"_s},
                                                         {u"refresh_token"_s, token}});
    }

    int meStatus(const QString &accessToken)
    {
        m_client->setAccessToken(accessToken);
        return m_client->get(u"/users/me"_s).status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sandbox.listen());
        m_client = std::make_unique<EtsyTestClient>(m_sandbox);
    }

    void init() { m_client->setApiKey(m_sandbox.apiKey().toUtf8()); }

    void pkceCodeGrantGivesWorkingTokens()
    {
        const QString code = authorize();
        QVERIFY(!code.isEmpty());
        const auto reply = exchange(code);
        QCOMPARE(reply.status, 200);
        const QJsonObject token = reply.json();
        QVERIFY(token[u"access_token"_s].toString().startsWith(u"4242."_s));
        QVERIFY(token[u"refresh_token"_s].toString().startsWith(u"4242."_s));
        QCOMPARE(token[u"token_type"_s].toString(), u"Bearer"_s);
        QCOMPARE(token[u"expires_in"_s].toInt(), 3600);
        QCOMPARE(meStatus(token[u"access_token"_s].toString()), 200);
        const QJsonObject me = m_client->get(u"/users/me"_s).json();
        QCOMPARE(me[u"user_id"_s].toInteger(), 4242);
        QCOMPARE(me[u"shop_id"_s].toInteger(), 90210);
    }

    void wrongVerifierIsRefused()
    {
        const QString code = authorize();
        const auto reply = exchange(code, u"not-the-verifier-not-the-verifier-not-the-verifier"_s);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json()[u"error"_s].toString(), u"invalid_grant"_s);
        QVERIFY(!reply.json()[u"error_description"_s].toString().isEmpty());
    }

    void codeWorksOnce()
    {
        const QString code = authorize();
        QCOMPARE(exchange(code).status, 200);
        const auto again = exchange(code);
        QCOMPARE(again.status, 400);
        QCOMPARE(again.json()[u"error"_s].toString(), u"invalid_grant"_s);
    }

    void redirectUriMustMatch()
    {
        const QString code = authorize();
        const auto reply = m_client->postForm(m_sandbox.tokenUrl(), {{u"grant_type"_s, u"authorization_code"_s},
                                                                     {u"client_id"_s, u"sandboxkeystring"_s},
                                                                     {u"redirect_uri"_s, u"https://elsewhere/cb"_s},
                                                                     {u"code"_s, code},
                                                                     {u"code_verifier"_s, kVerifier}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json()[u"error"_s].toString(), u"invalid_grant"_s);
    }

    void connectRefusesBadRequests_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("unknown client") << u"client_id"_s << u"someone-else"_s;
        QTest::newRow("plain challenge") << u"code_challenge_method"_s << u"plain"_s;
        QTest::newRow("no challenge") << u"code_challenge"_s << QString();
        QTest::newRow("no state") << u"state"_s << QString();
    }

    void connectRefusesBadRequests()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        const auto reply = m_client->getUrl(connectUrl({{key, value}}));
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.header("location").isEmpty());
    }

    void refreshTokensRotate()
    {
        const EtsySandbox::Tokens first = m_sandbox.issueTokens();
        const auto rotated = refresh(first.refreshToken);
        QCOMPARE(rotated.status, 200);
        const QString second = rotated.json()[u"refresh_token"_s].toString();
        QVERIFY(second != first.refreshToken);
        QCOMPARE(meStatus(rotated.json()[u"access_token"_s].toString()), 200);

        const auto reused = refresh(first.refreshToken);
        QCOMPARE(reused.status, 400);
        QCOMPARE(reused.json()[u"error"_s].toString(), u"invalid_grant"_s);
        QCOMPARE(refresh(second).status, 200);
    }

    void revokedRefreshTokenIsRefused()
    {
        const EtsySandbox::Tokens tokens = m_sandbox.issueTokens();
        QVERIFY(m_sandbox.revokeRefreshToken(tokens.refreshToken));
        QCOMPARE(refresh(tokens.refreshToken).json()[u"error"_s].toString(), u"invalid_grant"_s);
    }

    void expiredAccessTokenGets401()
    {
        const EtsySandbox::Tokens tokens = m_sandbox.issueTokens();
        QCOMPARE(meStatus(tokens.accessToken), 200);
        QVERIFY(m_sandbox.expireAccessToken(tokens.accessToken));
        m_client->setAccessToken(tokens.accessToken);
        const auto reply = m_client->get(u"/users/me"_s);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorMessage(), u"invalid_token"_s);
    }

    void missingOrUnknownTokenGets401()
    {
        QCOMPARE(meStatus(QString()), 401);
        QCOMPARE(meStatus(u"4242.made-up"_s), 401);
    }

    void apiKeyShapes_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("status");
        QTest::newRow("keystring:secret") << QByteArray("sandboxkeystring:sandboxsecret") << 200;
        QTest::newRow("bare keystring") << QByteArray("sandboxkeystring") << 403;
        QTest::newRow("wrong secret") << QByteArray("sandboxkeystring:nope") << 403;
        QTest::newRow("wrong keystring") << QByteArray("other:sandboxsecret") << 403;
        QTest::newRow("missing") << QByteArray() << 403;
    }

    void apiKeyShapes()
    {
        QFETCH(QByteArray, key);
        QFETCH(int, status);
        m_client->setApiKey(key);
        m_client->setAccessToken(m_sandbox.issueTokens().accessToken);
        const auto reply = m_client->get(u"/users/me"_s);
        QCOMPARE(reply.status, status);
        if (status == 403)
            QVERIFY(reply.errorMessage().startsWith(u"Invalid API key"_s));
    }

    void pingNeedsOnlyTheKey()
    {
        m_client->setAccessToken(QString());
        const auto reply = m_client->get(u"/openapi-ping"_s);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().contains(u"application_id"_s));
        m_client->setApiKey("sandboxkeystring");
        QCOMPARE(m_client->get(u"/openapi-ping"_s).status, 403);
    }

private:
    EtsySandbox m_sandbox;
    std::unique_ptr<EtsyTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestEtsyOAuth)
#include "tst_etsy_oauth.moc"
