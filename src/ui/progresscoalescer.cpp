#include "progresscoalescer.h"

#include <QMutexLocker>
#include <algorithm>

namespace storeloom {

ProgressCoalescer::ProgressCoalescer(QObject *parent) : QObject(parent), m_timer(this)
{
    m_timer.setObjectName(QStringLiteral("progressCoalescerTimer"));
    m_timer.setSingleShot(true);
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ProgressCoalescer::flush);
}

bool ProgressCoalescer::hasPending() const
{
    const QMutexLocker locker(&m_mutex);
    return !m_pending.isEmpty();
}

void ProgressCoalescer::notify(qint64 runId)
{
    QMutexLocker locker(&m_mutex);
    m_pending.insert(runId);
    if (m_scheduled)
        return;
    m_scheduled = true;
    locker.unlock();
    // Only the coalescer's thread may start its timer; one queued call per
    // flush, however many notifications arrive meanwhile.
    QMetaObject::invokeMethod(this, &ProgressCoalescer::startTimer, Qt::QueuedConnection);
}

void ProgressCoalescer::startTimer()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void ProgressCoalescer::flush()
{
    m_timer.stop();
    QList<qint64> runs;
    {
        const QMutexLocker locker(&m_mutex);
        runs = m_pending.values();
        m_pending.clear();
        m_scheduled = false;
    }
    if (runs.isEmpty())
        return;
    ++m_flushes;
    std::sort(runs.begin(), runs.end()); // a stable order for whoever listens
    for (qint64 runId : std::as_const(runs))
        Q_EMIT runChanged(runId);
}

} // namespace storeloom
