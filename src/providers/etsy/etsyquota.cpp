#include "etsyquota.h"

namespace storeloom::etsy {

void EtsyQuota::record(int limitPerDay, int remainingToday)
{
    QMutexLocker lock(&m_mutex);
    m_limitPerDay = limitPerDay;
    m_remainingToday = remainingToday;
    m_observedAt = QDateTime::currentDateTimeUtc();
}

int EtsyQuota::limitPerDay() const
{
    QMutexLocker lock(&m_mutex);
    return m_limitPerDay;
}

int EtsyQuota::remainingToday() const
{
    QMutexLocker lock(&m_mutex);
    return m_remainingToday;
}

QDateTime EtsyQuota::observedAt() const
{
    QMutexLocker lock(&m_mutex);
    return m_observedAt;
}

} // namespace storeloom::etsy
