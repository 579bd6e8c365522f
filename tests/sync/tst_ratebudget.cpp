#include "ratebudget.h"

#include <QTest>
#include <QThread>
#include <memory>

using namespace storeloom;
using namespace std::chrono_literals;

class TestRateBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handsOutUpToItsCapacityAtOnce()
    {
        RateBudget budget(10, 0);
        for (int i = 0; i < 10; ++i)
            QVERIFY(budget.acquire(1));
        QVERIFY(budget.available() < 1);
    }

    void waitsForTheRefillWhenEmpty()
    {
        RateBudget budget(2, 50); // refills one unit every 20 ms
        QVERIFY(budget.acquire(2));
        QVERIFY(budget.acquire(1)); // blocks until refilled, then succeeds
        QVERIFY(budget.available() < 1);
    }

    void platformReportReplacesTheEstimate()
    {
        RateBudget budget(1000, 50);
        budget.update(30, 100, 10);
        QCOMPARE(budget.capacity(), 100.0);
        QCOMPARE(budget.refillPerSecond(), 10.0);
        QVERIFY(budget.available() >= 30 && budget.available() < 31);
        budget.update(500, 100, 10);
        QVERIFY(budget.available() <= 100); // never above capacity
    }

    void aWaitingWorkerStopsWhenAskedAndTakesNothing()
    {
        RateBudget budget(1, 0); // empty and never refills by itself
        QVERIFY(budget.acquire(1));
        std::atomic_bool stop{false};
        std::atomic_int result{-1};
        std::unique_ptr<QThread> worker(
            QThread::create([&] { result = budget.acquire(1, &stop) ? 1 : 0; }));
        worker->start();
        QVERIFY(!worker->wait(50)); // still waiting for budget
        stop = true;
        budget.wakeAll();
        QVERIFY(worker->wait(5000));
        QCOMPARE(result.load(), 0);
    }

    void aWaitingWorkerProceedsWhenThePlatformReportsBudget()
    {
        RateBudget budget(5, 0);
        QVERIFY(budget.acquire(5));
        std::atomic_int result{-1};
        std::unique_ptr<QThread> worker(
            QThread::create([&] { result = budget.acquire(3) ? 1 : 0; }));
        worker->start();
        QVERIFY(!worker->wait(50));
        budget.update(5, 5, 0);
        QVERIFY(worker->wait(5000));
        QCOMPARE(result.load(), 1);
        QVERIFY(budget.available() >= 2 && budget.available() < 2.01);
    }

    void pauseHoldsEveryoneBackUntilStopped()
    {
        RateBudget budget(100, 100);
        budget.pauseFor(1h); // Retry-After from the platform
        std::atomic_bool stop{false};
        std::atomic_int result{-1};
        std::unique_ptr<QThread> worker(
            QThread::create([&] { result = budget.acquire(1, &stop) ? 1 : 0; }));
        worker->start();
        QVERIFY(!worker->wait(50));
        stop = true;
        budget.wakeAll();
        QVERIFY(worker->wait(5000));
        QCOMPARE(result.load(), 0);
    }

    void tryAcquireNeverWaits()
    {
        RateBudget budget(2, 0);
        QVERIFY(budget.tryAcquire(2));
        QVERIFY(!budget.tryAcquire(1));
        budget.update(1, 2, 0);
        QVERIFY(budget.tryAcquire(1));
        budget.update(2, 2, 0);
        budget.pauseFor(1h);
        QVERIFY(!budget.tryAcquire(1));
    }

    void costAboveCapacityWaitsForAFullBucket()
    {
        RateBudget budget(4, 1000);
        QVERIFY(budget.acquire(50)); // would never fit; takes the whole bucket instead
        QVERIFY(budget.available() < 1);
    }

    void budgetsAreLookedUpPerConnection()
    {
        RateBudgets budgets;
        QVERIFY(!budgets.forConnection(1));
        auto budget = std::make_shared<RateBudget>(10, 1);
        budgets.set(1, budget);
        QCOMPARE(budgets.forConnection(1), budget);
        QVERIFY(!budgets.forConnection(2));
    }
};

QTEST_GUILESS_MAIN(TestRateBudget)
#include "tst_ratebudget.moc"
