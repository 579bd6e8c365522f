#include "eventwait.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <atomic>
#include <csignal>

namespace storeloom::cli {

namespace {

constexpr int kTickMs = 100;

std::atomic_bool interrupted{false};

void onInterrupt(int)
{
    interrupted = true; // all a signal handler may safely do
}

} // namespace

InterruptGuard::InterruptGuard()
{
    interrupted = false;
    m_previous = std::signal(SIGINT, onInterrupt);
}

InterruptGuard::~InterruptGuard()
{
    std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous);
}

Waited waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return Waited::Done;
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    Waited result = Waited::Done;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done())
            result = Waited::Done;
        else if (interrupted.exchange(false))
            result = Waited::Interrupted;
        else if (timeoutMs >= 0 && clock.elapsed() >= timeoutMs)
            result = Waited::TimedOut;
        else
            return;
        loop.quit();
    });
    tick.start(kTickMs);
    loop.exec();
    return result;
}

} // namespace storeloom::cli
