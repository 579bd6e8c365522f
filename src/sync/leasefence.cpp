#include "leasefence.h"

#include "logging.h"
#include "sql.h"

#include <QCoreApplication>

namespace storeloom {

namespace {
thread_local LeaseFence *t_current = nullptr;
} // namespace

LeaseFence *LeaseFence::current()
{
    return t_current;
}

bool LeaseFence::confirm()
{
    if (m_lost)
        return false;
    // The wall clock, not a monotonic one: it also moves while the machine sleeps.
    const qint64 now = sql::nowMs();
    if (now < m_trustedUntilMs)
        return true;
    if (!m_confirm()) {
        m_lost = true;
        qCWarning(lcExecutor) << "lease lost: this worker stops acting on its item";
        return false;
    }
    m_trustedUntilMs = now + m_leaseMs / 2;
    return true;
}

QString LeaseFence::lostMessage()
{
    return QCoreApplication::translate("LeaseFence",
                                       "This worker no longer holds the item (it was paused past "
                                       "its lease and another worker took it over).");
}

LeaseFence::Scope::Scope(LeaseFence *fence) : m_previous(t_current)
{
    t_current = fence;
}

LeaseFence::Scope::~Scope()
{
    t_current = m_previous;
}

} // namespace storeloom
