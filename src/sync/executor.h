#pragma once

#include "operationhandler.h"
#include "ratebudget.h"
#include "retrypolicy.h"
#include "syncitem.h"
#include "workspace.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <QWaitCondition>
#include <atomic>
#include <memory>

namespace storeloom {

class ItemStore;

// Runs the workspace's ready items on a pool of workers. Each worker has its
// own database connection, claims a few items at a time under a lease,
// waits for its connection's RateBudget, dispatches to the handler registered
// for the item's operation, and records the outcome.
//
// Leases: a heartbeat renews the leases of this executor's workers while the
// process lives, so an item may run far longer than one lease. A worker
// confirms its lease before it starts an item and (through LeaseFence) the
// adapters confirm it before every platform call, so a process paused past
// its lease never acts on an item another worker took over. Items of a
// process that ended are taken back at once when it ran on this host, else
// when their lease expires.
class Executor : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int workers = 2;
        int claimBatch = 8;
        qint64 leaseMs = 60 * 1000;
        qint64 heartbeatMs = 0; // 0: a third of the lease
        qint64 idlePollMs = 500;   // how often an idle worker looks for work from other processes
        qint64 reclaimEveryMs = 0; // 0: a quarter of the lease, between 50 ms and 30 s
        // Group commit: outcomes of items that started within this window are
        // recorded in one transaction. Slow items (network calls) are recorded
        // one by one; a crash loses at most this much work, which the lease
        // then runs again. 0 records every outcome on its own.
        qint64 commitWindowMs = 20;
        RetryPolicy retryPolicy;

        // For a process's engine (the app's, a CLI command's): workers that
        // wait on the network, one item claimed at a time so none sits on
        // items others could start, and the lease STORELOOM_LEASE_MS sets —
        // how soon another process takes over the items of one that stopped
        // answering (paused, asleep) on another host; a knob for tests.
        static Options forNetworkWork(int workers);
    };

    explicit Executor(Workspace workspace, Options options, QObject *parent = nullptr);
    explicit Executor(Workspace workspace, QObject *parent = nullptr)
        : Executor(std::move(workspace), Options(), parent)
    {}
    ~Executor() override;

    // Register before start(). Only items of operations with a handler are
    // claimed: the rest wait for a process that can carry them out.
    void setHandler(const QString &operation, std::shared_ptr<OperationHandler> handler);
    // The gate: before an item starts, its connection's budget admits it
    // (RateBudget::admit). By default the executor has budgets of its own;
    // share the process's (ConnectionAccess's) before start() so the one
    // budget per connection the adapters feed is the one applied here.
    void setRateBudgets(std::shared_ptr<RateBudgets> budgets);
    RateBudgets &rateBudgets() { return *m_budgets; }
    QString ownerId() const { return m_ownerId; }

    void start();
    // Stops claiming, lets items in progress finish, gives back the rest.
    void stop();
    // New items were enqueued: idle workers look now instead of at their next poll.
    void wake();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // Emitted from worker threads after each recorded attempt.
    void itemFinished(qint64 itemId, qint64 runId, storeloom::SyncItem::State state);
    void workerError(const QString &message);

private:
    void workerLoop(int index);
    void heartbeatLoop();
    void runBatch(ItemStore &store, const QList<SyncItem> &batch);
    void record(ItemStore &store, QList<std::pair<SyncItem, ItemOutcome>> &finished);
    bool takeBudget(const SyncItem &item, ItemStore &store,
                    QList<std::pair<SyncItem, ItemOutcome>> &finished);
    ItemOutcome dispatch(const SyncItem &item, ItemStore &store);
    void maybeReclaim(ItemStore &store);
    void idleWait(ItemStore &store);

    Workspace m_workspace;
    Options m_options;
    QString m_ownerId;
    QThreadPool m_pool;
    std::shared_ptr<RateBudgets> m_budgets = std::make_shared<RateBudgets>();
    QHash<QString, std::shared_ptr<OperationHandler>> m_handlers;
    QStringList m_operations; // m_handlers' keys, fixed at start()
    QStringList m_workerOwners;

    std::atomic_bool m_stopping{false};
    std::atomic_bool m_running{false};
    std::atomic<qint64> m_nextReclaimAt{0};
    QMutex m_wakeMutex;
    QWaitCondition m_wakeCondition;
    quint64 m_wakeGeneration = 0;
};

} // namespace storeloom
