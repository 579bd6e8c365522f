#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace storeloom::sandbox::shopify {

// What tests and benchmarks read back after a run.
struct SandboxCounters
{
    qint64 requests = 0;             // GraphQL requests answered (any status)
    qint64 throttled = 0;            // THROTTLED answers, forced ones included
    qint64 actualCostCharged = 0;    // sum of actualQueryCost
    qint64 bulkOperationsStarted = 0;
    qint64 faultsInjected = 0;       // requests a fault rule changed
    qint64 bulkDownloads = 0;
    QHash<QString, qint64> operations; // per operation name; "" for anonymous
};

// Thread-safe holder of the counters.
class CounterBoard
{
public:
    template<typename Change> void update(Change change)
    {
        QMutexLocker locker(&m_mutex);
        change(m_counters);
    }
    SandboxCounters snapshot() const
    {
        QMutexLocker locker(&m_mutex);
        return m_counters;
    }
    void reset()
    {
        QMutexLocker locker(&m_mutex);
        m_counters = {};
    }

private:
    mutable QMutex m_mutex;
    SandboxCounters m_counters;
};

} // namespace storeloom::sandbox::shopify
