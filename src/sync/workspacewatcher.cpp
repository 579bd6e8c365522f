#include "workspacewatcher.h"

#include "logging.h"
#include "workspaceerror.h"

#include <QSqlQuery>

namespace storeloom {

WorkspaceWatcher::WorkspaceWatcher(const Workspace &workspace, QObject *parent)
    : QObject(parent), m_handle(workspace.openHandle())
{
    m_version = readVersion();
    connect(&m_timer, &QTimer::timeout, this, &WorkspaceWatcher::check);
}

void WorkspaceWatcher::start(int intervalMs)
{
    m_timer.start(intervalMs);
}

bool WorkspaceWatcher::check()
{
    const qint64 version = readVersion();
    if (version >= 0 && version == m_version)
        return false;
    m_version = version;
    Q_EMIT changed();
    return true;
}

qint64 WorkspaceWatcher::readVersion()
{
    if (sql::dialectOf(m_handle.db()) != sql::Dialect::Sqlite)
        return -1;
    QSqlQuery query(m_handle.db());
    if (!query.exec(QStringLiteral("PRAGMA data_version")) || !query.next()) {
        qCWarning(lcWorkspace) << "cannot read the workspace's data version";
        return -1; // unknown: report a change rather than miss one
    }
    return query.value(0).toLongLong();
}

} // namespace storeloom
