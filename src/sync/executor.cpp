#include "executor.h"

#include "itemstore.h"
#include "leasefence.h"
#include "leaseowner.h"
#include "logging.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QElapsedTimer>
#include <algorithm>

namespace storeloom {

namespace {
QString workerOwner(const QString &executorOwner, int index)
{
    return QStringLiteral("%1/w%2").arg(executorOwner).arg(index);
}
} // namespace

Executor::Options Executor::Options::forNetworkWork(int workers)
{
    Options options;
    options.workers = workers;
    options.claimBatch = 1;
    bool ok = false;
    const qint64 leaseMs = qEnvironmentVariableIntValue("STORELOOM_LEASE_MS", &ok);
    if (ok && leaseMs > 0)
        options.leaseMs = leaseMs;
    return options;
}

Executor::Executor(Workspace workspace, Options options, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_options(std::move(options)),
      m_ownerId(LeaseOwner::unique())
{
    m_options.workers = std::max(1, m_options.workers);
    m_options.claimBatch = std::max(1, m_options.claimBatch);
    if (m_options.reclaimEveryMs <= 0)
        m_options.reclaimEveryMs = std::clamp<qint64>(m_options.leaseMs / 4, 50, 30000);
    if (m_options.heartbeatMs <= 0)
        m_options.heartbeatMs = std::max<qint64>(10, m_options.leaseMs / 3);
    for (int i = 0; i < m_options.workers; ++i)
        m_workerOwners.append(workerOwner(m_ownerId, i));
    m_pool.setMaxThreadCount(m_options.workers + 1); // and the heartbeat
}

Executor::~Executor()
{
    stop();
}

void Executor::setHandler(const QString &operation, std::shared_ptr<OperationHandler> handler)
{
    Q_ASSERT_X(!m_running, "Executor::setHandler", "register handlers before start()");
    m_handlers.insert(operation, std::move(handler));
}

void Executor::setRateBudgets(std::shared_ptr<RateBudgets> budgets)
{
    Q_ASSERT_X(!m_running, "Executor::setRateBudgets", "share the budgets before start()");
    if (budgets)
        m_budgets = std::move(budgets);
}

void Executor::start()
{
    if (m_running.exchange(true))
        return;
    m_stopping = false;
    m_nextReclaimAt = 0;
    m_operations = m_handlers.keys();
    m_operations.sort();
    m_pool.start([this] { heartbeatLoop(); });
    for (int i = 0; i < m_options.workers; ++i)
        m_pool.start([this, i] { workerLoop(i); });
    qCInfo(lcExecutor) << "executor" << m_ownerId << "started with" << m_options.workers
                       << "workers";
}

void Executor::stop()
{
    if (!m_running)
        return;
    m_stopping = true;
    m_budgets->wakeAll();
    wake();
    m_pool.waitForDone();
    m_running = false;
    qCInfo(lcExecutor) << "executor" << m_ownerId << "stopped";
}

void Executor::wake()
{
    QMutexLocker lock(&m_wakeMutex);
    ++m_wakeGeneration;
    m_wakeCondition.wakeAll();
}

void Executor::heartbeatLoop()
{
    try {
        const DbHandle handle = m_workspace.openHandle();
        ItemStore store(handle.db(), m_options.retryPolicy);
        QMutexLocker lock(&m_wakeMutex);
        while (!m_stopping) {
            lock.unlock();
            try {
                store.renewLeases(m_workerOwners, m_options.leaseMs);
            } catch (const WorkspaceError &error) {
                qCWarning(lcExecutor) << "heartbeat:" << error.message(); // next beat tries again
            }
            lock.relock();
            if (!m_stopping)
                m_wakeCondition.wait(&m_wakeMutex, QDeadlineTimer(m_options.heartbeatMs));
        }
    } catch (const WorkspaceError &error) {
        qCCritical(lcExecutor) << "heartbeat cannot work:" << error.message();
        Q_EMIT workerError(error.message());
    }
}

void Executor::workerLoop(int index)
{
    const QString owner = m_workerOwners.at(index);
    try {
        const DbHandle handle = m_workspace.openHandle();
        ItemStore store(handle.db(), m_options.retryPolicy);
        while (!m_stopping) {
            try {
                maybeReclaim(store);
                // Nothing to carry out without handlers: claim nothing rather than everything.
                QList<SyncItem> batch =
                    m_operations.isEmpty()
                        ? QList<SyncItem>()
                        : store.claim(owner, m_options.claimBatch, m_options.leaseMs, m_operations);
                if (batch.isEmpty())
                    idleWait(store);
                else
                    runBatch(store, std::move(batch));
            } catch (const WorkspaceError &error) {
                // A busy or failing database: tell, pause, try again. Claimed
                // items stay leased and come back when the lease expires.
                qCWarning(lcExecutor) << owner << error.message();
                Q_EMIT workerError(error.message());
                QMutexLocker lock(&m_wakeMutex);
                m_wakeCondition.wait(&m_wakeMutex, QDeadlineTimer(m_options.idlePollMs));
            }
        }
    } catch (const WorkspaceError &error) {
        qCCritical(lcExecutor) << owner << "cannot work:" << error.message();
        Q_EMIT workerError(error.message());
    }
}

void Executor::runBatch(ItemStore &store, const QList<SyncItem> &batch)
{
    QList<ItemStore::Attempt> finished; // done, not yet recorded
    QElapsedTimer window;               // since the first unrecorded item started
    QList<qint64> giveBack;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const SyncItem &item = batch.at(i);
        if (m_stopping || !takeBudget(item, store, finished)) {
            for (qsizetype j = i; j < batch.size(); ++j)
                giveBack.append(batch.at(j).id);
            break;
        }
        if (store.isRunCancelled(item.runId)) {
            giveBack.append(item.id); // cancelled meanwhile: must not start
            continue;
        }
        if (finished.isEmpty())
            window.start();
        finished.append({item, dispatch(item, store)});
        if (window.elapsed() >= m_options.commitWindowMs)
            record(store, finished);
    }
    record(store, finished);
    if (!giveBack.isEmpty())
        store.release(giveBack, batch.first().leaseOwner);
}

bool Executor::takeBudget(const SyncItem &item, ItemStore &store,
                          QList<ItemStore::Attempt> &finished)
{
    // What the gate takes per item is the budget's gate cost, which the
    // connection's provider policy set: one unit where the adapter does not
    // meter its requests, none where it does (it takes one per request).
    const auto budget = m_budgets->forConnection(item.connectionId);
    if (!budget || budget->tryAdmit())
        return true;
    record(store, finished); // nothing waits unrecorded while we wait for budget
    return budget->admit(&m_stopping);
}

void Executor::record(ItemStore &store, QList<ItemStore::Attempt> &finished)
{
    if (finished.isEmpty())
        return;
    const auto completions = store.completeAll(finished, m_options.leaseMs);
    for (qsizetype i = 0; i < completions.size(); ++i) {
        if (completions.at(i).recorded) {
            const SyncItem &item = finished.at(i).first;
            Q_EMIT itemFinished(item.id, item.runId, completions.at(i).state);
        }
    }
    finished.clear();
}

ItemOutcome Executor::dispatch(const SyncItem &item, ItemStore &store)
{
    const auto handler = m_handlers.value(item.operation);
    Q_ASSERT(handler); // only items of these operations are claimed
    // Claimed at item.updatedAt for a lease: half of it is trusted without asking.
    LeaseFence fence(
        [&] { return store.confirmLease(item.id, item.leaseOwner, m_options.leaseMs); },
        item.updatedAt + m_options.leaseMs / 2, m_options.leaseMs);
    // A wait for budget may have outlasted the lease: start only while it is held.
    if (!fence.confirm())
        return ItemOutcome::retry(LeaseFence::lostMessage()); // not recorded: not ours
    const LeaseFence::Scope scope(&fence);
    try {
        return handler->execute(item);
    } catch (const std::exception &error) {
        return ItemOutcome::retry(QString::fromUtf8(error.what()));
    }
}

void Executor::maybeReclaim(ItemStore &store)
{
    const qint64 now = sql::nowMs();
    qint64 due = m_nextReclaimAt.load();
    if (now < due || !m_nextReclaimAt.compare_exchange_strong(due, now + m_options.reclaimEveryMs))
        return; // not yet, or another worker is doing it
    if (const int reclaimed = store.reclaimExpiredLeases(&LeaseOwner::isGone); reclaimed > 0)
        qCInfo(lcExecutor) << "reclaimed" << reclaimed << "items from stopped workers";
}

void Executor::idleWait(ItemStore &store)
{
    // Sleep until the next retry is due, or the next poll; items already due
    // but not claimed are held back (policy) and need no earlier look.
    qint64 waitMs = std::min(m_options.idlePollMs, m_options.reclaimEveryMs);
    if (const auto due = store.nextDueAt(); due && *due > sql::nowMs())
        waitMs = std::clamp<qint64>(*due - sql::nowMs(), 1, waitMs);
    QMutexLocker lock(&m_wakeMutex);
    const quint64 generation = m_wakeGeneration;
    QDeadlineTimer deadline(waitMs);
    while (!m_stopping && generation == m_wakeGeneration) {
        if (!m_wakeCondition.wait(&m_wakeMutex, deadline))
            break;
    }
}

} // namespace storeloom
