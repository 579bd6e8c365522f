#include "executor.h"
#include "itemstore.h"
#include "runstore.h"
#include "sql.h"
#include "testworkspace.h"

#include <QMutex>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace storeloom;

namespace {

class RecordingHandler : public OperationHandler
{
public:
    explicit RecordingHandler(Workspace workspace) : m_workspace(std::move(workspace)) {}

    ItemOutcome execute(const SyncItem &item) override
    {
        const DbHandle handle = m_workspace.openHandle();
        QSqlQuery record = sql::prepare(
            handle.db(),
            QStringLiteral("INSERT INTO test_executions (item_id, pid) VALUES (:item, :pid)"));
        record.bindValue(QStringLiteral(":item"), item.id);
        record.bindValue(QStringLiteral(":pid"), QCoreApplication::applicationPid());
        sql::exec(record);
        return ItemOutcome::succeeded();
    }

private:
    Workspace m_workspace;
};

QHash<qint64, QList<qint64>> executionsByItem(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT item_id, pid FROM test_executions ORDER BY rowid"));
    QHash<qint64, QList<qint64>> result;
    while (query.next())
        result[query.value(0).toLongLong()].append(query.value(1).toLongLong());
    return result;
}

} // namespace

class TestLeaseReclaim : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void itemOfAKilledWorkerRunsAgainExactlyOnce()
    {
        test::TestWorkspace workspace;
        const DbHandle handle = workspace.workspace().openHandle();
        QSqlQuery setup(handle.db());
        QVERIFY(setup.exec(
            QStringLiteral("CREATE TABLE test_executions (item_id BIGINT, pid BIGINT)")));
        RunStore runs(handle.db());
        ItemStore items(handle.db());
        const qint64 runId = runs.create(QStringLiteral("publish"), 0, QStringLiteral("test"));
        QList<NewItem> batch;
        for (int i = 0; i < 3; ++i) {
            NewItem item;
            item.operation = QStringLiteral("listing.create");
            item.direction = Direction::Outbound;
            item.idempotencyKey = QStringLiteral("listing-%1").arg(i);
            batch.append(item);
        }
        const auto enqueued = items.enqueue(runId, batch);
        const qint64 firstId = enqueued.first().item.id;

        // A real worker process takes the items and dies in the middle of the first.
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(LEASE_CHILD_PATH), {workspace.path(), QStringLiteral("1500")});
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
        QVERIFY(QTest::qWaitFor(
            [&] {
                child.waitForReadyRead(50);
                return child.canReadLine();
            },
            20000));
        QCOMPARE(child.readLine().trimmed(), QStringLiteral("started %1").arg(firstId).toUtf8());
        const qint64 childPid = child.processId();
        child.kill(); // SIGKILL: no cleanup, the lease is all that is left
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        for (const auto &e : enqueued) {
            const SyncItem item = items.get(e.item.id);
            QCOMPARE(item.state, SyncItem::State::Running);
            QVERIFY(item.leaseOwner.startsWith(QStringLiteral("pid%1-").arg(childPid)));
        }

        // This process's executor reclaims them once the lease runs out.
        Executor::Options options;
        options.workers = 3;
        options.claimBatch = 1;
        options.idlePollMs = 50;
        options.reclaimEveryMs = 100;
        Executor executor(workspace.workspace(), options);
        executor.setHandler(QStringLiteral("listing.create"),
                            std::make_shared<RecordingHandler>(workspace.workspace()));
        executor.start();
        QTRY_VERIFY_WITH_TIMEOUT(runs.get(runId).isFinished(), 30000);
        executor.stop();

        const qint64 self = QCoreApplication::applicationPid();
        const auto executions = executionsByItem(handle.db());
        QCOMPARE(executions.value(firstId), (QList<qint64>{childPid, self}));
        for (int i = 1; i < 3; ++i) // claimed by the child but never started
            QCOMPARE(executions.value(enqueued.at(i).item.id), QList<qint64>{self});

        const SyncItem first = items.get(firstId);
        QCOMPARE(first.state, SyncItem::State::Succeeded);
        QCOMPARE(first.attempts, 2);
        const SyncRun run = runs.get(runId);
        QCOMPARE(run.status, SyncRun::Status::Succeeded);
        QCOMPARE(run.succeeded, 3);
        QString why;
        QVERIFY2(test::countersMatchItems(handle.db(), run, &why), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestLeaseReclaim)
#include "tst_leasereclaim.moc"
