#pragma once

#include "catalogsource.h"
#include "operationhandler.h"
#include "workspace.h"

#include <QHash>
#include <QMutex>
#include <atomic>
#include <functional>
#include <memory>

namespace storeloom {

class CatalogImport;
struct ImportCheckpoint;

// What an import tells the process that watches it. Called on worker threads.
class ImportEvents
{
public:
    virtual ~ImportEvents() = default;
    virtual void importProgress(qint64 runId, const ImportProgress &progress) = 0;
    virtual void importFinished(qint64 runId, const ImportOutcome &outcome) = 0;
};

// The hub's import lifecycle for "catalog.import_page" items, whatever the
// platform: opens the connection's CatalogSource once per import in this
// process (the store's currency, locations and collections, written whole),
// then reads one page per item and writes it — with the checkpoint and the
// item for the next page — in one transaction; or, where the source exports
// in bulk, streams the whole export through one long item (its lease kept
// alive by the executor's heartbeat). Reconciliation and conflicts are
// CatalogImport's. The hub classifies how a call ended: what is transient is
// retried by the executor; a refusal, a lost sign-in or the last attempt ends
// the run failed with the platform's words; a cancel ends it cancelled — the
// checkpoint stays, so importing again continues where it stopped.
class ImportPageHandler : public OperationHandler
{
public:
    // Makes the source for a connection's import, on a worker thread; null
    // with `why` when it cannot yet (the sign-in is not loaded: the item waits).
    using OpenSource = std::function<std::unique_ptr<CatalogSource>(
        qint64 connectionId, const ImportOptions &options, QString *why)>;

    ImportPageHandler(Workspace workspace, OpenSource open, ImportEvents &events);
    ~ImportPageHandler() override;

    ItemOutcome execute(const SyncItem &item) override;
    // Asks the run's page in progress to stop. False when no page of the
    // run runs in this process: the caller ends the run itself.
    bool requestStop(qint64 runId);
    // The process is ending: pages in progress stop without ending their
    // runs, which carry on at the next start (here or in another process).
    void shutDown() { m_shuttingDown = true; }

private:
    struct Session;
    struct Attempt;
    std::shared_ptr<Session> sessionFor(const SyncItem &item, QString *why);
    ItemOutcome run(Attempt &attempt);
    ItemOutcome writePage(Attempt &attempt, const SourcePage &page);
    ItemOutcome exportAll(Attempt &attempt);
    QString closeRun(Attempt &attempt);
    ItemOutcome failed(Attempt &attempt, const SourceError &error);
    ItemOutcome end(Attempt &attempt, ImportOutcome::Status status, const QString &message);
    void reportProgress(Attempt &attempt, const QString &waiting = {});

    Workspace m_workspace;
    OpenSource m_open;
    ImportEvents &m_events;
    std::atomic_bool m_shuttingDown{false};
    QMutex m_mutex;
    QHash<qint64, std::shared_ptr<Session>> m_sessions; // by run
};

} // namespace storeloom
