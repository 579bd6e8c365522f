#pragma once

#include <QRandomGenerator>

namespace storeloom {

// Exponential backoff with jitter: the n-th failure waits between half and all
// of min(base * 2^(n-1), max), so workers that failed together do not retry
// together.
class RetryPolicy
{
public:
    RetryPolicy(qint64 baseDelayMs = 2000, qint64 maxDelayMs = 15 * 60 * 1000)
        : m_baseDelayMs(baseDelayMs), m_maxDelayMs(maxDelayMs)
    {}

    qint64 baseDelayMs() const { return m_baseDelayMs; }
    qint64 maxDelayMs() const { return m_maxDelayMs; }

    // Upper bound of the delay after `attempt` failed attempts (attempt >= 1).
    qint64 ceilingMs(int attempt) const;
    qint64 delayMs(int attempt, QRandomGenerator *random = QRandomGenerator::global()) const;

private:
    qint64 m_baseDelayMs;
    qint64 m_maxDelayMs;
};

} // namespace storeloom
