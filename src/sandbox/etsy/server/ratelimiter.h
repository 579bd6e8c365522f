#pragma once

#include "sandboxclock.h"

#include <QHash>
#include <QString>

#include <deque>

namespace storeloom::sandbox::etsy {

struct RateLimits
{
    int perSecond = 10;
    int perDay = 10000;
};

struct RateDecision
{
    bool allowed = true;
    int remainingThisSecond = 0;
    int remainingToday = 0;
    int retryAfterSecs = 0; // when refused: until a slot frees, at least 1
};

// Etsy's two budgets per API key: a sliding one-second window and a rolling
// day. A refused request uses up nothing. Guarded by the sandbox's lock.
class RateLimiter
{
public:
    RateLimiter(const SandboxClock &clock, RateLimits limits) : m_clock(clock), m_limits(limits) {}

    RateLimits limits() const { return m_limits; }
    RateDecision take(const QString &key);
    // As if the day had already used all but `remaining` requests, just now.
    void setRemainingToday(const QString &key, int remaining);

private:
    struct Used
    {
        qint64 atMs = 0;
        int count = 0;
    };
    struct Windows
    {
        std::deque<qint64> second; // request times in the last second
        std::deque<Used> day;      // request times in the last 24 hours
        int usedToday = 0;
    };

    void expire(Windows *windows, qint64 nowMs) const;

    const SandboxClock &m_clock;
    RateLimits m_limits;
    QHash<QString, Windows> m_windows;
};

} // namespace storeloom::sandbox::etsy
