// Connecting a Shopify store for real, against the Shopify sandbox's OAuth:
// the code grant through the loopback with its hmac-signed callback (a bad
// signature is refused and the sign-in keeps waiting), expiring offline
// tokens refreshed with rotation, and the client-credentials grant — from
// the library and from storeloom-cli.
#include "clirunner.h"
#include "connectionstore.h"
#include "connectiontokens.h"
#include "credentials.h"
#include "oauthconnectsession.h"
#include "peers.h"
#include "secretstore.h"
#include "shopify/shopifyprovider.h"
#include "shopify/shopifysandbox.h"
#include "testbrowser.h"
#include "testworkspace.h"

#include <QDesktopServices>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Sandbox = sandbox::shopify::ShopifySandbox;

class TestShopifyConnect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "openUrl");
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("http")); }

    void init()
    {
        m_sandbox = std::make_unique<Sandbox>();
        QVERIFY(m_sandbox->listen());
        // Every Shopify address of the adapter now leads to the sandbox.
        qputenv("STORELOOM_SHOPIFY_ADMIN_URL", m_sandbox->url().toString().toUtf8());
        m_browser.setMode(TestBrowser::Mode::FollowRedirect);
        m_workspace = std::make_unique<test::TestWorkspace>();
    }

    void cleanup()
    {
        m_sandbox.reset();
        qunsetenv("STORELOOM_SHOPIFY_ADMIN_URL");
    }

    void theCodeGrantGoesLiveWithExpiringTokens()
    {
        OAuthConnectSession session(m_workspace->workspace(), m_secrets, m_shopify,
                                    fields(QStringLiteral("browser")));
        QSignalSpy connected(&session, &OAuthConnectSession::connected);
        QSignalSpy failed(&session, &OAuthConnectSession::failed);
        session.start();
        QVERIFY2(connected.wait(20000), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

        const QUrlQuery asked(m_browser.openedUrl());
        QCOMPARE(asked.queryItemValue(u"client_id"_s), m_sandbox->auth().settings().clientId);
        QCOMPARE(asked.queryItemValue(u"scope"_s, QUrl::FullyDecoded),
                 ShopifyProvider::scopes().join(u',')); // Shopify joins scopes with commas
        QVERIFY(!asked.queryItemValue(u"state"_s).isEmpty());

        const Connection connection = connectionOf(connected.first().first().toLongLong());
        QCOMPARE(connection.status, Connection::Status::Live);
        QCOMPARE(connection.externalShopId, m_sandbox->shopDomain());
        QCOMPARE(connection.domain, m_sandbox->shopDomain());
        QVERIFY(!connection.name.isEmpty());
        QCOMPARE(connection.scopes, ShopifyProvider::scopes());
        const Credentials stored = credentialsOf(connection);
        QVERIFY(!stored.tokens.refreshToken.isEmpty()); // expiring=1 was asked for
        QVERIFY(stored.tokens.expiresAt.isValid());
        QCOMPARE(stored.fields.value(u"client_secret"_s), m_sandbox->auth().settings().clientSecret);
    }

    void aCallbackWithABadSignatureIsRefusedAndTheSignInKeepsWaiting()
    {
        auto settings = m_sandbox->auth().settings();
        settings.tamperHmac = true;
        m_sandbox->auth().setSettings(settings);
        OAuthConnectSession session(m_workspace->workspace(), m_secrets, m_shopify,
                                    fields(QStringLiteral("browser")));
        QSignalSpy connected(&session, &OAuthConnectSession::connected);
        QSignalSpy refused(&session.flow(), &OAuthFlow::redirectRefused);
        session.start();
        QVERIFY(refused.wait(20000));
        QVERIFY(refused.first().first().toString().contains("hmac"_L1));
        QTRY_VERIFY(m_browser.callbackStatuses().contains(400)); // the browser was told so
        QCOMPARE(session.flow().state(), OAuthFlow::State::WaitingForRedirect);
        QVERIFY(connected.isEmpty());
        // Nor does pasting the forged address help.
        QVERIFY(!session.completeWithRedirectUrl(m_browser.finalRedirect()));
        QCOMPARE(session.flow().state(), OAuthFlow::State::WaitingForRedirect);
        session.cancel();
    }

    void expiringTokensAreRefreshedAndTheOldRefreshTokenDies()
    {
        auto settings = m_sandbox->auth().settings();
        settings.accessTokenLifetimeSecs = 3;
        m_sandbox->auth().setSettings(settings);
        const qint64 id = connect(QStringLiteral("browser"));
        const Credentials first = credentialsOf(connectionOf(id));

        ConnectionTokens keeper(m_workspace->workspace(), m_secrets, m_shopify, id);
        QSignalSpy ready(&keeper, &ConnectionTokens::ready);
        QSignalSpy refreshed(&keeper, &ConnectionTokens::refreshed);
        keeper.load();
        QVERIFY(ready.wait(10000));
        QVERIFY(refreshed.wait(15000)); // by itself, before the 3 s are up
        const Credentials second = credentialsOf(connectionOf(id));
        QVERIFY(second.tokens.refreshToken != first.tokens.refreshToken);
        QCOMPARE(second.tokens.accessToken, keeper.accessToken());
        QVERIFY(m_sandbox->auth().scopesOf(second.tokens.accessToken).has_value());
        QCOMPARE(postToken({{u"grant_type"_s, u"refresh_token"_s},
                            {u"refresh_token"_s, first.tokens.refreshToken}}),
                 400); // rotated: the old one is dead
    }

    void clientCredentialsConnectWithoutABrowser()
    {
        auto settings = m_sandbox->auth().settings();
        settings.clientCredentialsAllowed = true;
        m_sandbox->auth().setSettings(settings);
        m_browser.setMode(TestBrowser::Mode::Ignore);
        const QUrl openedBefore = m_browser.openedUrl();
        const qint64 id = connect(QStringLiteral("client-credentials"));
        QCOMPARE(m_browser.openedUrl(), openedBefore); // nobody was sent to a browser
        const Connection connection = connectionOf(id);
        QCOMPARE(connection.status, Connection::Status::Live);
        QCOMPARE(connection.scopes, settings.clientCredentialsScopes);
        const Credentials stored = credentialsOf(connection);
        QVERIFY(stored.tokens.refreshToken.isEmpty());
        QVERIFY(stored.tokens.expiresAt.isValid());

        // Renewed with the same credentials, no refresh token needed.
        ConnectionTokens keeper(m_workspace->workspace(), m_secrets, m_shopify, id);
        QSignalSpy ready(&keeper, &ConnectionTokens::ready);
        QSignalSpy refreshed(&keeper, &ConnectionTokens::refreshed);
        keeper.load();
        QVERIFY(ready.wait(10000));
        QVERIFY(keeper.renewsItself());
        keeper.renew();
        QVERIFY(refreshed.wait(10000));
        QVERIFY(keeper.accessToken() != stored.tokens.accessToken);
        QVERIFY(m_sandbox->auth().scopesOf(keeper.accessToken()).has_value());
    }

    void clientCredentialsRefusedSayWhyAndLeaveNothing()
    {
        OAuthConnectSession session(m_workspace->workspace(), m_secrets, m_shopify,
                                    fields(QStringLiteral("client-credentials")));
        QSignalSpy failed(&session, &OAuthConnectSession::failed);
        session.start();
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().first().toString().contains("unauthorized_client"_L1),
                 qPrintable(failed.first().first().toString()));
        const DbHandle handle = m_workspace->workspace().openHandle();
        QVERIFY(ConnectionStore(handle.db()).list().isEmpty());
    }

    void theCliConnectsWithClientCredentials()
    {
        auto settings = m_sandbox->auth().settings();
        settings.clientCredentialsAllowed = true;
        m_sandbox->auth().setSettings(settings);
        QTemporaryDir home;
        const auto result = test::runCli(
            {u"--workspace"_s, m_workspace->path(), u"connect"_s, u"shopify"_s,
             u"--shop-domain"_s, m_sandbox->shopDomain(), u"--client-id"_s, settings.clientId,
             u"--sign-in"_s, u"client-credentials"_s},
            home.path(),
            {{u"STORELOOM_CLIENT_SECRET"_s, settings.clientSecret},
             {u"STORELOOM_SHOPIFY_ADMIN_URL"_s, m_sandbox->url().toString()}});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains("Connected"_L1), qPrintable(result.out));
        QVERIFY(!result.out.contains(settings.clientSecret));
        QVERIFY(!result.err.contains(settings.clientSecret));
        const DbHandle handle = m_workspace->workspace().openHandle();
        const auto connections = ConnectionStore(handle.db()).list();
        QCOMPARE(connections.size(), 1);
        QCOMPARE(connections.first().status, Connection::Status::Live);
    }

