#include "ratebudget.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QScopeGuard>
#include <algorithm>
#include <cmath>

namespace storeloom {

RateBudget::RateBudget(double capacity, double refillPerSecond, Now now)
    : m_now(now ? std::move(now) : Now([] { return Clock::now(); })), m_capacity(capacity),
      m_refillPerSecond(refillPerSecond), m_available(capacity), m_lastRefill(m_now()),
      m_pausedUntil(m_lastRefill)
{}

void RateBudget::refillLocked(Clock::time_point now) const
{
    const double seconds = std::chrono::duration<double>(now - m_lastRefill).count();
    m_available = std::min(m_capacity, m_available + seconds * m_refillPerSecond);
    m_lastRefill = now;
}

double RateBudget::needLocked(double cost) const
{
    return std::min(cost, m_capacity);
}

std::optional<RateBudget::Clock::duration> RateBudget::timeUntilLocked(double need,
                                                                       Clock::time_point now) const
{
    const Clock::duration paused = std::max(Clock::duration::zero(), m_pausedUntil - now);
    if (m_available >= need)
        return paused;
    if (m_refillPerSecond <= 0)
        return std::nullopt;
    const auto refill = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>((need - m_available) / m_refillPerSecond));
    // Units refill during a pause too: whichever ends later.
    return std::max(paused, refill);
}

bool RateBudget::take(double cost, bool consume, const std::atomic_bool *stop)
{
    QMutexLocker lock(&m_mutex);
    bool counted = false;
    const auto uncount = qScopeGuard([&] {
        if (counted)
            --m_waiting;
    });
    for (;;) {
        if (stop && stop->load())
            return false;
        const auto now = m_now();
        refillLocked(now);
        const double need = needLocked(cost);
        const auto wait = timeUntilLocked(need, now);
        if (wait && *wait <= Clock::duration::zero()) {
            if (consume)
                m_available -= need;
            return true;
        }
        if (!counted) {
            counted = true;
            ++m_waiting;
        }
        // No refill known: wait for update() (or a stop), looking again now and then.
        const qint64 waitMs =
            wait ? std::max<qint64>(1, std::chrono::ceil<std::chrono::milliseconds>(*wait).count())
                 : 1000;
        m_changed.wait(&m_mutex, QDeadlineTimer(waitMs));
    }
}

bool RateBudget::tryTake(double cost, bool consume)
{
    QMutexLocker lock(&m_mutex);
    const auto now = m_now();
    refillLocked(now);
    const double need = needLocked(cost);
    const auto wait = timeUntilLocked(need, now);
    if (!wait || *wait > Clock::duration::zero())
        return false;
    if (consume)
        m_available -= need;
    return true;
}

bool RateBudget::acquire(double cost, const std::atomic_bool *stop)
{
    return take(cost, true, stop);
}

bool RateBudget::tryAcquire(double cost)
{
    return tryTake(cost, true);
}

bool RateBudget::admit(const std::atomic_bool *stop)
{
    const double cost = gateCost();
    return cost > 0 ? take(cost, true, stop) : take(1.0, false, stop);
}

bool RateBudget::tryAdmit()
{
    const double cost = gateCost();
    return cost > 0 ? tryTake(cost, true) : tryTake(1.0, false);
}

void RateBudget::setGateCost(double cost)
{
    QMutexLocker lock(&m_mutex);
    m_gateCost = std::max(0.0, cost);
}

double RateBudget::gateCost() const
{
    QMutexLocker lock(&m_mutex);
    return m_gateCost;
}

std::optional<std::chrono::milliseconds> RateBudget::timeUntil(double cost) const
{
    QMutexLocker lock(&m_mutex);
    const auto now = m_now();
    refillLocked(now);
    const auto wait = timeUntilLocked(needLocked(cost), now);
    if (!wait)
        return std::nullopt;
    return std::chrono::ceil<std::chrono::milliseconds>(*wait);
}

int RateBudget::waiting() const
{
    QMutexLocker lock(&m_mutex);
    return m_waiting;
}

void RateBudget::update(double available, double capacity, double refillPerSecond)
{
    QMutexLocker lock(&m_mutex);
    m_capacity = capacity;
    m_refillPerSecond = refillPerSecond;
    m_available = std::clamp(available, 0.0, capacity);
    m_lastRefill = m_now();
    m_changed.wakeAll();
}

void RateBudget::pauseFor(std::chrono::milliseconds duration)
{
    QMutexLocker lock(&m_mutex);
    m_pausedUntil = std::max(m_pausedUntil, m_now() + duration);
    m_changed.wakeAll(); // waiters recompute how long to wait
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
    refillLocked(m_now());
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

std::shared_ptr<RateBudget>
RateBudgets::obtain(qint64 connectionId, const std::function<std::shared_ptr<RateBudget>()> &create)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_budgets.find(connectionId);
    if (it == m_budgets.end()) {
        std::shared_ptr<RateBudget> created = create();
        if (!created)
            return nullptr;
        it = m_budgets.insert(connectionId, std::move(created));
    }
    return *it;
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
