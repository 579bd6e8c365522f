// Leases with a heartbeat, checked before every call: an item may run far
// longer than one lease and still runs once; a worker whose item was taken
// over learns so from its fence and stops; an item that has to wait for
// another run is not given up on.
#include "enginefixture.h"
#include "executionlog.h"
#include "executor.h"
#include "leasefence.h"
#include "sql.h"

#include <QSemaphore>
#include <QTest>
#include <atomic>

using namespace storeloom;

namespace {

constexpr qint64 kLeaseMs = 300;

Executor::Options shortLeases(int workers = 1)
{
    Executor::Options options;
    options.workers = workers;
    options.claimBatch = 1;
    options.leaseMs = kLeaseMs;
    options.idlePollMs = 20;
    options.reclaimEveryMs = 20; // reclaims as eagerly as it can
    return options;
}

// Runs each item until it has been running for three leases.
class LongHandler : public OperationHandler
{
public:
    explicit LongHandler(Workspace workspace) : m_workspace(std::move(workspace)) {}

    ItemOutcome execute(const SyncItem &item) override
    {
        test::recordExecution(m_workspace, item.id);
        const qint64 until = sql::nowMs() + 3 * kLeaseMs;
        while (sql::nowMs() < until)
            QThread::msleep(10);
        return ItemOutcome::succeeded();
    }

private:
    Workspace m_workspace;
};

// Confirms its lease, lets the test take the item away, confirms again.
class FencedHandler : public OperationHandler
{
public:
    ItemOutcome execute(const SyncItem &) override
    {
        LeaseFence *fence = LeaseFence::current();
        firstConfirm = fence && fence->confirm();
        started.release();
        takenOver.acquire();
        secondConfirm = fence && fence->confirm();
        return ItemOutcome::succeeded(); // what a stale worker would claim
    }

    QSemaphore started;
    QSemaphore takenOver;
    std::atomic_bool firstConfirm{false};
    std::atomic_bool secondConfirm{true};
};

// Waits (deferred) `waits` times, then succeeds.
class WaitingHandler : public OperationHandler
{
public:
    explicit WaitingHandler(int waits) : m_waits(waits) {}

    ItemOutcome execute(const SyncItem &) override
    {
        if (m_calls.fetch_add(1) < m_waits)
            return ItemOutcome::deferred(QStringLiteral("Waiting for another run"), 1);
        return ItemOutcome::succeeded();
    }
    int calls() const { return m_calls; }

private:
    int m_waits;
    std::atomic_int m_calls{0};
};

} // namespace

