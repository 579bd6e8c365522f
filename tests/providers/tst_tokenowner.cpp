// One owner of a connection's tokens per process, and one refresh at a time
// across processes. This process (the app's side: ConnectionAccess) and two
// token_child processes (each as a storeloom-cli run: its own
// ConnectionAccess) share one connection on the real oidc-provider, which
// rotates refresh tokens and revokes the whole grant when one is used twice.
// The server counts what its token endpoint saw; the tests wait on state,
// never on the clock.
#include "accesstokensource.h"
#include "connectionaccess.h"
#include "connectionstore.h"
#include "connectiontokens.h"
#include "credentials.h"
#include "etsy/etsyprovider.h"
#include "keychainwait.h"
#include "oauthflow.h"
#include "oidcpeer.h"
#include "peers.h"
#include "providerregistry.h"
#include "secretstore.h"
#include "testbrowser.h"
#include "testworkspace.h"

#include <QDesktopServices>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

// A peer that is not there skips the test — or fails it under CI=true.
namespace {

constexpr int kRenewals = 20;

// A token_child process and what it reported.
class ChildOwner : public QObject
{
    Q_OBJECT

public:
    ChildOwner(const QString &workspace, qint64 connectionId, const QUrl &peer)
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setReadChannel(QProcess::StandardOutput);
        connect(&m_process, &QProcess::readyReadStandardOutput, this, &ChildOwner::readLines);
        connect(&m_process, &QProcess::readyReadStandardError, this,
                [this] { m_stderr += m_process.readAllStandardError(); });
        m_process.start(QStringLiteral(TOKEN_CHILD_PATH),
                        {workspace, QString::number(connectionId), peer.toString()});
    }
    ~ChildOwner() override
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    void send(const QByteArray &command) { m_process.write(command + '\n'); }
    // Closes its stdin: it lets a renewal under way finish, says bye and exits.
    bool stop()
    {
        m_process.closeWriteChannel();
        return QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; },
                               30000) &&
               m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }

    bool ready = false;
    int renewals = 0;
    int rejectedOk = 0;
    int rejectedEmpty = 0;
    QStringList failures;
    QString errorOutput() const { return QString::fromUtf8(m_stderr); }
    // Renewals it refreshed itself rather than adopted (from its log).
    int ownRefreshes() const { return int(m_stderr.count("tokens refreshed")); }
    bool running() const { return m_process.state() != QProcess::NotRunning; }

private:
    void readLines()
    {
        while (m_process.canReadLine()) {
            const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
            if (line == "ready"_L1)
                ready = true;
            else if (line.startsWith("renewed "_L1))
                renewals = line.mid(8).toInt();
            else if (line == "rejected OK"_L1)
                ++rejectedOk;
            else if (line == "rejected EMPTY"_L1)
                ++rejectedEmpty;
            else if (line.startsWith("failed "_L1))
                failures << line.mid(7);
        }
    }

    QProcess m_process;
    QByteArray m_stderr;
};

int statOf(const QJsonObject &stats, const char *name)
{
    return stats.value(QLatin1String(name)).toInt(-1);
}

} // namespace

