#include "connectionstore.h"
#include "enginefixture.h"
#include "executor.h"
#include "itemstore.h"
#include "runstore.h"

#include <QMutex>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <functional>

using namespace storeloom;
using State = SyncItem::State;

namespace {

// An in-test operation: counts how often each item ran and answers with
// whatever `decide` says.
class RecordingHandler : public OperationHandler
{
public:
    explicit RecordingHandler(std::function<ItemOutcome(const SyncItem &)> decide = {})
        : m_decide(std::move(decide))
    {}

    ItemOutcome execute(const SyncItem &item) override
    {
        {
            QMutexLocker lock(&m_mutex);
            ++m_runs[item.id];
        }
        return m_decide ? m_decide(item) : ItemOutcome::succeeded();
    }

    QHash<qint64, int> runs() const
    {
        QMutexLocker lock(&m_mutex);
        return m_runs;
    }
    int totalRuns() const
    {
        QMutexLocker lock(&m_mutex);
        int total = 0;
        for (int n : m_runs)
            total += n;
        return total;
    }

private:
    std::function<ItemOutcome(const SyncItem &)> m_decide;
    mutable QMutex m_mutex;
    QHash<qint64, int> m_runs;
};

Connection testConnection(const QString &shop)
{
    Connection connection;
    connection.provider = QStringLiteral("test");
    connection.externalShopId = shop;
    connection.name = shop;
    return connection;
}

Executor::Options fastOptions(int workers = 4)
{
    Executor::Options options;
    options.workers = workers;
    options.claimBatch = 4;
    options.idlePollMs = 20;
    options.retryPolicy = RetryPolicy(5, 20);
    return options;
}

} // namespace

