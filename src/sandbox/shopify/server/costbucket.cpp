#include "costbucket.h"

#include <algorithm>

namespace storeloom::sandbox::shopify {

BucketLimits BucketLimits::forPlan(ShopifyPlan plan)
{
    switch (plan) {
    case ShopifyPlan::Standard: return {100, 2000};
    case ShopifyPlan::Advanced: return {200, 4000};
    case ShopifyPlan::Plus: return {1000, 20000};
    case ShopifyPlan::Enterprise: return {2000, 40000};
    }
    return {};
}

CostBucket::CostBucket(BucketLimits limits)
{
    reset(limits);
}

void CostBucket::reset(BucketLimits limits)
{
    QMutexLocker locker(&m_mutex);
    m_limits = limits;
    m_available = limits.maximum;
    m_updated = Clock::now();
}

BucketLimits CostBucket::limits() const
{
    QMutexLocker locker(&m_mutex);
    return m_limits;
}

void CostBucket::restore()
{
    const Clock::time_point now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - m_updated).count();
    m_available = std::min(m_limits.maximum, m_available + seconds * m_limits.restoreRate);
    m_updated = now;
}

ThrottleStatus CostBucket::snapshot() const
{
    return {m_limits.maximum, m_available, m_limits.restoreRate};
}

bool CostBucket::tryCharge(qint64 cost, ThrottleStatus *status)
{
    QMutexLocker locker(&m_mutex);
    restore();
    const bool enough = m_available >= double(cost);
    if (enough)
        m_available -= double(cost);
    *status = snapshot();
    return enough;
}

void CostBucket::refund(qint64 points, ThrottleStatus *status)
{
    QMutexLocker locker(&m_mutex);
    restore();
    m_available = std::min(m_limits.maximum, m_available + double(std::max<qint64>(0, points)));
    *status = snapshot();
}

ThrottleStatus CostBucket::status()
{
    QMutexLocker locker(&m_mutex);
    restore();
    return snapshot();
}

void CostBucket::setAvailable(double points)
{
    QMutexLocker locker(&m_mutex);
    m_available = std::clamp(points, 0.0, m_limits.maximum);
    m_updated = Clock::now();
}

} // namespace storeloom::sandbox::shopify