class TestTokenOwner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Whether the keyring answers, not whether a variable says it is there.
        const QString probe = u"tokenowner-probe-%1"_s.arg(QCoreApplication::applicationPid());
        const SecretStore::Result written =
            test::awaitKeychain([&](auto done) { m_secrets.write(probe, "probe", done); });
        test::awaitKeychain([&](auto done) { m_secrets.remove(probe, done); });
        STORELOOM_REQUIRE_PEER(written.ok()
                                   ? QString()
                                   : u"Needs the keyring peer (scripts/with-test-peers.sh): "_s +
                                         written.message);
        QDesktopServices::setUrlHandler(u"http"_s, &m_browser, "openUrl");
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(u"http"_s); }

    // Access tokens live 1 s, so every owner's schedule renews about every
    // 0.8 s, all three at once: one refreshes, the others adopt.
    void threeOwnersRenewTwentyTimesEachAndTheGrantLives()
    {
        OidcPeer peer(1);
        QString error;
        STORELOOM_REQUIRE_PEER(peer.start(&error) ? QString() : error);
        test::TestWorkspace workspace;
        ProviderRegistry providers;
        providers.add(std::make_unique<EtsyProvider>(peer.etsyEndpoints()));
        const qint64 id = connectStore(workspace, providers, peer);
        QVERIFY(id > 0);

        auto access =
            std::make_unique<ConnectionAccess>(workspace.workspace(), m_secrets, providers);
        access->sync();
        QTRY_VERIFY_WITH_TIMEOUT(access->tokens(id), 20000);
        int renewals = 0;
        QStringList failures;
        connect(access->tokens(id), &ConnectionTokens::refreshed, this, [&] { ++renewals; });
        connect(access->tokens(id), &ConnectionTokens::failed, this,
                [&](const QString &why) { failures << why; });
        ChildOwner first(workspace.path(), id, peer.baseUrl());
        ChildOwner second(workspace.path(), id, peer.baseUrl());

        const auto settled = [&] {
            const bool done = renewals >= kRenewals && first.renewals >= kRenewals &&
                              second.renewals >= kRenewals;
            const bool gaveUp = !failures.isEmpty() || !first.failures.isEmpty() ||
                                !second.failures.isEmpty() || !first.running() || !second.running();
            return done || gaveUp;
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 180000);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"; "_s)));
        QVERIFY2(first.failures.isEmpty() && second.failures.isEmpty(),
                 qPrintable((first.failures + second.failures).join(u"; "_s)));
        QVERIFY2(first.stop(), qPrintable(first.errorOutput()));
        QVERIFY2(second.stop(), qPrintable(second.errorOutput()));
        QTRY_VERIFY_WITH_TIMEOUT(!access->isRenewing(), 30000);
        access.reset();
        QCOMPARE(workspace.scalar(u"SELECT COUNT(*) FROM workspace_locks"_s), 0); // all let go

        const QJsonObject stats = peer.stats();
        qInfo() << "renewals: this process" << renewals << "children" << first.renewals
                << second.renewals << "; refreshed by the children themselves"
                << first.ownRefreshes() << second.ownRefreshes() << "; the server saw" << stats;
        QCOMPARE(statOf(stats, "invalidGrants"), 0);
        QCOMPARE(statOf(stats, "revokedGrants"), 0);
        QCOMPARE(statOf(stats, "refreshTokensUsedMoreThanOnce"), 0);
        QCOMPARE(statOf(stats, "refreshTokensUsed"), statOf(stats, "refreshes"));
        QVERIFY(statOf(stats, "refreshes") >= kRenewals);
        // The owners shared refreshes instead of each spending its own.
        QVERIFY(statOf(stats, "refreshes") < renewals + first.renewals + second.renewals);
        QCOMPARE(connection(workspace, id).status, Connection::Status::Live);

        // The keychain holds the newest refresh token: it still renews.
        const auto stored =
            Credentials::decode(test::awaitKeychain([&](auto done) {
                                    m_secrets.read(connection(workspace, id).secretKey, done);
                                }).secret);
        QVERIFY(stored && !stored->tokens.refreshToken.isEmpty());
        QNetworkAccessManager network;
        const auto *etsy = static_cast<const OAuthProvider *>(providers.find(u"etsy"_s));
        OAuthFlow flow(etsy->oauthSettings(stored->fields), &network);
        QSignalSpy refreshed(&flow, &OAuthFlow::tokensRefreshed);
        QSignalSpy refused(&flow, &OAuthFlow::failed);
        flow.setTokens(stored->tokens);
        flow.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty() || !refused.isEmpty(), 10000);
        QCOMPARE(refused.size(), 0);
        QCOMPARE(statOf(peer.stats(), "invalidGrants"), 0);
    }

    // The platform refuses the token all three hold (a 401 each): the token
    // is refreshed once, and every owner carries on with the new one.
    void aRefusedTokenIsRefreshedOnceForEveryone()
    {
        OidcPeer peer(3600); // no scheduled renewal gets in the way
        QString error;
        STORELOOM_REQUIRE_PEER(peer.start(&error) ? QString() : error);
        test::TestWorkspace workspace;
        ProviderRegistry providers;
        providers.add(std::make_unique<EtsyProvider>(peer.etsyEndpoints()));
        const qint64 id = connectStore(workspace, providers, peer);
        QVERIFY(id > 0);

        ConnectionAccess access(workspace.workspace(), m_secrets, providers);
        access.sync();
        QTRY_VERIFY_WITH_TIMEOUT(access.tokens(id), 20000);
        ChildOwner first(workspace.path(), id, peer.baseUrl());
        ChildOwner second(workspace.path(), id, peer.baseUrl());
        QTRY_VERIFY_WITH_TIMEOUT(first.ready && second.ready, 30000);
        QCOMPARE(statOf(peer.stats(), "refreshes"), 0);

        const auto source = access.tokenSource(id);
        QVERIFY(source);
        const QString refused = source->accessToken();
        first.send("reject");
        second.send("reject");
        std::optional<QString> renewed;
        source->renewAfterRejection(refused, this, [&](const QString &token) { renewed = token; });
        QTRY_VERIFY_WITH_TIMEOUT(renewed && first.rejectedOk + first.rejectedEmpty > 0 &&
                                     second.rejectedOk + second.rejectedEmpty > 0,
                                 30000);
        QVERIFY(!renewed->isEmpty() && *renewed != refused);
        QCOMPARE(first.rejectedOk, 1);
        QCOMPARE(second.rejectedOk, 1);
        QVERIFY2(first.stop(), qPrintable(first.errorOutput()));
        QVERIFY2(second.stop(), qPrintable(second.errorOutput()));

        const QJsonObject stats = peer.stats();
        QCOMPARE(statOf(stats, "refreshes"), 1);
        QCOMPARE(statOf(stats, "invalidGrants"), 0);
        QCOMPARE(statOf(stats, "revokedGrants"), 0);
        QCOMPARE(connection(workspace, id).status, Connection::Status::Live);
    }