private:
    QHash<QString, QString> fields(const QString &signIn) const
    {
        const auto settings = m_sandbox->auth().settings();
        return {{u"shop_domain"_s, m_sandbox->shopDomain()},
                {u"client_id"_s, settings.clientId},
                {u"client_secret"_s, settings.clientSecret},
                {u"sign_in"_s, signIn}};
    }

    qint64 connect(const QString &signIn)
    {
        OAuthConnectSession session(m_workspace->workspace(), m_secrets, m_shopify, fields(signIn));
        QSignalSpy connected(&session, &OAuthConnectSession::connected);
        QSignalSpy failed(&session, &OAuthConnectSession::failed);
        session.start();
        if (!connected.wait(20000)) {
            qWarning() << "not connected:" << (failed.isEmpty() ? QVariant() : failed.first().first());
            return 0;
        }
        return connected.first().first().toLongLong();
    }

    Connection connectionOf(qint64 id) const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        return ConnectionStore(handle.db()).get(id);
    }

    Credentials credentialsOf(const Connection &connection)
    {
        std::optional<Credentials> credentials;
        bool done = false;
        m_secrets.read(connection.secretKey, [&](const SecretStore::Result &result) {
            credentials = Credentials::decode(result.secret);
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000) || !credentials)
            return {};
        return *credentials;
    }

    int postToken(const QList<std::pair<QString, QString>> &extra)
    {
        const auto settings = m_sandbox->auth().settings();
        QUrlQuery form;
        form.addQueryItem(u"client_id"_s, settings.clientId);
        form.addQueryItem(u"client_secret"_s, settings.clientSecret);
        for (const auto &[name, value] : extra)
            form.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        QNetworkRequest request(m_sandbox->url().resolved(QUrl(u"/admin/oauth/access_token"_s)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
        QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    ShopifyProvider m_shopify;
    SecretStore m_secrets;
    TestBrowser m_browser;
    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<test::TestWorkspace> m_workspace;
};

QTEST_MAIN(TestShopifyConnect)
#include "tst_shopifyconnect.moc"
