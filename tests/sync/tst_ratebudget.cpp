#include "ratebudget.h"

#include <QMutex>
#include <QTest>
#include <QThread>
#include <memory>

using namespace storeloom;
using namespace std::chrono_literals;

namespace {

// A clock the test moves by hand, so refills and pauses are checked at exact
// instants instead of by sleeping.
class DrivenClock
{
public:
    RateBudget::Now now()
    {
        return [this] {
            QMutexLocker lock(&m_mutex);
            return m_now;
        };
    }
    void advance(RateBudget::Clock::duration by)
    {
        QMutexLocker lock(&m_mutex);
        m_now += by;
    }

private:
    QMutex m_mutex;
    RateBudget::Clock::time_point m_now{};
};

// The budget's own computed wait for `cost`, in ms; -1: never by itself.
qint64 msUntil(const RateBudget &budget, double cost)
{
    const auto wait = budget.timeUntil(cost);
    return wait ? qint64(wait->count()) : -1;
}

// A thread blocked in acquire()/admit() until the budget lets it through or it is stopped.
struct Waiter
{
    RateBudget &budget;
    std::atomic_bool stop{false};
    std::atomic_int result{-1}; // -1: still waiting; 1: let through; 0: stopped
    std::unique_ptr<QThread> thread;

    template<typename Call>
    Waiter(RateBudget &waitingOn, Call call)
        : budget(waitingOn), thread(QThread::create([this, call] { result = call(&stop) ? 1 : 0; }))
    {
        thread->start();
    }
    ~Waiter()
    {
        stop = true; // a failed check must not leave the thread behind
        budget.wakeAll();
        thread->wait();
    }
};

} // namespace

class TestRateBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handsOutUpToItsCapacityAtOnce()
    {
        RateBudget budget(10, 0);
        for (int i = 0; i < 10; ++i)
            QVERIFY(budget.tryAcquire(1));
        QVERIFY(budget.available() < 1);
        QVERIFY(!budget.tryAcquire(1));
        QCOMPARE(msUntil(budget, 1), -1); // no refill: only the platform's report brings more
    }

    void refillsAtItsRateOnADrivenClock()
    {
        DrivenClock clock;
        RateBudget budget(2, 50, clock.now()); // one unit every 20 ms
        QVERIFY(budget.tryAcquire(2));
        QVERIFY(!budget.tryAcquire(1));
        QCOMPARE(msUntil(budget, 1), 20);
        QCOMPARE(msUntil(budget, 2), 40);
        clock.advance(19ms);
        QVERIFY(!budget.tryAcquire(1));
        QCOMPARE(msUntil(budget, 1), 1);
        clock.advance(1ms);
        QCOMPARE(msUntil(budget, 1), 0);
        QVERIFY(budget.tryAcquire(1));
        QVERIFY(!budget.tryAcquire(1));
        clock.advance(1h);
        QCOMPARE(budget.available(), 2.0); // never above capacity
    }

    void aBlockedAcquireProceedsOnceRefilled()
    {
        RateBudget budget(2, 50);
        QVERIFY(budget.acquire(2));
        QVERIFY(msUntil(budget, 1) > 0); // it has to wait…
        QVERIFY(budget.acquire(1));      // …and does, until a unit has refilled
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
        RateBudget budget(2, 0); // never refills by itself
        QVERIFY(budget.acquire(2));
        budget.update(0.5, 2, 0); // half a unit: not enough for one
        Waiter worker(budget,
                      [&](const std::atomic_bool *stop) { return budget.acquire(1, stop); });
        QTRY_COMPARE(budget.waiting(), 1); // it waits for budget…
        QCOMPARE(worker.result.load(), -1);
        worker.stop = true;
        budget.wakeAll();
        QVERIFY(worker.thread->wait(5000));
        QCOMPARE(worker.result.load(), 0); // …gives up when stopped…
        QCOMPARE(budget.waiting(), 0);
        QCOMPARE(budget.available(), 0.5); // …and took nothing
    }

    void aWaitingWorkerProceedsWhenThePlatformReportsBudget()
    {
        RateBudget budget(5, 0);
        QVERIFY(budget.acquire(5));
        Waiter worker(budget,
                      [&](const std::atomic_bool *stop) { return budget.acquire(3, stop); });
        QTRY_COMPARE(budget.waiting(), 1);
        QCOMPARE(worker.result.load(), -1);
        budget.update(5, 5, 0);
        QVERIFY(worker.thread->wait(5000));
        QCOMPARE(worker.result.load(), 1);
        QCOMPARE(budget.waiting(), 0);
        QVERIFY(budget.available() >= 2 && budget.available() < 2.01);
    }

    void pauseHoldsEveryoneBackUntilStopped()
    {
        RateBudget budget(100, 100);
        budget.pauseFor(1h); // Retry-After from the platform
        QVERIFY(msUntil(budget, 1) > std::chrono::milliseconds(59min).count());
        Waiter worker(budget,
                      [&](const std::atomic_bool *stop) { return budget.acquire(1, stop); });
        QTRY_COMPARE(budget.waiting(), 1);
        QCOMPARE(worker.result.load(), -1);
        worker.stop = true;
        budget.wakeAll();
        QVERIFY(worker.thread->wait(5000));
        QCOMPARE(worker.result.load(), 0);
        QCOMPARE(budget.available(), 100.0); // a full bucket, and nothing taken from it
    }

    void pauseEndsWhenItsTimeHasPassed()
    {
        DrivenClock clock;
        RateBudget budget(100, 100, clock.now());
        budget.pauseFor(30s);
        QVERIFY(!budget.tryAcquire(1));
        QCOMPARE(msUntil(budget, 1), 30000);
        clock.advance(29999ms);
        QVERIFY(!budget.tryAcquire(1));
        QCOMPARE(msUntil(budget, 1), 1);
        clock.advance(1ms);
        QVERIFY(budget.tryAcquire(1));
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

    void theGateTakesOneUnitPerItemByDefault()
    {
        RateBudget budget(3, 0);
        QCOMPARE(budget.gateCost(), 1.0);
        for (int i = 0; i < 3; ++i)
            QVERIFY(budget.tryAdmit());
        QVERIFY(!budget.tryAdmit());
        QVERIFY(budget.available() < 1);
    }

    void aGateCostOfZeroTakesNothingButHoldsBackAnEmptyOrPausedBudget()
    {
        DrivenClock clock;
        RateBudget budget(2, 0, clock.now());
        budget.setGateCost(0); // the adapter takes a unit per request itself
        for (int i = 0; i < 10; ++i)
            QVERIFY(budget.tryAdmit());
        QCOMPARE(budget.available(), 2.0); // admitting took nothing
        QVERIFY(budget.tryAcquire(2));     // the adapter's requests spend it
        QVERIFY(!budget.tryAdmit());       // empty: no item starts
        budget.update(1, 2, 0);
        QVERIFY(budget.tryAdmit());
        QCOMPARE(budget.available(), 1.0);
        budget.pauseFor(10s); // Retry-After: no item starts either
        QVERIFY(!budget.tryAdmit());
        clock.advance(10s);
        QVERIFY(budget.tryAdmit());
    }

    void aWaitingGateProceedsWhenThePlatformReportsBudget()
    {
        RateBudget budget(1, 0);
        budget.setGateCost(0);
        QVERIFY(budget.tryAcquire(1));
        Waiter item(budget, [&](const std::atomic_bool *stop) { return budget.admit(stop); });
        QTRY_COMPARE(budget.waiting(), 1);
        QCOMPARE(item.result.load(), -1);
        budget.update(1, 1, 0);
        QVERIFY(item.thread->wait(5000));
        QCOMPARE(item.result.load(), 1);
        QCOMPARE(budget.available(), 1.0); // admitted, nothing taken
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

    void aConnectionsBudgetIsMadeOnceByWhoeverAsksFirst()
    {
        RateBudgets budgets;
        int made = 0;
        const auto make = [&] {
            ++made;
            return std::make_shared<RateBudget>(5, 1);
        };
        const auto first = budgets.obtain(7, make);
        QVERIFY(first);
        QCOMPARE(budgets.obtain(7, make), first);
        QCOMPARE(budgets.forConnection(7), first);
        QCOMPARE(made, 1);
        // Nothing made, nothing kept: the connection stays unpaced.
        QVERIFY(!budgets.obtain(8, [] { return std::shared_ptr<RateBudget>(); }));
        QVERIFY(!budgets.forConnection(8));
    }
};

QTEST_GUILESS_MAIN(TestRateBudget)
#include "tst_ratebudget.moc"
