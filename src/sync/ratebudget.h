#pragma once

#include <QHash>
#include <QMutex>
#include <QWaitCondition>
#include <atomic>
#include <chrono>
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
class RateBudget
{
public:
    RateBudget(double capacity, double refillPerSecond);

    // Waits until `cost` units are available and takes them. Returns false,
    // taking nothing, if `stop` becomes true while waiting.
    bool acquire(double cost, const std::atomic_bool *stop = nullptr);
    // Takes `cost` units only if they are available now.
    bool tryAcquire(double cost);

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
    using Clock = std::chrono::steady_clock;
    void refillLocked(Clock::time_point now) const;

    mutable QMutex m_mutex;
    QWaitCondition m_changed;
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
    // Null when the connection has no budget: its work is not paced.
    std::shared_ptr<RateBudget> forConnection(qint64 connectionId) const;
    void wakeAll();

private:
    mutable QMutex m_mutex;
    QHash<qint64, std::shared_ptr<RateBudget>> m_budgets;
};

} // namespace storeloom
