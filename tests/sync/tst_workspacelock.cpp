// Named workspace leases (WorkspaceLock) on SQLite and on a real PostgreSQL
// (the private cluster scripts/with-test-peers.sh starts), and WorkspaceLease
// waiting for, renewing and losing one on the event loop. Expiry is tested
// with leases that are already over, so nothing waits on the clock.
#include "migrator.h"
#include "peers.h"
#include "sql.h"
#include "testworkspace.h"
#include "workspace.h"
#include "workspacelease.h"
#include "workspacelock.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <atomic>
#include <latch>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

QSqlDatabase connectToPostgres(const QString &name, const QString &database)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db.setHostName(u"127.0.0.1"_s);
    db.setPort(qEnvironmentVariableIntValue("STORELOOM_TEST_PG_PORT"));
    db.setUserName(u"postgres"_s);
    db.setDatabaseName(database);
    db.open();
    return db;
}

// A database connection of its own on the calling thread, gone with this object.
class Connection
{
public:
    Connection(const QString &backend, const Workspace &workspace, const QString &pgDatabase)
    {
        if (backend == "sqlite"_L1) {
            m_handle.emplace(workspace.openHandle());
            m_db = m_handle->db();
        } else {
            static std::atomic_int counter{0};
            m_name = u"lock-pg-%1"_s.arg(counter++);
            m_db = connectToPostgres(m_name, pgDatabase);
        }
    }
    ~Connection()
    {
        if (m_name.isEmpty())
            return;
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return m_db; }

private:
    std::optional<DbHandle> m_handle;
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace

class TestWorkspaceLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = std::make_unique<test::TestWorkspace>();
        if (qEnvironmentVariableIsEmpty("STORELOOM_TEST_PG_PORT")) {
            m_pgError = u"Needs the PostgreSQL peer: run through scripts/with-test-peers.sh."_s;
            return;
        }
        QSqlDatabase admin = connectToPostgres(u"lock-admin"_s, u"postgres"_s);
        QSqlQuery create(admin);
        const QString database = u"storeloom_lock_%1"_s.arg(QCoreApplication::applicationPid());
        if (!admin.isOpen() || !create.exec(u"CREATE DATABASE %1"_s.arg(database))) {
            m_pgError = u"PostgreSQL does not answer: "_s + admin.lastError().text() +
                        create.lastError().text();
            return;
        }
        m_pgDatabase = database;
        Connection setup(u"postgres"_s, m_workspace->workspace(), m_pgDatabase);
        Migrator(Workspace::migrationsResourceDirectory()).migrate(setup.db());
    }

    void cleanupTestCase()
    {
        if (!m_pgDatabase.isEmpty()) {
            QSqlQuery drop(QSqlDatabase::database(u"lock-admin"_s, false));
            drop.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(m_pgDatabase));
        }
        QSqlDatabase::database(u"lock-admin"_s, false).close();
        QSqlDatabase::removeDatabase(u"lock-admin"_s);
    }

    void aFreeNameIsTakenAndHeldAgainstOthers_data() { backends(); }
    void aFreeNameIsTakenAndHeldAgainstOthers()
    {
        QFETCH(QString, backend);
        STORELOOM_REQUIRE_PEER(backend == "sqlite"_L1 ? QString() : m_pgError);
        Connection connection(backend, m_workspace->workspace(), m_pgDatabase);
        WorkspaceLock locks(connection.db());
        const QString name = lockName(backend);

        QVERIFY(!locks.holder(name));
        QVERIFY(locks.tryAcquire(name, u"A"_s, 60000));
        QCOMPARE(locks.holder(name)->owner, u"A"_s);
        QVERIFY(!locks.tryAcquire(name, u"B"_s, 60000));
        QCOMPARE(locks.holder(name)->owner, u"A"_s);
        // Names do not share a lease.
        QVERIFY(locks.tryAcquire(name + u"-other"_s, u"B"_s, 60000));
    }

    void theHolderRenewsAndOnlyItReleases_data() { backends(); }
    void theHolderRenewsAndOnlyItReleases()
    {
        QFETCH(QString, backend);
        STORELOOM_REQUIRE_PEER(backend == "sqlite"_L1 ? QString() : m_pgError);
        Connection connection(backend, m_workspace->workspace(), m_pgDatabase);
        WorkspaceLock locks(connection.db());
        const QString name = lockName(backend);

        QVERIFY(locks.tryAcquire(name, u"A"_s, 1000));
        const WorkspaceLock::Holder first = *locks.holder(name);
        QVERIFY(locks.tryAcquire(name, u"A"_s, 600000)); // renewed: later expiry, same start
        const WorkspaceLock::Holder renewed = *locks.holder(name);
        QVERIFY(renewed.expiresAt > first.expiresAt);
        QCOMPARE(renewed.acquiredAt, first.acquiredAt);

        QVERIFY(!locks.release(name, u"B"_s));
        QCOMPARE(locks.holder(name)->owner, u"A"_s);
        QVERIFY(locks.release(name, u"A"_s));
        QVERIFY(!locks.holder(name));
        QVERIFY(!locks.release(name, u"A"_s));
        QVERIFY(locks.tryAcquire(name, u"B"_s, 60000));
    }

    void aLeaseThatRanOutIsTakenOver_data() { backends(); }
    void aLeaseThatRanOutIsTakenOver()
    {
        QFETCH(QString, backend);
        STORELOOM_REQUIRE_PEER(backend == "sqlite"_L1 ? QString() : m_pgError);
        Connection connection(backend, m_workspace->workspace(), m_pgDatabase);
        WorkspaceLock locks(connection.db());
        const QString name = lockName(backend);

        QVERIFY(locks.tryAcquire(name, u"dead"_s, -1)); // a holder whose lease is over
        QVERIFY(!locks.holder(name));
        QVERIFY(locks.tryAcquire(name, u"B"_s, 60000));
        QCOMPARE(locks.holder(name)->owner, u"B"_s);
        QVERIFY(!locks.release(name, u"dead"_s)); // the old holder cannot let go of B's lease
        QCOMPARE(locks.holder(name)->owner, u"B"_s);
    }

    void exactlyOneOfManyRacersWins_data() { backends(); }
    void exactlyOneOfManyRacersWins()
    {
        QFETCH(QString, backend);
        STORELOOM_REQUIRE_PEER(backend == "sqlite"_L1 ? QString() : m_pgError);
        const QString name = lockName(backend);
        constexpr int kRacers = 8;
        for (int round = 0; round < 5; ++round) {
            const QString roundName = name + u"-%1"_s.arg(round);
            std::latch start(kRacers);
            std::atomic_int winners{0};
            std::atomic_int errors{0};
            std::vector<std::unique_ptr<QThread>> racers;
            for (int i = 0; i < kRacers; ++i) {
                racers.emplace_back(QThread::create([&, i] {
                    Connection connection(backend, m_workspace->workspace(), m_pgDatabase);
                    WorkspaceLock locks(connection.db());
                    start.arrive_and_wait();
                    try {
                        if (locks.tryAcquire(roundName, u"racer-%1"_s.arg(i), 60000))
                            ++winners;
                    } catch (...) {
                        ++errors;
                    }
                }));
                racers.back()->start();
            }
            for (const auto &racer : racers)
                QVERIFY(racer->wait(60000));
            QCOMPARE(errors.load(), 0);
            QCOMPARE(winners.load(), 1);
        }
    }

    void aWaiterGetsTheNameWhenTheHolderLetsGo()
    {
        const QString name = lockName(u"lease"_s);
        WorkspaceLease holder(m_workspace->workspace(), name);
        WorkspaceLease waiter(m_workspace->workspace(), name);
        QSignalSpy held(&holder, &WorkspaceLease::acquired);
        QSignalSpy waited(&waiter, &WorkspaceLease::acquired);
        holder.acquire();
        QCOMPARE(held.size(), 1); // a free name is taken at once
        waiter.acquire();         // the first try failed: it keeps trying
        QVERIFY(waiter.isWaiting() && !waiter.isHeld());
        QCOMPARE(waited.size(), 0);
        holder.release();
        QTRY_VERIFY(waiter.isHeld());
        QCOMPARE(waited.size(), 1);
        QCOMPARE(currentOwner(name), waiter.owner());
    }

    void aWaiterGivesUpWhenItsWaitIsOver()
    {
        const QString name = lockName(u"lease"_s);
        WorkspaceLease holder(m_workspace->workspace(), name);
        holder.acquire();
        WorkspaceLease::Timing noWait;
        noWait.wait = std::chrono::milliseconds(0);
        WorkspaceLease waiter(m_workspace->workspace(), name, noWait);
        QSignalSpy gaveUp(&waiter, &WorkspaceLease::notAcquired);
        waiter.acquire();
        QCOMPARE(gaveUp.size(), 1);
        QVERIFY(!waiter.isHeld() && !waiter.isWaiting());
        QCOMPARE(currentOwner(name), holder.owner());
    }

    void theHeartbeatKeepsTheLeaseAlive()
    {
        const QString name = lockName(u"lease"_s);
        WorkspaceLease::Timing shortLived;
        shortLived.ttl = std::chrono::milliseconds(600);
        WorkspaceLease holder(m_workspace->workspace(), name, shortLived);
        holder.acquire();
        const qint64 firstExpiry = expiryOf(name);
        // Past the first lease's end, it is still held — renewed, not taken over.
        QTRY_VERIFY(sql::nowMs() > firstExpiry + 200);
        QVERIFY(holder.isHeld());
        QCOMPARE(currentOwner(name), holder.owner());
        QVERIFY(expiryOf(name) > firstExpiry);
    }

    void aHolderThatLostTheNameKnowsAndLetsTheNewHolderBe()
    {
        const QString name = lockName(u"lease"_s);
        WorkspaceLease stale(m_workspace->workspace(), name);
        stale.acquire();
        QVERIFY(stale.isHeld());
        {
            // Paused past its lease: another process took the name over.
            const DbHandle handle = m_workspace->workspace().openHandle();
            QSqlQuery over(handle.db());
            QVERIFY(over.exec(u"UPDATE workspace_locks SET owner = 'other', expires_at = %1 "
                              "WHERE name = '%2'"_s.arg(sql::nowMs() + 600000)
                                  .arg(name)));
        }
        QSignalSpy lost(&stale, &WorkspaceLease::lost);
        QVERIFY(!stale.confirm());
        QCOMPARE(lost.size(), 1);
        QVERIFY(!stale.isHeld());
        stale.release();
        QCOMPARE(currentOwner(name), u"other"_s);
    }

private:
    static void backends()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgres") << u"postgres"_s;
    }

    static QString lockName(const QString &backend)
    {
        return u"%1/%2"_s.arg(QString::fromLatin1(QTest::currentTestFunction()), backend);
    }

    QString currentOwner(const QString &name) const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        const auto holder = WorkspaceLock(handle.db()).holder(name);
        return holder ? holder->owner : QString();
    }

    qint64 expiryOf(const QString &name) const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        const auto holder = WorkspaceLock(handle.db()).holder(name);
        return holder ? holder->expiresAt : 0;
    }

    std::unique_ptr<test::TestWorkspace> m_workspace;
    QString m_pgDatabase;
    QString m_pgError;
};

QTEST_MAIN(TestWorkspaceLock)
#include "tst_workspacelock.moc"