private:
    // A connected store: a grant from the peer (through the test browser), its
    // tokens in the keychain, its connection Live. Without the connect
    // session's shop lookup, which 1-second tokens can outrun on a busy machine.
    qint64 connectStore(const test::TestWorkspace &workspace, const ProviderRegistry &providers,
                        const OidcPeer &peer)
    {
        const auto *etsy = static_cast<const OAuthProvider *>(providers.find(u"etsy"_s));
        const QHash<QString, QString> fields{{u"keystring"_s, peer.clientId()},
                                             {u"shared_secret"_s, u"s3cret"_s}};
        QNetworkAccessManager network;
        OAuthFlow grant(etsy->oauthSettings(fields), &network);
        std::optional<OAuthTokens> granted;
        connect(&grant, &OAuthFlow::granted, this, [&](const OAuthTokens &tokens) {
            granted = tokens;
            grant.setTokens({}); // the keychain holds them from here: no refresh of its own
        });
        grant.start();
        if (!QTest::qWaitFor([&] { return granted.has_value(); }, 20000))
            return 0;

        Connection connection;
        connection.provider = u"etsy"_s;
        connection.externalShopId = u"9001"_s;
        connection.name = u"WoolCorner"_s;
        connection.status = Connection::Status::Live;
        connection.secretKey = u"tokenowner-%1-%2"_s.arg(QCoreApplication::applicationPid())
                                   .arg(QDateTime::currentMSecsSinceEpoch());
        qint64 id = 0;
        {
            const DbHandle handle = workspace.workspace().openHandle();
            id = ConnectionStore(handle.db()).add(connection);
        }
        const SecretStore::Result stored = test::awaitKeychain([&](auto done) {
            m_secrets.write(connection.secretKey, Credentials{*granted, fields}.encode(), done);
        });
        return stored.ok() ? id : 0;
    }

    Connection connection(const test::TestWorkspace &workspace, qint64 id) const
    {
        const DbHandle handle = workspace.workspace().openHandle();
        return ConnectionStore(handle.db()).get(id);
    }

    SecretStore m_secrets;
    TestBrowser m_browser;
};

QTEST_MAIN(TestTokenOwner)
#include "tst_tokenowner.moc"
