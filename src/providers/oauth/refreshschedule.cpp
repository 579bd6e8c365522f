#include "refreshschedule.h"

#include <algorithm>

namespace storeloom {

namespace {
constexpr qint64 kShortLifetimeMs = 5 * 60 * 1000;
constexpr qint64 kRefreshLeadMs = 60 * 1000;
constexpr qint64 kMaxIntervalMs = 6LL * 60 * 60 * 1000;
} // namespace

RefreshSchedule::RefreshSchedule(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RefreshSchedule::onTimeout);
}

qint64 RefreshSchedule::leadFor(qint64 remainingMs)
{
    if (remainingMs <= 0)
        return 0;
    return remainingMs > kShortLifetimeMs ? kRefreshLeadMs : remainingMs / 5;
}

void RefreshSchedule::planFor(const QDateTime &expiresAt)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 remaining = std::max<qint64>(0, now.msecsTo(expiresAt));
    m_due = now.addMSecs(remaining - leadFor(remaining));
    arm();
}

void RefreshSchedule::planIn(qint64 msecs)
{
    m_due = QDateTime::currentDateTimeUtc().addMSecs(std::max<qint64>(0, msecs));
    arm();
}

void RefreshSchedule::stop()
{
    m_timer.stop();
    m_due = QDateTime();
}

void RefreshSchedule::arm()
{
    const qint64 wait =
        std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(m_due), 0, kMaxIntervalMs);
    m_timer.start(static_cast<int>(wait));
}

void RefreshSchedule::onTimeout()
{
    if (QDateTime::currentDateTimeUtc().msecsTo(m_due) > 50) {
        arm(); // a long wait, split into several intervals
        return;
    }
    m_due = QDateTime();
    Q_EMIT due();
}

} // namespace storeloom
