#pragma once

#include "catalogimportjob.h"
#include "executor.h"
#include "importpagehandler.h"
#include "importruns.h"
#include "workspace.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <functional>
#include <memory>

namespace storeloom {

class ConnectionAccess;
class ProviderRegistry;

// Imports from the GUI or the CLI, whatever the platform: starts (or takes
// over) a connection's import run and carries its "catalog.import_page"
// items out on an Executor — retries, dead items, leases, the inbound gate —
// with ImportPageHandler; progress and endings reach the caller's thread.
// Items a stopped process left are carried on too, once the connection's
// sign-in is loaded.
class ImportService : public QObject, private ImportEvents
{
    Q_OBJECT

public:
    // Sources from the providers, with the connections' token owners and budgets.
    ImportService(Workspace workspace, ConnectionAccess &access, const ProviderRegistry &providers,
                  QObject *parent = nullptr);
    // Sources from `open` (tests, benchmarks).
    ImportService(Workspace workspace, ImportPageHandler::OpenSource open,
                  QObject *parent = nullptr);
    ~ImportService() override;

    bool canImport(const QString &providerId) const;
    CatalogImportJob *createJob(qint64 connectionId, const ImportOptions &options,
                                QObject *parent = nullptr);
    // Starts the connection's import (see ImportRuns::start) and its work.
    ImportRuns::Started start(qint64 connectionId, const ImportOptions &options);
    // Cancels the run; the page being read stops and importing again resumes.
    void cancel(qint64 runId);
    // Carries on what a previous session left (the app calls it at start).
    void resumeUnfinished();
    // How the run ended, if it has, as the workspace tells it: for a run that
    // ended without this process's handler (cancelled by another process,
    // its page given up after its workers' processes ended).
    std::optional<ImportOutcome> endedRun(qint64 runId) const;

    ConnectionAccess *access() const { return m_access; }
    Executor &executor() { return *m_executor; }
    // Makes the connection's source available to workers. Loading: its
    // sign-in is on its way from the keychain (access() says changed()).
    enum class Readiness { Ready, Loading, Refused };
    Readiness prepare(qint64 connectionId, QString *why = nullptr);

Q_SIGNALS:
    void progressed(qint64 runId, const storeloom::ImportProgress &progress);
    void ended(qint64 runId, const storeloom::ImportOutcome &outcome);

private:
    using MakeSource = std::function<std::unique_ptr<CatalogSource>(const ImportOptions &)>;

    ImportService(Workspace workspace, ConnectionAccess *access, const ProviderRegistry *providers,
                  ImportPageHandler::OpenSource open, QObject *parent);
    std::unique_ptr<CatalogSource> openSource(qint64 connectionId, const ImportOptions &options,
                                              QString *why);
    void importProgress(qint64 runId, const ImportProgress &progress) override;
    void importFinished(qint64 runId, const ImportOutcome &outcome) override;

    Workspace m_workspace;
    ConnectionAccess *m_access = nullptr;
    const ProviderRegistry *m_providers = nullptr;
    ImportPageHandler::OpenSource m_open;
    std::shared_ptr<ImportPageHandler> m_handler;
    std::unique_ptr<Executor> m_executor;
    QMutex m_mutex;
    QHash<qint64, MakeSource> m_sources; // by connection, for the workers
};

} // namespace storeloom
