#pragma once

#include <QHash>
#include <QMutex>
#include <QWaitCondition>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace storeloom {

// A platform's count of requests left in its day, as its responses report it.
struct DailyBudget
{
    qint64 limit = 0;
    qint64 remaining = 0;
    qint64 observedAtMs = 0;
};

// A token bucket one connection's workers share: `capacity` units, refilled
// at `refillPerSecond`. The adapter keeps it in step with what the platform
// reports (a cost bucket, per-second headers, Retry-After).
//
// Two kinds of callers take from it: the adapter, for each request it sends
// (acquire), and the Executor's gate, once per item before the item starts
// (admit). The gate takes `gateCost` units: 1 where the adapter does not meter
// its requests, 0 where it does — then the gate only holds items back while
// the connection is paused or empty, so the platform's limit is counted once.
class RateBudget
{
public:
    using Clock = std::chrono::steady_clock;
    using Now = std::function<Clock::time_point()>; // tests drive the clock; empty: Clock::now

    RateBudget(double capacity, double refillPerSecond, Now now = {});

    // Waits until `cost` units are available and takes them. Returns false,
    // taking nothing, if `stop` becomes true while waiting.
    bool acquire(double cost, const std::atomic_bool *stop = nullptr);
    // Takes `cost` units only if they are available now.
    bool tryAcquire(double cost);

    // The Executor's gate for one item: acquire(gateCost()), or with a gate
    // cost of 0, wait until a unit is available and no pause is on, taking nothing.
    bool admit(const std::atomic_bool *stop = nullptr);
    bool tryAdmit();
    void setGateCost(double cost);
    double gateCost() const;

    // How long until `cost` units could be taken: zero if now; none if never
    // by themselves (no refill known: only update() brings more).
    std::optional<std::chrono::milliseconds> timeUntil(double cost) const;
    // How many callers are waiting in acquire() or admit() right now.
    int waiting() const;

    // The platform's own view of the bucket replaces ours.
    void update(double available, double capacity, double refillPerSecond);
    // Nothing is handed out until `duration` has passed (e.g. Retry-After).
    void pauseFor(std::chrono::milliseconds duration);
    // Wakes waiting workers so they can notice a stop request.
    void wakeAll();

    // What the platform last said about its daily limit, if it has one.
    void recordDaily(qint64 limit, qint64 remaining);
    std::optional<DailyBudget> daily() const;

    double available() const;
    double capacity() const;
    double refillPerSecond() const;

private:
    // The units a caller needs for `cost` (a cost above the capacity could
    // never be met: it waits for a full bucket instead).
    double needLocked(double cost) const;
    std::optional<Clock::duration> timeUntilLocked(double need, Clock::time_point now) const;
    bool take(double cost, bool consume, const std::atomic_bool *stop);
    bool tryTake(double cost, bool consume);
    void refillLocked(Clock::time_point now) const;

    Now m_now;
    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    int m_waiting = 0;
    double m_gateCost = 1.0;
    double m_capacity;
    double m_refillPerSecond;
    mutable double m_available;
    mutable Clock::time_point m_lastRefill;
    Clock::time_point m_pausedUntil;
    std::optional<DailyBudget> m_daily;
};

// The budgets of all connections, shared by every worker.
class RateBudgets
{
public:
    void set(qint64 connectionId, std::shared_ptr<RateBudget> budget);
    // The connection's budget; made by `create` (once, whoever asks first)
    // when it has none. Null if it has none and `create` made none.
    std::shared_ptr<RateBudget> obtain(qint64 connectionId,
                                       const std::function<std::shared_ptr<RateBudget>()> &create);
    // Null when the connection has no budget: its work is not paced.
    std::shared_ptr<RateBudget> forConnection(qint64 connectionId) const;
    void wakeAll();

private:
    mutable QMutex m_mutex;
    QHash<qint64, std::shared_ptr<RateBudget>> m_budgets;
};

} // namespace storeloom
