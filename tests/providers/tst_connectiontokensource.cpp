// Workers renewing a connection's sign-in: a worker that got a 401 blocks in
// ConnectionTokenSource while the owner thread's ConnectionTokens refreshes
// (rotation persisted to the real keychain), then carries on with the new
// token; several workers share one refresh; a sign-in that cannot be renewed
// comes back empty instead of hanging.
#include "accesstokensource.h"
#include "connectionstore.h"
#include "connectiontokens.h"
#include "credentials.h"
#include "etsy/etsyprovider.h"
#include "faketokenendpoint.h"
#include "keychainwait.h"
#include "peers.h"
#include "secretstore.h"
#include "testworkspace.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30000;

QByteArray tokenAnswer(const char *access, const char *refresh)
{
    return QByteArray("{\"access_token\":\"") + access + "\",\"refresh_token\":\"" + refresh +
           "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";
}

// Runs `work` on a new thread while this one keeps its event loop turning.
QStringList onWorkers(int count, const std::function<QString()> &work)
{
    QStringList results(count);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back(QThread::create([&results, &work, i] { results[i] = work(); }));
        threads.back()->start();
    }
    for (const auto &thread : threads) {
        if (!QTest::qWaitFor([&] { return thread->isFinished(); }, 2 * kWaitMs))
            qFatal("a worker did not come back");
    }
    return results;
}

} // namespace

class TestConnectionTokenSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer()); }

    void init()
    {
        m_endpoint = std::make_unique<FakeTokenEndpoint>();
        QVERIFY(m_endpoint->listen());
        EtsyProvider::Endpoints endpoints;
        endpoints.authorize = m_endpoint->authorizationUrl();
        endpoints.token = m_endpoint->tokenUrl();
        m_etsy = std::make_unique<EtsyProvider>(endpoints);
        m_workspace = std::make_unique<test::TestWorkspace>();

        Connection connection;
        connection.provider = u"etsy"_s;
        connection.externalShopId = u"42"_s;
        connection.name = u"Mugs"_s;
        connection.status = Connection::Status::Live;
        connection.secretKey = u"tokensource-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        {
            const DbHandle handle = m_workspace->workspace().openHandle();
            m_connectionId = ConnectionStore(handle.db()).add(connection);
        }
        m_secretKey = connection.secretKey;
        OAuthTokens tokens;
        tokens.accessToken = u"7.first"_s;
        tokens.refreshToken = u"refresh-1"_s;
        tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        const Credentials credentials{tokens, {{u"keystring"_s, u"app-key"_s}}};
        QVERIFY(test::awaitKeychain([&](auto done) {
                    m_secrets.write(m_secretKey, credentials.encode(), done);
                }).ok());

        m_keeper = std::make_unique<ConnectionTokens>(m_workspace->workspace(), m_secrets, *m_etsy,
                                                      m_connectionId);
        QSignalSpy ready(m_keeper.get(), &ConnectionTokens::ready);
        m_keeper->load();
        QVERIFY(ready.wait(kWaitMs));
    }

    void cleanup()
    {
        m_keeper.reset();
        test::awaitKeychain([&](auto done) { m_secrets.remove(m_secretKey, done); });
        m_workspace.reset();
    }

    void aWorkerWaitsForTheOwnerThreadsRefresh()
    {
        ConnectionTokenSource source(m_keeper.get());
        QCOMPARE(source.accessToken(), u"7.first"_s);
        m_endpoint->queue({200, "application/json", tokenAnswer("7.second", "refresh-2")});

        const QStringList renewed = onWorkers(1, [&] {
            const QString fresh = source.renewAfterRejection(u"7.first"_s);
            // Rejected again with a token made for a 401: nothing more to try.
            const QString again = source.renewAfterRejection(fresh);
            return fresh + u'|' + again + u'|' + source.accessToken();
        });
        QCOMPARE(renewed.first(), u"7.second||7.second"_s);
        QCOMPARE(m_endpoint->requests().size(), 1);
        QCOMPARE(m_endpoint->requests().first().value(u"grant_type"_s), u"refresh_token"_s);
        QCOMPARE(m_endpoint->requests().first().value(u"refresh_token"_s), u"refresh-1"_s);
        // The rotated refresh token was in the keychain before the worker went on.
        const SecretStore::Result stored =
            test::awaitKeychain([&](auto done) { m_secrets.read(m_secretKey, done); });
        QCOMPARE(Credentials::decode(stored.secret)->tokens.refreshToken, u"refresh-2"_s);
    }

    void workersRejectingTheSameTokenShareOneRefresh()
    {
        ConnectionTokenSource source(m_keeper.get());
        m_endpoint->queue({200, "application/json", tokenAnswer("7.second", "refresh-2")});
        const QStringList renewed =
            onWorkers(4, [&] { return source.renewAfterRejection(u"7.first"_s); });
        QCOMPARE(renewed, QStringList(4, u"7.second"_s));
        QCOMPARE(m_endpoint->requests().size(), 1);
        // A worker that was still using a retired token gets the current one at once.
        QCOMPARE(onWorkers(1, [&] { return source.renewAfterRejection(u"7.first"_s); }),
                 QStringList{u"7.second"_s});
        QCOMPARE(m_endpoint->requests().size(), 1);
    }

    void aGrantThatIsGoneComesBackEmpty()
    {
        ConnectionTokenSource source(m_keeper.get());
        m_endpoint->queue({400, "application/json",
                           "{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"}"});
        QSignalSpy failed(m_keeper.get(), &ConnectionTokens::failed);
        QCOMPARE(onWorkers(2, [&] { return source.renewAfterRejection(u"7.first"_s); }),
                 QStringList(2, QString()));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(source.accessToken(), QString());
    }

    void aRenewalThatCannotHappenComesBackEmpty()
    {
        // Still loading from the keychain when the worker asks: it waits, boundedly.
        ConnectionTokens loading(m_workspace->workspace(), m_secrets, *m_etsy, m_connectionId);
        ConnectionTokenSource waiting(&loading, std::chrono::milliseconds(200));
        QCOMPARE(onWorkers(1, [&] { return waiting.renewAfterRejection(QString()); }),
                 QStringList{QString()});

        // The connection was let go: nothing can renew its sign-in.
        ConnectionTokenSource source(m_keeper.get());
        m_keeper.reset();
        QCOMPARE(source.accessToken(), QString());
        QCOMPARE(onWorkers(1, [&] { return source.renewAfterRejection(u"7.first"_s); }),
                 QStringList{QString()});
        QVERIFY(m_endpoint->requests().isEmpty());
    }

private:
    SecretStore m_secrets;
    std::unique_ptr<FakeTokenEndpoint> m_endpoint;
    std::unique_ptr<EtsyProvider> m_etsy;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    std::unique_ptr<ConnectionTokens> m_keeper;
    qint64 m_connectionId = 0;
    QString m_secretKey;
};

QTEST_GUILESS_MAIN(TestConnectionTokenSource)
#include "tst_connectiontokensource.moc"
