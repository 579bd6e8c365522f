// Connecting an Etsy-style store for real: OAuthConnectSession against
// oidc-provider (the test peer, which also answers Etsy's "who am I" calls),
// a scripted browser, the fixture's gnome-keyring and a workspace. Tokens end
// up in the keychain and nowhere else.
#include "connectionstore.h"
#include "credentials.h"
#include "etsy/etsyprovider.h"
#include "logrecorder.h"
#include "oauthconnectsession.h"
#include "oidcpeer.h"
#include "peers.h"
#include "secretstore.h"
#include "testbrowser.h"
#include "testworkspace.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace storeloom;

namespace {

QByteArray workspaceBytes(const QString &path)
{
    QByteArray bytes;
    for (const QString &file : {path, path + QStringLiteral("-wal")}) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly))
            bytes += f.readAll();
    }
    return bytes;
}

} // namespace

class TestOAuthConnect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        STORELOOM_REQUIRE_PEER(m_peer.startPeer());
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "openUrl");
        m_etsy = std::make_unique<EtsyProvider>(m_peer.etsyEndpoints());
        m_secrets = std::make_unique<SecretStore>(); // installs the scrubber first
        m_log = std::make_unique<test::LogRecorder>();
    }

    void cleanupTestCase()
    {
        m_log.reset();
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    }

    void init()
    {
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_browser.setMode(TestBrowser::Mode::FollowRedirect);
    }

    void connectsThroughTheBrowserWithTokensOnlyInTheKeychain()
    {
        const auto [id, credentials] = connectOnce();
        QVERIFY(id > 0);
        const Connection connection = connectionStore().get(id);
        QCOMPARE(connection.status, Connection::Status::Live);
        QCOMPARE(connection.provider, QStringLiteral("etsy"));
        QCOMPARE(connection.externalShopId, QStringLiteral("9001"));
        QCOMPARE(connection.name, QStringLiteral("WoolCorner"));
        QCOMPARE(connection.domain, QStringLiteral("www.etsy.com/shop/WoolCorner"));
        QVERIFY(connection.scopes.contains(QStringLiteral("listings_w")));
        QVERIFY(!credentials.tokens.accessToken.isEmpty());
        QVERIFY(!credentials.tokens.refreshToken.isEmpty());
        QCOMPARE(credentials.fields.value(QStringLiteral("shared_secret")),
                 QStringLiteral("s3cret"));
        QCOMPARE(credentials.fields.value(QStringLiteral("keystring")),
                 m_peer.clientId()); // refreshes need it

        const QByteArray stored = workspaceBytes(m_workspace->path());
        QVERIFY(!stored.isEmpty());
        for (const QString &secret : {credentials.tokens.accessToken,
                                      credentials.tokens.refreshToken, QStringLiteral("s3cret")}) {
            QVERIFY2(!stored.contains(secret.toUtf8()), "a secret reached the workspace file");
            const QString leaked = m_log->lineContaining(secret);
            QVERIFY2(leaked.isEmpty(), qPrintable(leaked));
        }
    }

    void connectingTheSameShopAgainReauthorizesIt()
    {
        const auto first = connectOnce();
        const auto second = connectOnce();
        QCOMPARE(second.first, first.first);
        QCOMPARE(connectionStore().list().size(), 1);
        QVERIFY(second.second.tokens.refreshToken != first.second.tokens.refreshToken);
    }

    void cancellingInTheBrowserLeavesNothingBehind()
    {
        m_browser.setMode(TestBrowser::Mode::Ignore);
        OAuthConnectSession session(m_workspace->workspace(), *m_secrets, *m_etsy, fields());
        QSignalSpy failed(&session, &OAuthConnectSession::failed);
        session.start();
        QCOMPARE(connectionStore().get(session.connectionId()).status,
                 Connection::Status::Authorizing);
        session.cancel();
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(connectionStore().list().isEmpty());
    }

    void aPlatformThatWillNotNameTheShopFailsClearly()
    {
        OAuthConnectSession session(
            m_workspace->workspace(), *m_secrets, *m_etsy,
            {{QStringLiteral("keystring"), m_peer.clientId()},
             {QStringLiteral("shared_secret"), QStringLiteral("not-valid!")}});
        QSignalSpy failed(&session, &OAuthConnectSession::failed);
        session.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QVERIFY2(failed.first().first().toString().contains(QLatin1String("HTTP 403")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(connectionStore().list().isEmpty());
    }

private:
    OAuthProvider::Fields fields() const
    {
        return {{QStringLiteral("keystring"), m_peer.clientId()},
                {QStringLiteral("shared_secret"), QStringLiteral("s3cret")}};
    }

    ConnectionStore connectionStore()
    {
        m_handle = std::make_unique<DbHandle>(m_workspace->workspace().openHandle());
        return ConnectionStore(m_handle->db());
    }

    std::pair<qint64, Credentials> connectOnce()
    {
        OAuthConnectSession session(m_workspace->workspace(), *m_secrets, *m_etsy, fields());
        QSignalSpy connected(&session, &OAuthConnectSession::connected);
        QSignalSpy failed(&session, &OAuthConnectSession::failed);
        session.start();
        if (!QTest::qWaitFor([&] { return !connected.isEmpty() || !failed.isEmpty(); }, 20000) ||
            connected.isEmpty()) {
            qWarning() << "connect failed:"
                       << (failed.isEmpty() ? QStringLiteral("timeout")
                                            : failed.first().first().toString())
                       << m_peer.errorOutput();
            return {0, {}};
        }
        const qint64 id = connected.first().first().toLongLong();
        std::optional<Credentials> credentials;
        bool answered = false;
        m_secrets->read(connectionStore().get(id).secretKey,
                        [&](const SecretStore::Result &result) {
                            credentials = Credentials::decode(result.secret);
                            answered = true;
                        });
        if (!QTest::qWaitFor([&] { return answered; }, 20000) || !credentials)
            qWarning("no credentials in the keychain");
        return {id, credentials.value_or(Credentials{})};
    }

    OidcPeer m_peer;
    TestBrowser m_browser;
    std::unique_ptr<EtsyProvider> m_etsy;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<test::LogRecorder> m_log;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    std::unique_ptr<DbHandle> m_handle;
};

QTEST_MAIN(TestOAuthConnect)
#include "tst_oauthconnect.moc"
