#include "ratebudget.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <algorithm>
#include <cmath>

namespace storeloom {

RateBudget::RateBudget(double capacity, double refillPerSecond)
    : m_capacity(capacity), m_refillPerSecond(refillPerSecond), m_available(capacity),
      m_lastRefill(Clock::now()), m_pausedUntil(Clock::now())
{}

void RateBudget::refillLocked(Clock::time_point now) const
{
    const double seconds = std::chrono::duration<double>(now - m_lastRefill).count();
    m_available = std::min(m_capacity, m_available + seconds * m_refillPerSecond);
    m_lastRefill = now;
}

bool RateBudget::acquire(double cost, const std::atomic_bool *stop)
{
    QMutexLocker lock(&m_mutex);
    for (;;) {
        if (stop && stop->load())
            return false;
        const auto now = Clock::now();
        refillLocked(now);
        std::chrono::duration<double> wait{0};
        // A cost above the capacity could never be met: it waits for a full bucket.
        const double need = std::min(cost, m_capacity);
        if (now >= m_pausedUntil && m_available >= need) {
            m_available -= need;
            return true;
        }
        if (now < m_pausedUntil)
            wait = m_pausedUntil - now;
        else if (m_refillPerSecond > 0)
            wait = std::chrono::duration<double>((need - m_available) / m_refillPerSecond);
        else
            wait = std::chrono::seconds(1); // no refill known: wait for update()
        const auto waitMs = std::max<qint64>(1, qint64(std::ceil(wait.count() * 1000)));
        m_changed.wait(&m_mutex, QDeadlineTimer(waitMs));
    }
}

bool RateBudget::tryAcquire(double cost)
{
    QMutexLocker lock(&m_mutex);
    const auto now = Clock::now();
    refillLocked(now);
    const double need = std::min(cost, m_capacity);
    if (now < m_pausedUntil || m_available < need)
        return false;
    m_available -= need;
    return true;
}

void RateBudget::update(double available, double capacity, double refillPerSecond)
{
    QMutexLocker lock(&m_mutex);
    m_capacity = capacity;
    m_refillPerSecond = refillPerSecond;
    m_available = std::clamp(available, 0.0, capacity);
    m_lastRefill = Clock::now();
    m_changed.wakeAll();
}

void RateBudget::pauseFor(std::chrono::milliseconds duration)
{
    QMutexLocker lock(&m_mutex);
    m_pausedUntil = std::max(m_pausedUntil, Clock::now() + duration);
}

void RateBudget::wakeAll()
{
    QMutexLocker lock(&m_mutex);
    m_changed.wakeAll();
}

void RateBudget::recordDaily(qint64 limit, qint64 remaining)
{
    QMutexLocker lock(&m_mutex);
    m_daily = DailyBudget{limit, remaining, QDateTime::currentMSecsSinceEpoch()};
}

std::optional<DailyBudget> RateBudget::daily() const
{
    QMutexLocker lock(&m_mutex);
    return m_daily;
}

double RateBudget::available() const
{
    QMutexLocker lock(&m_mutex);
    refillLocked(Clock::now());
    return m_available;
}

double RateBudget::capacity() const
{
    QMutexLocker lock(&m_mutex);
    return m_capacity;
}

double RateBudget::refillPerSecond() const
{
    QMutexLocker lock(&m_mutex);
    return m_refillPerSecond;
}

void RateBudgets::set(qint64 connectionId, std::shared_ptr<RateBudget> budget)
{
    QMutexLocker lock(&m_mutex);
    m_budgets.insert(connectionId, std::move(budget));
}

std::shared_ptr<RateBudget> RateBudgets::forConnection(qint64 connectionId) const
{
    QMutexLocker lock(&m_mutex);
    return m_budgets.value(connectionId);
}

void RateBudgets::wakeAll()
{
    QMutexLocker lock(&m_mutex);
    for (const auto &budget : std::as_const(m_budgets))
        budget->wakeAll();
}

} // namespace storeloom
