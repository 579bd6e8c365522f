#pragma once

#include <QDateTime>

#include <optional>

namespace storeloom::sandbox::etsy {

// The sandbox's notion of now. Tests freeze it so that "eleven requests in
// one second" or "the token has expired" never depend on how fast the
// machine is. Guarded by the sandbox's lock.
class SandboxClock
{
public:
    qint64 nowMs() const { return m_frozenMs.value_or(QDateTime::currentMSecsSinceEpoch()); }
    qint64 nowSecs() const { return nowMs() / 1000; }

    void freeze() { m_frozenMs = nowMs(); }
    void advance(qint64 ms) { m_frozenMs = nowMs() + ms; } // freezes too

private:
    std::optional<qint64> m_frozenMs;
};

} // namespace storeloom::sandbox::etsy
