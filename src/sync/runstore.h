#pragma once

#include "statementcache.h"
#include "syncitem.h"
#include "syncrun.h"

#include <functional>

namespace storeloom {

// Runs as stored in the workspace, and their counters. Counter updates run
// inside the caller's transaction, next to the item transition they count.
class RunStore
{
public:
    explicit RunStore(QSqlDatabase db) : m_statements(std::move(db)) {}

    // `owner`, for a run that counts its own progress: the process working
    // on it (LeaseOwner), so the run is recovered once that process ends.
    qint64 create(const QString &kind, qint64 connectionId, const QString &createdBy,
                  const QString &plan = {}, const QString &owner = {});
    // The connection's runs of `kind` that have not finished, oldest first.
    QList<SyncRun> unfinished(const QString &kind, qint64 connectionId);
    // Continues the connection's latest run of `kind` under `owner` when it
    // was left behind (its process ended, or it stopped short: cancelled,
    // failed, recovered); returns it. Empty when there is none to continue; throws
    // InvalidState when a live process is working on it.
    std::optional<qint64> adopt(const QString &kind, qint64 connectionId, const QString &owner);

    // Ends runs nobody carries on: item runs with no item left to run, and
    // self-counting runs whose process `ownerGone` says has ended. Returns
    // how many were ended.
    int recoverAbandoned(const std::function<bool(const QString &)> &ownerGone);
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
    // Ends a self-counting run as failed when its item can run no more (its
    // worker's process ended on the last attempt): nobody else would.
    void failIfCountsItself(qint64 runId, const QString &message);

    // --- used by ItemStore inside its transactions ---
    std::optional<SyncRun::Status> status(qint64 id);
    void countCreated(qint64 runId, qint64 count);
    // An item of `runId` moved from `from` to `to`.
    void countTransition(qint64 runId, SyncItem::State from, SyncItem::State to);
    // A group of items (see SyncItem::groupId) is counted once, as what its
    // items add up to: failed when one is dead, unfinished while one has
    // work left, else cancelled when one was, skipped when all were,
    // otherwise succeeded. Call after any of its items moved.
    void recountGroup(qint64 runId, qint64 groupId);
    void finishIfDone(qint64 runId);
    // The counter column an item in `state` is counted in; empty: none.
    static QString counterName(SyncItem::State state);
    void reopen(qint64 runId);

    static QString columns();
    static SyncRun fromQuery(const QSqlQuery &query);

private:
    void adjustCounter(qint64 runId, SyncItem::State state, int delta);
    void adjustCounter(qint64 runId, const QString &column, int delta);

    StatementCache m_statements;
};

} // namespace storeloom