class TestExecutor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_engine = std::make_unique<test::EngineFixture>(); }
    void cleanup() { m_engine.reset(); }

    void runsEveryItemOnceAndKeepsCountersExact()
    {
        constexpr int kItems = 1200;
        const qint64 runId =
            m_engine->runs().create(QStringLiteral("publish"), 0, QStringLiteral("test"));
        QList<NewItem> batch;
        for (int i = 0; i < kItems; ++i) {
            NewItem item;
            item.operation = QStringLiteral("listing.update");
            item.direction = Direction::Outbound;
            item.idempotencyKey = QStringLiteral("k%1").arg(i);
            item.entityId = i + 1; // decides the outcome below
            item.maxAttempts = 3;
            batch.append(item);
        }
        m_engine->items().enqueue(runId, batch);

        // A mix of every outcome, including items that fail once and then succeed.
        auto handler = std::make_shared<RecordingHandler>([](const SyncItem &item) {
            switch (item.entityId % 4) {
            case 0:
                return ItemOutcome::succeeded();
            case 1:
                return ItemOutcome::skipped(QStringLiteral("unchanged"));
            case 2:
                return ItemOutcome::permanent(QStringLiteral("refused by the platform"));
            default:
                return item.attempts < 2 ? ItemOutcome::retry(QStringLiteral("timeout"))
                                         : ItemOutcome::succeeded();
            }
        });
        Executor executor(m_engine->workspace(), fastOptions());
        executor.setHandler(QStringLiteral("listing.update"), handler);
        QSignalSpy finished(&executor, &Executor::itemFinished);
        executor.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->runs().get(runId).isFinished(), 60000);
        executor.stop();

        const SyncRun run = m_engine->runs().get(runId);
        QCOMPARE(run.total, kItems);
        QCOMPARE(run.succeeded, kItems / 2);
        QCOMPARE(run.skipped, kItems / 4);
        QCOMPARE(run.failed, kItems / 4);
        QCOMPARE(run.status, SyncRun::Status::Failed);
        QString why;
        QVERIFY2(test::countersMatchItems(m_engine->db(), run, &why), qPrintable(why));

        const auto runs = handler->runs();
        QCOMPARE(runs.size(), kItems);
        for (const SyncItem &item : m_engine->items().list(runId)) {
            const int expected = item.entityId % 4 == 3 ? 2 : 1;
            QCOMPARE(runs.value(item.id), expected);
            QCOMPARE(item.attempts, expected);
        }
        QCOMPARE(finished.size(), kItems + kItems / 4); // one signal per recorded attempt
    }

    void aThrowingHandlerIsARetryableFailure()
    {
        const qint64 runId = m_engine->runs().create(QStringLiteral("import"), 0, QString());
        NewItem item;
        item.operation = QStringLiteral("catalog.import_page");
        item.idempotencyKey = QStringLiteral("page-1");
        item.maxAttempts = 2;
        const qint64 id = m_engine->items().enqueue(runId, item).item.id;
        auto handler = std::make_shared<RecordingHandler>([](const SyncItem &) -> ItemOutcome {
            throw std::runtime_error("connection reset by peer");
        });
        Executor executor(m_engine->workspace(), fastOptions(1));
        executor.setHandler(QStringLiteral("catalog.import_page"), handler);
        executor.start();
        QTRY_COMPARE(m_engine->items().get(id).state, State::Dead);
        QCOMPARE(handler->totalRuns(), 2);
        QVERIFY(m_engine->items().get(id).lastError.contains(
            QLatin1String("connection reset by peer")));
    }

    void policyGateHoldsBackADirectionPerConnection()
    {
        ConnectionStore connections(m_engine->db());
        const qint64 shop = connections.add(testConnection(QStringLiteral("shop-a")));
        connections.setAllowed(shop, Direction::Outbound, false);

        const qint64 runId = m_engine->runs().create(QStringLiteral("sync"), shop, QString());
        const QString operation = QStringLiteral("inventory.sync");
        m_engine->items().enqueue(runId,
                                  test::EngineFixture::makeItems(5, QStringLiteral("in"), operation,
                                                                 Direction::Inbound, shop));
        m_engine->items().enqueue(runId, test::EngineFixture::makeItems(5, QStringLiteral("out"),
                                                                        operation,
                                                                        Direction::Outbound, shop));

        auto handler = std::make_shared<RecordingHandler>();
        Executor executor(m_engine->workspace(), fastOptions(2));
        executor.setHandler(QStringLiteral("inventory.sync"), handler);
        executor.start();
        QTRY_COMPARE(m_engine->runs().get(runId).succeeded, 5);
        for (const SyncItem &item : m_engine->items().list(runId)) {
            QCOMPARE(item.state,
                     item.direction == Direction::Inbound ? State::Succeeded : State::Pending);
            if (item.direction == Direction::Outbound)
                QCOMPARE(item.attempts, 0); // never claimed
        }

        connections.setAllowed(shop, Direction::Outbound, true);
        executor.wake();
        QTRY_COMPARE(m_engine->runs().get(runId).succeeded, 10);
        QCOMPARE(handler->totalRuns(), 10);
    }

    void itemsOfOperationsWithoutAHandlerWaitForAProcessThatHasOne()
    {
        const qint64 runId = m_engine->runs().create(QStringLiteral("mixed"), 0, QString());
        m_engine->items().enqueue(runId, test::EngineFixture::makeItems(
                                             3, QStringLiteral("known"),
                                             QStringLiteral("listing.update")));
        m_engine->items().enqueue(runId, test::EngineFixture::makeItems(
                                             2, QStringLiteral("other"),
                                             QStringLiteral("inventory.push")));
        auto updates = std::make_shared<RecordingHandler>();
        {
            Executor executor(m_engine->workspace(), fastOptions(2));
            executor.setHandler(QStringLiteral("listing.update"), updates);
            executor.start();
            QTRY_COMPARE(m_engine->runs().get(runId).succeeded, 3);
            executor.stop();
        }
        for (const SyncItem &item : m_engine->items().list(runId)) {
            if (item.operation == QLatin1String("inventory.push")) {
                QCOMPARE(item.state, State::Pending); // never claimed, never failed
                QCOMPARE(item.attempts, 0);
            }
        }
        // Another process that can push inventory finishes the run.
        auto pushes = std::make_shared<RecordingHandler>();
        Executor other(m_engine->workspace(), fastOptions(2));
        other.setHandler(QStringLiteral("inventory.push"), pushes);
        other.start();
        QTRY_VERIFY(m_engine->runs().get(runId).isFinished());
        other.stop();
        QCOMPARE(m_engine->runs().get(runId).status, SyncRun::Status::Succeeded);
        QCOMPARE(pushes->totalRuns(), 2);
        QCOMPARE(updates->totalRuns(), 3);
    }

    void rateBudgetPacesAConnectionsWorkers()
    {
        ConnectionStore connections(m_engine->db());
        const qint64 shop = connections.add(testConnection(QStringLiteral("shop-b")));
        const qint64 runId = m_engine->runs().create(QStringLiteral("publish"), shop, QString());
        m_engine->items().enqueue(runId,
                                  test::EngineFixture::makeItems(20, QStringLiteral("b"),
                                                                 QStringLiteral("listing.create"),
                                                                 Direction::Outbound, shop));

        auto budget =
            std::make_shared<RateBudget>(5, 0); // 5 calls, then the platform must say more
        QCOMPARE(budget->gateCost(), 1.0);      // the handler does not meter: the gate does
        auto handler = std::make_shared<RecordingHandler>();
        Executor executor(m_engine->workspace(), fastOptions(3));
        executor.setHandler(QStringLiteral("listing.create"), handler);
        executor.rateBudgets().set(shop, budget);
        executor.start();
        // Every worker holds claimed items, so once the five units are spent
        // all three wait at the gate — and exactly five items have run.
        QTRY_COMPARE(budget->waiting(), 3);
        QCOMPARE(handler->totalRuns(), 5);
        QCOMPARE(m_engine->runs().get(runId).succeeded, 5); // recorded before waiting
        QVERIFY(!budget->timeUntil(1));                     // nothing refills it by itself

        budget->update(15, 15, 0); // the platform reports fresh budget
        QTRY_COMPARE(m_engine->runs().get(runId).succeeded, 20);
        QCOMPARE(handler->totalRuns(), 20);
        QCOMPARE(budget->available(), 0.0); // one unit per item, 5 + 15 for 20
    }

    void aMeteringAdapterIsChargedOnceThroughTheSharedBudgets()
    {
        ConnectionStore connections(m_engine->db());
        const qint64 shop = connections.add(testConnection(QStringLiteral("shop-m")));
        const qint64 runId = m_engine->runs().create(QStringLiteral("publish"), shop, QString());
        m_engine->items().enqueue(runId,
                                  test::EngineFixture::makeItems(20, QStringLiteral("m"),
                                                                 QStringLiteral("listing.create"),
                                                                 Direction::Outbound, shop));
        // The process's budgets (ConnectionAccess's in the app), shared with
        // the executor: the budget the adapter takes from is the one gated on.
        auto shared = std::make_shared<RateBudgets>();
        auto budget = std::make_shared<RateBudget>(6, 0);
        budget->setGateCost(0); // the adapter takes a unit per request itself
        shared->set(shop, budget);

        // Like EtsyClient: one request per item, a unit taken before sending it.
        std::atomic_bool adapterStop{false};
        std::atomic_int requests{0};
        auto handler = std::make_shared<RecordingHandler>([&](const SyncItem &) {
            if (!budget->acquire(1, &adapterStop))
                return ItemOutcome::retry(QStringLiteral("cancelled"));
            ++requests;
            return ItemOutcome::succeeded();
        });
        Executor executor(m_engine->workspace(), fastOptions(3));
        executor.setHandler(QStringLiteral("listing.create"), handler);
        executor.setRateBudgets(shared);
        QCOMPARE(&executor.rateBudgets(), shared.get());
        const auto unblock = qScopeGuard([&] {
            adapterStop = true; // a failed check must not leave a worker waiting
            budget->wakeAll();
        });
        executor.start();
        // Three workers wait — at the gate, or in the adapter — once six
        // requests were sent: six units bought six items, not three.
        QTRY_COMPARE(budget->waiting(), 3);
        QCOMPARE(requests.load(), 6);
        QCOMPARE(budget->available(), 0.0);

        budget->update(14, 14, 0);
        QTRY_COMPARE(m_engine->runs().get(runId).succeeded, 20);
        QCOMPARE(requests.load(), 20);
        QCOMPARE(handler->totalRuns(), 20);
        QCOMPARE(budget->available(), 0.0);
    }

    void stoppingGivesBackItemsThatDidNotStart()
    {
        ConnectionStore connections(m_engine->db());
        const qint64 shop = connections.add(testConnection(QStringLiteral("shop-c")));
        const qint64 runId = m_engine->runs().create(QStringLiteral("publish"), shop, QString());
        m_engine->items().enqueue(runId,
                                  test::EngineFixture::makeItems(8, QStringLiteral("s"),
                                                                 QStringLiteral("listing.create"),
                                                                 Direction::Outbound, shop));
        auto handler = std::make_shared<RecordingHandler>();
        auto budget = std::make_shared<RateBudget>(2, 0);
        Executor executor(m_engine->workspace(), fastOptions(2));
        executor.setHandler(QStringLiteral("listing.create"), handler);
        executor.rateBudgets().set(shop, budget);
        executor.start();
        QTRY_COMPARE(budget->waiting(), 2); // both workers hold items the gate holds back
        QCOMPARE(m_engine->runs().get(runId).succeeded, 2);
        executor.stop(); // workers waiting for budget give their claimed items back

        const auto counts = test::itemCountsByState(m_engine->db(), runId);
        QCOMPARE(counts.value(QStringLiteral("succeeded")), 2);
        QCOMPARE(counts.value(QStringLiteral("pending")), 6);
        QCOMPARE(counts.value(QStringLiteral("running")), 0);
        for (const SyncItem &item : m_engine->items().list(runId, State::Pending))
            QCOMPARE(item.attempts, 0);
    }

    void cancellingARunLetsTheRunningItemFinishAndStartsNoOther()
    {
        const qint64 runId = m_engine->runs().create(QStringLiteral("publish"), 0, QString());
        m_engine->items().enqueue(runId, test::EngineFixture::makeItems(30, QStringLiteral("c")));

        QSemaphore started;
        QSemaphore proceed;
        auto handler = std::make_shared<RecordingHandler>([&](const SyncItem &) {
            started.release();
            proceed.acquire();
            return ItemOutcome::succeeded();
        });
        Executor::Options options = fastOptions(1);
        options.claimBatch = 8;
        Executor executor(m_engine->workspace(), options);
        executor.setHandler(QStringLiteral("listing.create"), handler);
        executor.start();
        QVERIFY(started.tryAcquire(1, 10000)); // the first item is in the handler

        RunStore(m_engine->db()).cancel(runId);
        proceed.release(100);
        QTRY_VERIFY(m_engine->runs().get(runId).isFinished());

        const SyncRun run = m_engine->runs().get(runId);
        QCOMPARE(run.status, SyncRun::Status::Cancelled);
        QCOMPARE(run.succeeded, 1);
        QCOMPARE(run.cancelled, 29);
        QCOMPARE(handler->totalRuns(), 1);
        QString why;
        QVERIFY2(test::countersMatchItems(m_engine->db(), run, &why), qPrintable(why));
    }

private:
    std::unique_ptr<test::EngineFixture> m_engine;
};

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_executor.moc"
