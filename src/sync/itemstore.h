#pragma once

#include "itemdependencies.h"
#include "retrypolicy.h"
#include "runstore.h"
#include "statementcache.h"
#include "syncitem.h"

#include <QList>
#include <functional>

namespace storeloom {

// Items as stored in the workspace, and every transition they go through.
// Each transition is one write transaction that also keeps the run's counters
// in step. One instance per thread: it holds prepared statements on `db`.
class ItemStore
{
public:
    explicit ItemStore(QSqlDatabase db, RetryPolicy retryPolicy = {});

    struct Enqueued
    {
        SyncItem item;
        bool created = false; // false: the idempotency key existed; `item` is that item
    };

    Enqueued enqueue(qint64 runId, const NewItem &item);
    QList<Enqueued> enqueue(qint64 runId, const QList<NewItem> &items);

    // Atomically takes up to `limit` ready items for `owner`, holding them for
    // `leaseMs`. An item is ready when it is pending or failed, its next attempt
    // is due, its run is running, its connection allows its direction, and
    // the item it runs after (if any) has succeeded or was skipped.
    // With `operations`, only items of those operations are taken (what the
    // owner can carry out); empty: any.
    QList<SyncItem> claim(const QString &owner, int limit, qint64 leaseMs,
                          const QStringList &operations = {});

    struct Completion
    {
        bool recorded = false; // false: the lease was lost; nothing changed
        SyncItem::State state = SyncItem::State::Pending;
    };

    // Records how the attempt on `claimed` (as claim() returned it) ended,
    // schedules a retry or marks the item dead, and extends the lease on the
    // owner's other claimed items.
    Completion complete(const SyncItem &claimed, const ItemOutcome &outcome, qint64 leaseMs);

    // Several attempts recorded in one transaction (group commit), in order.
    using Attempt = std::pair<SyncItem, ItemOutcome>;
    QList<Completion> completeAll(const QList<Attempt> &attempts, qint64 leaseMs);

    // Gives back items the owner claimed but did not start (their run was
    // cancelled, or the executor is stopping).
    void release(const QList<qint64> &itemIds, const QString &owner);

    // The heartbeat: extends the leases the owners still hold (an expired
    // one is not revived). Returns how many were extended.
    int renewLeases(const QStringList &owners, qint64 leaseMs);
    // True, and the lease extended, when `owner` still holds the item's lease.
    bool confirmLease(qint64 itemId, const QString &owner, qint64 leaseMs);

    // Items whose lease expired, or whose owner `ownerGone` says has ended
    // (its process died): back to failed with a reason, or dead when out of
    // attempts. Returns how many were reclaimed.
    int reclaimExpiredLeases(const std::function<bool(const QString &)> &ownerGone = {});

    // A dead or failed item goes back to pending with its attempts reset;
    // the items that waited for it and were cancelled with it come back too.
    SyncItem replay(qint64 itemId);

    // Read without a transaction: a worker asks before starting each item.
    bool isRunCancelled(qint64 runId);

    std::optional<SyncItem> find(qint64 id);
    std::optional<SyncItem> findByKey(const QString &idempotencyKey);
    // True when another item runs after this one.
    bool hasDependents(qint64 id) { return m_dependencies.hasDependents(id); }
    SyncItem get(qint64 id); // throws WorkspaceError::NotFound
    QList<SyncItem> list(qint64 runId, std::optional<SyncItem::State> state = {}, int limit = -1);

    // Earliest next attempt among items waiting to run, if any.
    std::optional<qint64> nextDueAt();

    static QString columns();
    static SyncItem fromQuery(const QSqlQuery &query);

private:
    Enqueued enqueueOne(qint64 runId, const NewItem &item, qint64 now);
    Completion recordAttempt(const SyncItem &claimed, const ItemOutcome &outcome, qint64 now);
    // Keeps the run's counters in step with an item's move from `from` to `to`.
    void count(const SyncItem &item, SyncItem::State from, SyncItem::State to);
    void setState(qint64 itemId, SyncItem::State state, qint64 nextAttemptAt,
                  const QString &message, int attemptsDelta = 0);

    StatementCache m_statements;
    RunStore m_runs;
    ItemDependencies m_dependencies;
    RetryPolicy m_retryPolicy;
};

} // namespace storeloom
