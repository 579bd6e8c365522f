#pragma once

#include <functional>

namespace storeloom::cli {

// Ctrl+C while a long command runs: instead of killing the process, it sets a
// flag the command's waits notice, so the command can stop cleanly. The
// previous handler comes back when the guard goes.
class InterruptGuard
{
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    void (*m_previous)(int) = nullptr;
};

enum class Waited { Done, TimedOut, Interrupted };

// Runs the event loop (signals are delivered, replies arrive) until `done`
// holds, Ctrl+C is pressed (under an InterruptGuard) or `timeoutMs` passes
// (negative: no limit). `done` is asked about ten times a second and wins
// over a Ctrl+C pressed at the same moment.
Waited waitUntil(const std::function<bool()> &done, int timeoutMs = -1);

} // namespace storeloom::cli
