#include "leasefence.h"

#include "logging.h"

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
    if (!m_lost && !m_confirm()) {
        m_lost = true;
        qCWarning(lcExecutor) << "lease lost: this worker stops acting on its item";
    }
    return !m_lost;
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