class TestLeases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anItemThatRunsThreeLeasesLongRunsOnce()
    {
        test::EngineFixture engine;
        test::createExecutionLog(engine.db());
        const qint64 runId =
            engine.runs().create(QStringLiteral("publish"), 0, QStringLiteral("t"));
        const auto item =
            engine.items()
                .enqueue(runId, test::EngineFixture::makeItems(1, QStringLiteral("long-")))
                .first()
                .item;

        // Two executors, as two processes would be: the one that claims the
        // item keeps it alive; the other keeps looking for expired leases.
        Executor first(engine.workspace(), shortLeases());
        Executor second(engine.workspace(), shortLeases());
        for (Executor *executor : {&first, &second})
            executor->setHandler(QStringLiteral("listing.create"),
                                 std::make_shared<LongHandler>(engine.workspace()));
        first.start();
        second.start();
        QTRY_VERIFY_WITH_TIMEOUT(engine.runs().get(runId).isFinished(), 30000);
        first.stop();
        second.stop();

        QCOMPARE(test::executionsByItem(engine.db()).value(item.id).size(), 1);
        const SyncItem done = engine.items().get(item.id);
        QCOMPARE(done.state, SyncItem::State::Succeeded);
        QCOMPARE(done.attempts, 1);
    }

    void aWorkerWhoseItemWasTakenOverStopsActing()
    {
        test::EngineFixture engine;
        const qint64 runId =
            engine.runs().create(QStringLiteral("publish"), 0, QStringLiteral("t"));
        const auto item =
            engine.items()
                .enqueue(runId, test::EngineFixture::makeItems(1, QStringLiteral("f-")))
                .first()
                .item;
        Executor::Options options = shortLeases();
        options.reclaimEveryMs = 60000; // only the test takes the item away
        Executor executor(engine.workspace(), options);
        auto handler = std::make_shared<FencedHandler>();
        executor.setHandler(QStringLiteral("listing.create"), handler);
        executor.start();
        QVERIFY(handler->started.tryAcquire(1, 30000));
        QVERIFY(handler->firstConfirm);

        // As if the worker had been paused past its lease: it expires, and
        // the item goes to someone else.
        QSqlQuery expire(engine.db());
        QVERIFY(expire.exec(QStringLiteral("UPDATE sync_items SET lease_expires_at = 0")));
        QCOMPARE(engine.items().reclaimExpiredLeases(), 1);
        const auto other = engine.items().claim(QStringLiteral("other-worker"), 1, 60000);
        QCOMPARE(other.size(), 1);
        // The pause outlasted the lease (the worker trusts it for half a lease).
        const qint64 claimedAt = item.createdAt;
        QTRY_VERIFY(sql::nowMs() > claimedAt + 2 * kLeaseMs);
        handler->takenOver.release();

        QTRY_VERIFY_WITH_TIMEOUT(!handler->secondConfirm, 30000);
        executor.stop();
        const SyncItem now = engine.items().get(item.id);
        QCOMPARE(now.state, SyncItem::State::Running); // still the other worker's
        QCOMPARE(now.leaseOwner, QStringLiteral("other-worker"));
        QCOMPARE(engine.runs().get(runId).succeeded, 0); // the stale success was not recorded
    }

    void anItemThatWaitsForAnotherRunIsNotGivenUpOn()
    {
        test::EngineFixture engine;
        const qint64 runId =
            engine.runs().create(QStringLiteral("publish"), 0, QStringLiteral("t"));
        const auto item =
            engine.items()
                .enqueue(runId, test::EngineFixture::makeItems(1, QStringLiteral("w-"),
                                                               QStringLiteral("listing.create"),
                                                               Direction::Outbound, 0, 2))
                .first()
                .item;
        Executor executor(engine.workspace(), shortLeases());
        auto handler = std::make_shared<WaitingHandler>(10); // five times its attempts
        executor.setHandler(QStringLiteral("listing.create"), handler);
        executor.start();
        QTRY_VERIFY_WITH_TIMEOUT(engine.runs().get(runId).isFinished(), 30000);
        executor.stop();

        QCOMPARE(handler->calls(), 11);
        const SyncItem done = engine.items().get(item.id);
        QCOMPARE(done.state, SyncItem::State::Succeeded);
        QCOMPARE(done.attempts, 1);
    }

    void theHeartbeatDoesNotReviveALeaseThatRanOut()
    {
        test::EngineFixture engine;
        const qint64 runId =
            engine.runs().create(QStringLiteral("publish"), 0, QStringLiteral("t"));
        engine.items().enqueue(runId, test::EngineFixture::makeItems(2, QStringLiteral("h-")));
        const auto claimed = engine.items().claim(QStringLiteral("me"), 2, 60000);
        QCOMPARE(claimed.size(), 2);
        QSqlQuery expire(engine.db());
        QVERIFY(
            expire.exec(QStringLiteral("UPDATE sync_items SET lease_expires_at = 0 WHERE id = %1")
                            .arg(claimed.first().id)));
        QCOMPARE(engine.items().renewLeases({QStringLiteral("me")}, 60000), 1);
        QVERIFY(!engine.items().confirmLease(claimed.first().id, QStringLiteral("me"), 60000));
        QVERIFY(engine.items().confirmLease(claimed.last().id, QStringLiteral("me"), 60000));
        QVERIFY(!engine.items().confirmLease(claimed.last().id, QStringLiteral("you"), 60000));
    }
};

QTEST_GUILESS_MAIN(TestLeases)
#include "tst_leases.moc"
