#include "ratelimiter.h"

#include <algorithm>

namespace storeloom::sandbox::etsy {

namespace {

constexpr qint64 SecondMs = 1000;
constexpr qint64 DayMs = 24 * 3600 * SecondMs;

int secondsUntil(qint64 ms)
{
    return int(std::max<qint64>(1, (ms + SecondMs - 1) / SecondMs));
}

} // namespace

void RateLimiter::expire(Windows *windows, qint64 nowMs) const
{
    while (!windows->second.empty() && windows->second.front() <= nowMs - SecondMs)
        windows->second.pop_front();
    while (!windows->day.empty() && windows->day.front().atMs <= nowMs - DayMs) {
        windows->usedToday -= windows->day.front().count;
        windows->day.pop_front();
    }
}

RateDecision RateLimiter::take(const QString &key)
{
    const qint64 now = m_clock.nowMs();
    Windows &windows = m_windows[key];
    expire(&windows, now);
    RateDecision decision;
    if (windows.usedToday >= m_limits.perDay) {
        decision.allowed = false;
        decision.retryAfterSecs = secondsUntil(windows.day.front().atMs + DayMs - now);
    } else if (int(windows.second.size()) >= m_limits.perSecond) {
        decision.allowed = false;
        decision.retryAfterSecs = secondsUntil(windows.second.front() + SecondMs - now);
    } else {
        windows.second.push_back(now);
        if (!windows.day.empty() && windows.day.back().atMs == now)
            ++windows.day.back().count;
        else
            windows.day.push_back({now, 1});
        ++windows.usedToday;
    }
    decision.remainingThisSecond = std::max(0, m_limits.perSecond - int(windows.second.size()));
    decision.remainingToday = std::max(0, m_limits.perDay - windows.usedToday);
    return decision;
}

void RateLimiter::setRemainingToday(const QString &key, int remaining)
{
    Windows &windows = m_windows[key];
    windows.day.clear();
    windows.usedToday = std::clamp(m_limits.perDay - remaining, 0, m_limits.perDay);
    if (windows.usedToday > 0)
        windows.day.push_back({m_clock.nowMs(), windows.usedToday});
}

} // namespace storeloom::sandbox::etsy
