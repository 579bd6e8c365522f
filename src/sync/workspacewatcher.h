#pragma once

#include "workspace.h"

#include <QObject>
#include <QTimer>

namespace storeloom {

// Tells when the workspace changed from elsewhere — another process (the
// CLI), or another connection of this one (workers) — without reading it:
// SQLite's PRAGMA data_version moves only when some other connection
// commits, so views reload when there is something new, not on a clock.
// A PostgreSQL workspace has no such counter: every check reports a change.
// GUI thread (or any one thread): it keeps its own connection.
class WorkspaceWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int kCheckIntervalMs = 500;

    explicit WorkspaceWatcher(const Workspace &workspace, QObject *parent = nullptr);

    // Checks every `intervalMs` from now on.
    void start(int intervalMs = kCheckIntervalMs);
    // Checks now: true, and changed() emitted, when another connection has
    // committed since the previous check.
    bool check();

Q_SIGNALS:
    void changed();

private:
    qint64 readVersion();

    DbHandle m_handle;
    QTimer m_timer;
    qint64 m_version = -1;
};

} // namespace storeloom
