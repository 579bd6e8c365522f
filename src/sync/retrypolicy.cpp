#include "retrypolicy.h"

#include <algorithm>

namespace storeloom {

qint64 RetryPolicy::ceilingMs(int attempt) const
{
    const int doublings = std::clamp(attempt - 1, 0, 40);
    const qint64 delay = m_baseDelayMs << std::min(doublings, 30);
    return std::min(delay, m_maxDelayMs);
}

qint64 RetryPolicy::delayMs(int attempt, QRandomGenerator *random) const
{
    const qint64 ceiling = ceilingMs(attempt);
    const qint64 half = ceiling / 2;
    return half + (ceiling - half > 0 ? random->bounded(ceiling - half + 1) : 0);
}

} // namespace storeloom
