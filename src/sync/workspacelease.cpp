#include "workspacelease.h"

#include "logging.h"
#include "workspaceerror.h"
#include "workspacelock.h"

#include <QRandomGenerator>
#include <algorithm>

namespace storeloom {

WorkspaceLease::WorkspaceLease(Workspace workspace, QString name, QObject *parent)
    : WorkspaceLease(std::move(workspace), std::move(name), Timing(), parent)
{}

WorkspaceLease::WorkspaceLease(Workspace workspace, QString name, Timing timing, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_name(std::move(name)),
      m_owner(WorkspaceLock::newOwnerId()), m_timing(timing)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &WorkspaceLease::retry);
    // Three beats per lease: one late beat still leaves the lease alive.
    m_heartbeat.setInterval(std::max<qint64>(1, m_timing.ttl.count() / 3));
    connect(&m_heartbeat, &QTimer::timeout, this, &WorkspaceLease::heartbeat);
}

WorkspaceLease::~WorkspaceLease()
{
    release();
}

void WorkspaceLease::acquire()
{
    if (m_held || m_waiting)
        return;
    m_waiting = true;
    m_lastError.clear();
    m_waited.start();
    retry();
}

void WorkspaceLease::retry()
{
    if (!m_waiting)
        return;
    if (attempt(&m_lastError)) {
        m_waiting = false;
        m_held = true;
        m_heartbeat.start();
        Q_EMIT acquired();
        return;
    }
    if (m_waited.elapsed() >= m_timing.wait.count()) {
        m_waiting = false;
        const QString why =
            m_lastError.isEmpty()
                ? tr("another process kept it for %1 s").arg(m_timing.wait.count() / 1000)
                : m_lastError;
        qCWarning(lcWorkspace).noquote() << "lock" << m_name << "not acquired:" << why;
        Q_EMIT notAcquired(why);
        return;
    }
    scheduleRetry();
}

void WorkspaceLease::scheduleRetry()
{
    const qint64 mean = std::max<qint64>(2, m_timing.retry.count());
    m_retry.start(int(mean / 2 + QRandomGenerator::global()->bounded(mean)));
}

bool WorkspaceLease::attempt(QString *error)
{
    try {
        if (!m_handle)
            m_handle.emplace(m_workspace.openHandle());
        return WorkspaceLock(m_handle->db()).tryAcquire(m_name, m_owner, m_timing.ttl.count());
    } catch (const WorkspaceError &e) {
        if (error)
            *error = e.message();
        return false;
    }
}

bool WorkspaceLease::confirm()
{
    if (!m_held)
        return false;
    QString error;
    if (attempt(&error))
        return true;
    // A database error counts as lost too: we cannot tell that it is still ours.
    qCWarning(lcWorkspace).noquote()
        << "lock" << m_name << "is no longer held"
        << (error.isEmpty() ? QString() : QStringLiteral(": ") + error);
    m_held = false;
    m_heartbeat.stop();
    Q_EMIT lost();
    return false;
}

void WorkspaceLease::heartbeat()
{
    confirm();
}

void WorkspaceLease::release()
{
    m_waiting = false;
    m_retry.stop();
    m_heartbeat.stop();
    if (!std::exchange(m_held, false))
        return;
    try {
        WorkspaceLock(m_handle->db()).release(m_name, m_owner);
    } catch (const WorkspaceError &e) {
        // It runs out by itself; the others wait at most its time to live.
        qCWarning(lcWorkspace).noquote() << "lock" << m_name << "not released:" << e.message();
    }
}

} // namespace storeloom
