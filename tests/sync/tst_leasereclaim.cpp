#include "enginefixture.h"
#include "executionlog.h"
#include "executor.h"

#include <QProcess>
#include <QTest>

using namespace storeloom;

namespace {

class RecordingHandler : public OperationHandler
{
public:
    explicit RecordingHandler(Workspace workspace) : m_workspace(std::move(workspace)) {}

    ItemOutcome execute(const SyncItem &item) override
    {
        test::recordExecution(m_workspace, item.id);
        return ItemOutcome::succeeded();
    }

private:
    Workspace m_workspace;
};

// Starts lease_child on the workspace with leases of `leaseMs` and waits
// until it says which item it started ("started ID") and hangs in.
void startHangingChild(QProcess &child, const Workspace &workspace, qint64 leaseMs,
                       QByteArray &startedLine)
{
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral(LEASE_CHILD_PATH), {workspace.path(), QString::number(leaseMs)});
    QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
    QVERIFY(QTest::qWaitFor(
        [&] {
            child.waitForReadyRead(50);
            return child.canReadLine();
        },
        20000));
    startedLine = child.readLine().trimmed();
}

} // namespace

class TestLeaseReclaim : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void itemOfAKilledWorkerRunsAgainExactlyOnce()
    {
        test::EngineFixture engine;
        test::createExecutionLog(engine.db());
        RunStore &runs = engine.runs();
        ItemStore &items = engine.items();
        const qint64 runId = runs.create(QStringLiteral("publish"), 0, QStringLiteral("test"));
        const auto enqueued =
            items.enqueue(runId, test::EngineFixture::makeItems(3, QStringLiteral("listing-")));
        const qint64 firstId = enqueued.first().item.id;

        // A real worker process takes the items and dies in the middle of the first.
        QProcess child;
        QByteArray started;
        startHangingChild(child, engine.workspace(), 1500, started);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(started, QStringLiteral("started %1").arg(firstId).toUtf8());
        const qint64 childPid = child.processId();
        child.kill(); // SIGKILL: no cleanup, the lease is all that is left
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        for (const auto &e : enqueued) {
            const SyncItem item = items.get(e.item.id);
            QCOMPARE(item.state, SyncItem::State::Running);
            QVERIFY(item.leaseOwner.startsWith(QStringLiteral("pid%1-").arg(childPid)));
        }

        // This process's executor takes them back: their worker's process has ended.
        Executor::Options options;
        options.workers = 3;
        options.claimBatch = 1;
        options.idlePollMs = 50;
        options.reclaimEveryMs = 100;
        Executor executor(engine.workspace(), options);
        executor.setHandler(QStringLiteral("listing.create"),
                            std::make_shared<RecordingHandler>(engine.workspace()));
        executor.start();
        QTRY_VERIFY_WITH_TIMEOUT(runs.get(runId).isFinished(), 30000);
        executor.stop();

        const qint64 self = QCoreApplication::applicationPid();
        const auto executions = test::executionsByItem(engine.db());
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
        QVERIFY2(test::countersMatchItems(engine.db(), run, &why), qPrintable(why));
    }

    void itemsOfAProcessThatEndedAreTakenBackWithoutWaitingForTheLease()
    {
        test::EngineFixture engine;
        test::createExecutionLog(engine.db());
        const qint64 runId =
            engine.runs().create(QStringLiteral("publish"), 0, QStringLiteral("test"));
        const auto enqueued = engine.items().enqueue(
            runId, test::EngineFixture::makeItems(2, QStringLiteral("orphan-")));

        // The child holds its items for an hour, then is killed.
        QProcess child;
        QByteArray started;
        startHangingChild(child, engine.workspace(), 60 * 60 * 1000, started);
        if (QTest::currentTestFailed())
            return;
        child.kill();
        QVERIFY(child.waitForFinished(10000));

        // Its process is gone on this host: the lease need not run out.
        Executor::Options options;
        options.workers = 2;
        options.claimBatch = 1;
        options.idlePollMs = 50;
        Executor executor(engine.workspace(), options);
        executor.setHandler(QStringLiteral("listing.create"),
                            std::make_shared<RecordingHandler>(engine.workspace()));
        executor.start();
        QTRY_VERIFY_WITH_TIMEOUT(engine.runs().get(runId).isFinished(), 30000);
        executor.stop();
        QCOMPARE(engine.runs().get(runId).succeeded, 2);
        for (const auto &e : enqueued)
            QCOMPARE(engine.items().get(e.item.id).state, SyncItem::State::Succeeded);
    }
};

QTEST_GUILESS_MAIN(TestLeaseReclaim)
#include "tst_leasereclaim.moc"
