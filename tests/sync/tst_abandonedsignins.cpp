// Sign-ins never finished expire: after the expiry their hidden placeholder
// connection and the suspended sign-in in the real keychain (the fixture's
// gnome-keyring) are gone; a fresh one, and the entry it owns, stay.
#include "abandonedsignins.h"
#include "connectionstore.h"
#include "keychainwait.h"
#include "peers.h"
#include "secretstore.h"
#include "sql.h"
#include "testworkspace.h"

#include <QTest>

using namespace storeloom;

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

} // namespace

class TestAbandonedSignIns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer()); }

    void init()
    {
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_handle = std::make_unique<DbHandle>(m_workspace->workspace().openHandle());
    }

    void cleanup()
    {
        for (const QString &provider : {QStringLiteral("etsy"), QStringLiteral("shopify")})
            test::awaitKeychain([&](auto done) { m_secrets.remove(AbandonedSignIns::suspendedKey(provider), done); });
        m_handle.reset();
        m_workspace.reset();
    }

    void expiredSignInIsRemovedWithItsKeychainEntry()
    {
        const qint64 stale = startSignIn(QStringLiteral("etsy"), 2 * kHourMs);
        const qint64 fresh = startSignIn(QStringLiteral("shopify"), 0);

        QCOMPARE(sweep(3600), 1);
        ConnectionStore connections(m_handle->db());
        QVERIFY(!connections.find(stale));
        QCOMPARE(readSuspended(QStringLiteral("etsy")).error, SecretStore::Error::NotFound);
        QCOMPARE(connections.get(fresh).status, Connection::Status::Authorizing);
        QVERIFY(readSuspended(QStringLiteral("shopify")).ok());
    }

    // `connect --no-wait` again for the same platform overwrote the entry:
    // it belongs to the new sign-in, only the old row goes.
    void laterSignInToTheSamePlatformKeepsTheEntry()
    {
        const qint64 stale = startSignIn(QStringLiteral("etsy"), 2 * kHourMs);
        const qint64 fresh = startSignIn(QStringLiteral("etsy"), 0);

        QCOMPARE(sweep(3600), 1);
        ConnectionStore connections(m_handle->db());
        QVERIFY(!connections.find(stale));
        QVERIFY(connections.find(fresh));
        QVERIFY(readSuspended(QStringLiteral("etsy")).ok());
    }

    // A connection to a known shop that is being re-authorized is not a
    // placeholder: its row (and its tokens) are never swept.
    void reauthorizingAConnectedShopIsNotSwept()
    {
        Connection known;
        known.provider = QStringLiteral("woocommerce");
        known.externalShopId = QStringLiteral("https://wool.example");
        known.name = QStringLiteral("Wool Corner");
        const qint64 id = ConnectionStore(m_handle->db()).beginAuthorization(known);
        backdate(id, 2 * kHourMs);
        QCOMPARE(sweep(3600), 0);
        QVERIFY(ConnectionStore(m_handle->db()).find(id));
    }

    void expiryComesFromTheEnvironment()
    {
        qunsetenv("STORELOOM_SIGNIN_EXPIRY_SECONDS");
        QCOMPARE(AbandonedSignIns::expiryFromEnvironment(), AbandonedSignIns::DefaultExpirySeconds);
        qputenv("STORELOOM_SIGNIN_EXPIRY_SECONDS", "0");
        QCOMPARE(AbandonedSignIns::expiryFromEnvironment(), 0);
        qputenv("STORELOOM_SIGNIN_EXPIRY_SECONDS", "soon");
        QCOMPARE(AbandonedSignIns::expiryFromEnvironment(), AbandonedSignIns::DefaultExpirySeconds);
        qunsetenv("STORELOOM_SIGNIN_EXPIRY_SECONDS");
    }

private:
    // What OAuthConnectSession::start and connect --no-wait leave behind,
    // begun `ageMs` ago.
    qint64 startSignIn(const QString &provider, qint64 ageMs)
    {
        Connection pending;
        pending.provider = provider;
        pending.name = provider;
        const qint64 id = ConnectionStore(m_handle->db()).beginAuthorization(pending);
        backdate(id, ageMs);
        const QByteArray suspended = QByteArray("{\"connection\":") + QByteArray::number(id) + '}';
        [&] {
            QVERIFY(test::awaitKeychain([&](auto done) {
                        m_secrets.write(AbandonedSignIns::suspendedKey(provider), suspended, done);
                    }).ok());
        }();
        return id;
    }

    void backdate(qint64 id, qint64 ageMs)
    {
        QSqlQuery update = sql::prepare(
            m_handle->db(), QStringLiteral("UPDATE connections SET created_at = :at WHERE id = :id"));
        update.bindValue(QStringLiteral(":at"), sql::nowMs() - ageMs);
        update.bindValue(QStringLiteral(":id"), id);
        sql::exec(update);
    }

    int sweep(qint64 expirySeconds)
    {
        std::optional<int> removed;
        AbandonedSignIns(m_workspace->workspace(), m_secrets, expirySeconds)
            .sweep([&](int count, const QString &error) {
                removed = error.isEmpty() ? count : -1;
            });
        if (!QTest::qWaitFor([&] { return removed.has_value(); }, 60000))
            return -2;
        return *removed;
    }

    SecretStore::Result readSuspended(const QString &provider)
    {
        return test::awaitKeychain(
            [&](auto done) { m_secrets.read(AbandonedSignIns::suspendedKey(provider), done); });
    }

    SecretStore m_secrets;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    std::unique_ptr<DbHandle> m_handle;
};

QTEST_GUILESS_MAIN(TestAbandonedSignIns)
#include "tst_abandonedsignins.moc"
