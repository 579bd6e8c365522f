#pragma once

#include "statementcache.h"
#include "syncitem.h"
#include "syncrun.h"

namespace storeloom {

// Runs as stored in the workspace, and their counters. Counter updates run
// inside the caller's transaction, next to the item transition they count.
class RunStore
{
public:
    explicit RunStore(QSqlDatabase db) : m_statements(std::move(db)) {}

    qint64 create(const QString &kind, qint64 connectionId, const QString &createdBy,
                  const QString &plan = {});
    std::optional<SyncRun> find(qint64 id);
    SyncRun get(qint64 id); // throws WorkspaceError::NotFound
    QList<SyncRun> list(int limit = 500);

    // Stops the run's waiting items; running ones finish. Returns how many
    // items were cancelled. Throws for an unknown or finished run.
    qint64 cancel(qint64 id);

    // --- runs whose owner counts the progress itself (an import counts
    // products as pages commit, not items) ---
    void setProgress(qint64 runId, qint64 total, qint64 succeeded, qint64 failed);
    // Ends a running run; `message` (why it failed, what it did) goes to the audit log.
    void finish(qint64 runId, SyncRun::Status status, const QString &message);

    // --- used by ItemStore inside its transactions ---
    std::optional<SyncRun::Status> status(qint64 id);
    void countCreated(qint64 runId, qint64 count);
    // An item of `runId` moved from `from` to `to`.
    void countTransition(qint64 runId, SyncItem::State from, SyncItem::State to);
    void finishIfDone(qint64 runId);
    void reopen(qint64 runId);

    static QString columns();
    static SyncRun fromQuery(const QSqlQuery &query);

private:
    void adjustCounter(qint64 runId, SyncItem::State state, int delta);

    StatementCache m_statements;
};

} // namespace storeloom
