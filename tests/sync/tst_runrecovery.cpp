// No run stays "running" with nobody working on it, and a run whose process
// ended is continued rather than started again. Transactions compose: a
// store's writes inside another's transaction commit or roll back with it.
#include "enginefixture.h"
#include "leaseowner.h"
#include "publishseed.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QProcess>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

// The owner name of a process that has ended, on this host.
QString endedProcessOwner()
{
    QProcess process;
    process.start(u"sleep"_s, {u"600"_s});
    process.waitForStarted();
    const qint64 pid = process.processId();
    process.kill();
    process.waitForFinished();
    return u"pid%1-deadbeef@%2"_s.arg(pid).arg(QSysInfo::machineHostName());
}

bool anyRunning(const QList<SyncRun> &runs)
{
    return std::any_of(runs.cbegin(), runs.cend(),
                       [](const SyncRun &run) { return !run.isFinished(); });
}

} // namespace

class TestRunRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_engine = std::make_unique<test::EngineFixture>(); }
    void cleanup() { m_engine.reset(); }

    void theOwnerOfAnEndedProcessIsGone()
    {
        QVERIFY(LeaseOwner::isGone(endedProcessOwner()));
        QVERIFY(!LeaseOwner::isGone(LeaseOwner::ofThisProcess()));
        QVERIFY(!LeaseOwner::isGone(LeaseOwner::ofThisProcess() + u"/w3"_s));
        // Another host's process cannot be looked at: only its lease tells.
        QVERIFY(!LeaseOwner::isGone(u"pid1-abc@another-host.example"_s));
        QVERIFY(!LeaseOwner::isGone(QString()));
    }

    void runsNobodyWorksOnAreEnded()
    {
        RunStore &runs = m_engine->runs();
        const qint64 empty = runs.create(u"publish"_s, 0, u"cli"_s);
        const qint64 orphanedImport =
            runs.create(u"import"_s, 0, u"cli"_s, {}, endedProcessOwner());
        const qint64 liveImport =
            runs.create(u"import"_s, 0, u"cli"_s, {}, LeaseOwner::ofThisProcess());
        const qint64 withWork = runs.create(u"publish"_s, 0, u"cli"_s);
        m_engine->items().enqueue(withWork, test::EngineFixture::makeItems(2, u"k"_s));

        QCOMPARE(runs.recoverAbandoned(&LeaseOwner::isGone), 2);
        QCOMPARE(runs.get(empty).status, SyncRun::Status::Cancelled);
        QCOMPARE(runs.get(orphanedImport).status, SyncRun::Status::Cancelled);
        QVERIFY(!runs.get(liveImport).isFinished());
        QVERIFY(!runs.get(withWork).isFinished()); // its items still wait for a worker
        QCOMPARE(runs.recoverAbandoned(&LeaseOwner::isGone), 0);
    }

    void aRunWhoseItemsAllEndedFinishesWithItsCounts()
    {
        RunStore &runs = m_engine->runs();
        const qint64 runId = runs.create(u"publish"_s, 0, u"cli"_s);
        m_engine->items().enqueue(runId, test::EngineFixture::makeItems(1, u"c"_s));
        // Its counters lost the last transition (an older build's crash).
        QSqlQuery drift(m_engine->db());
        QVERIFY(drift.exec(u"UPDATE sync_items SET state = 'succeeded'"_s));
        QCOMPARE(runs.recoverAbandoned(&LeaseOwner::isGone), 1);
        QVERIFY(runs.get(runId).isFinished());
        QVERIFY(!anyRunning(runs.list()));
    }

    void anImportWhoseProcessEndedIsContinuedInItsOwnRun()
    {
        RunStore &runs = m_engine->runs();
        const qint64 connection = test::addTestConnection(m_engine->db(), u"shop"_s);
        const qint64 killed =
            runs.create(u"import"_s, connection, u"cli"_s, {}, endedProcessOwner());
        const QString me = LeaseOwner::ofThisProcess();
        QCOMPARE(runs.adopt(u"import"_s, connection, me), std::optional<qint64>(killed));
        const SyncRun adopted = runs.get(killed);
        QCOMPARE(adopted.status, SyncRun::Status::Running);
        QVERIFY(!adopted.isFinished());
        QCOMPARE(runs.list().size(), 1);

        // Finished for good: the next import is a new run.
        runs.finish(killed, SyncRun::Status::Succeeded, u"done"_s);
        QCOMPARE(runs.adopt(u"import"_s, connection, me), std::nullopt);
    }

    void aRunALiveProcessWorksOnIsNotTakenFromIt()
    {
        RunStore &runs = m_engine->runs();
        QProcess sleeper;
        sleeper.start(u"sleep"_s, {u"600"_s});
        QVERIFY(sleeper.waitForStarted());
        const QString alive =
            u"pid%1-cafe@%2"_s.arg(sleeper.processId()).arg(QSysInfo::machineHostName());
        const qint64 connection = test::addTestConnection(m_engine->db(), u"shop"_s);
        const qint64 busy = runs.create(u"import"_s, connection, u"cli"_s, {}, alive);
        QVERIFY_THROWS_EXCEPTION(WorkspaceError,
                                 runs.adopt(u"import"_s, connection, LeaseOwner::ofThisProcess()));
        QCOMPARE(runs.recoverAbandoned(&LeaseOwner::isGone), 0);
        sleeper.kill();
        sleeper.waitForFinished();
        QCOMPARE(runs.recoverAbandoned(&LeaseOwner::isGone), 1);
        QCOMPARE(runs.get(busy).status, SyncRun::Status::Cancelled);
    }

    void anInnerTransactionCommitsWithTheOuterOne()
    {
        const QSqlDatabase db = m_engine->db();
        {
            sql::WriteTransaction outer(db);
            m_engine->runs().create(u"publish"_s, 0, u"a"_s); // its own transaction, nested
            // The outer one is not committed: nothing stays.
        }
        QCOMPARE(m_engine->runs().list().size(), 0);
        {
            sql::WriteTransaction outer(db);
            m_engine->runs().create(u"publish"_s, 0, u"b"_s);
            {
                sql::WriteTransaction inner(db);
                m_engine->runs().create(u"publish"_s, 0, u"rolled back"_s);
            }
            outer.commit();
        }
        const QList<SyncRun> runs = m_engine->runs().list();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().createdBy, u"b"_s);
    }

private:
    std::unique_ptr<test::EngineFixture> m_engine;
};

QTEST_GUILESS_MAIN(TestRunRecovery)
#include "tst_runrecovery.moc"
