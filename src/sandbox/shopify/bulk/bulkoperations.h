#pragma once

#include "bulkoperationstate.h"
#include "shopify/catalog/shopifycatalog.h"
#include "shopify/graphql/gqlast.h"
#include "shopify/server/sandboxcounters.h"

#include <QMutex>

#include <atomic>
#include <memory>
#include <thread>

namespace storeloom::sandbox::shopify {

// The app's bulk operations on the shop. Each runs on a worker thread that
// writes its JSONL to a file in `directory`; one query may run at a time
// (a second gets OPERATION_IN_PROGRESS). Faults: the next operation fails
// half-way (FAILED, INTERNAL_SERVER_ERROR, partialDataUrl) or expires (EXPIRED,
// no url); startRunning() leaves one running as if an earlier import had
// started it. Thread-safe.
class BulkOperations : public BulkOperationControl
{
public:
    BulkOperations(const ShopifyCatalog &catalog, CounterBoard &counters, const QString &directory);
    ~BulkOperations() override;

    BulkOperationResult runQuery(const QString &query, const QStringList &grantedScopes) override;
    BulkOperationResult cancel(qint64 id) override;
    std::optional<BulkOperationState> current() const override;
    std::optional<BulkOperationState> operation(qint64 id) const override;

    // The file a "/bulk/<name>" URL serves; empty when there is none.
    QString resultFile(const QString &name) const;

    void setObjectsPerSecond(int rate);
    void failNext(int count = 1);
    void expireNext(int count = 1);
    // Starts a bulk query (every product id) that stays RUNNING for at least
    // `durationMs`; its id.
    qint64 startRunning(int durationMs);

private:
    struct Job
    {
        BulkOperationState state;
        std::optional<graphql::Document> document;
        QStringList scopes;
        QString missingScope;
        bool fail = false;
        bool expire = false;
        int minimumDurationMs = 0;
        std::atomic_bool cancel{false};
        std::thread thread;
    };

    BulkOperationResult launch(const QString &query, const QStringList &scopes, int minimumDurationMs);
    void work(Job *job);
    Job *find(qint64 id) const;
    QString path(qint64 id, bool partial) const;

    const ShopifyCatalog &m_catalog;
    CounterBoard &m_counters;
    const QString m_directory;
    mutable QMutex m_mutex;
    std::vector<std::unique_ptr<Job>> m_jobs;
    qint64 m_nextId = 1;
    int m_objectsPerSecond = 0;
    int m_failNext = 0;
    int m_expireNext = 0;
};

} // namespace storeloom::sandbox::shopify
