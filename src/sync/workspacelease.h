#pragma once

#include "workspace.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <chrono>
#include <optional>

namespace storeloom {

// Holds one WorkspaceLock name from this object's thread, on its event loop.
// acquire() tries again every few tens of milliseconds (with jitter, so
// waiting processes do not march in step) until the name is ours or the wait
// is over. While held, a heartbeat renews the lease, so only a holder that
// stopped — died, or was paused past its time to live — loses it. confirm()
// renews at once and says whether the name is still ours: call it right
// before the act the lease guards (a stale holder must not act).
class WorkspaceLease : public QObject
{
    Q_OBJECT

public:
    struct Timing
    {
        std::chrono::milliseconds ttl{15000};   // a dead holder blocks the others this long
        std::chrono::milliseconds retry{40};    // mean pause between attempts while waiting
        std::chrono::milliseconds wait{180000}; // then notAcquired()
    };

    WorkspaceLease(Workspace workspace, QString name, QObject *parent = nullptr);
    WorkspaceLease(Workspace workspace, QString name, Timing timing, QObject *parent = nullptr);
    ~WorkspaceLease() override; // releases the name if held

    // acquired() or notAcquired() follows — possibly from within this call.
    // Asking again while waiting or holding changes nothing.
    void acquire();
    bool confirm();
    void release();
    bool isHeld() const { return m_held; }
    bool isWaiting() const { return m_waiting; }
    QString name() const { return m_name; }
    QString owner() const { return m_owner; }

Q_SIGNALS:
    void acquired();
    void notAcquired(const QString &why);
    void lost(); // the heartbeat found the name taken over

private:
    bool attempt(QString *error);
    void retry();
    void heartbeat();
    void scheduleRetry();

    Workspace m_workspace;
    QString m_name;
    QString m_owner;
    Timing m_timing;
    std::optional<DbHandle> m_handle; // opened on first use, on this object's thread
    QTimer m_retry;
    QTimer m_heartbeat;
    QElapsedTimer m_waited;
    QString m_lastError;
    bool m_held = false;
    bool m_waiting = false;
};

} // namespace storeloom
