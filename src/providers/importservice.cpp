#include "importservice.h"

#include "catalogimport.h"
#include "connectionaccess.h"
#include "accesstokensource.h"
#include "connectionstore.h"
#include "importjob.h"
#include "leaseowner.h"
#include "providerregistry.h"
#include "runstore.h"
#include "workspaceerror.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcImports, "storeloom.imports")

namespace storeloom {

ImportService::ImportService(Workspace workspace, ConnectionAccess &access,
                             const ProviderRegistry &providers, QObject *parent)
    : ImportService(std::move(workspace), &access, &providers, {}, parent)
{
    // The gate applies the connections' own budgets, the ones the adapters feed.
    m_executor->setRateBudgets(access.sharedBudgets());
    connect(&access, &ConnectionAccess::changed, this, [this](qint64 id) { prepare(id); });
}

ImportService::ImportService(Workspace workspace, ImportPageHandler::OpenSource open,
                             QObject *parent)
    : ImportService(std::move(workspace), nullptr, nullptr, std::move(open), parent)
{}

ImportService::ImportService(Workspace workspace, ConnectionAccess *access,
                             const ProviderRegistry *providers, ImportPageHandler::OpenSource open,
                             QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_access(access),
      m_providers(providers), m_open(std::move(open)),
      m_handler(std::make_shared<ImportPageHandler>(
          m_workspace,
          [this](qint64 connectionId, const ImportOptions &options, QString *why) {
              return openSource(connectionId, options, why);
          },
          static_cast<ImportEvents &>(*this))),
      // Imports of two stores at once.
      m_executor(std::make_unique<Executor>(m_workspace, Executor::Options::forNetworkWork(2)))
{
    qRegisterMetaType<ImportProgress>();
    qRegisterMetaType<ImportOutcome>();
    m_executor->setHandler(ImportRuns::operation(), m_handler);
}

ImportService::~ImportService()
{
    m_handler->shutDown(); // a bulk export in progress stops; its run resumes next time
    if (m_access)
        m_access->budgets().wakeAll();
    m_executor->stop();
}

bool ImportService::canImport(const QString &providerId) const
{
    return !m_providers || dynamic_cast<const ImportingProvider *>(m_providers->find(providerId));
}

CatalogImportJob *ImportService::createJob(qint64 connectionId, const ImportOptions &options,
                                           QObject *parent)
{
    return new ImportJob(*this, connectionId, options, parent);
}

ImportService::Readiness ImportService::prepare(qint64 connectionId, QString *why)
{
    if (!m_access)
        return Readiness::Ready;
    const auto refuse = [&](const QString &message) {
        if (why)
            *why = message;
        QMutexLocker lock(&m_mutex);
        m_sources.remove(connectionId);
        return Readiness::Refused;
    };
    std::optional<Connection> connection;
    try {
        const DbHandle handle = m_workspace.openHandle();
        connection = ConnectionStore(handle.db()).find(connectionId);
    } catch (const WorkspaceError &error) {
        return refuse(error.message());
    }
    if (!connection)
        return refuse(tr("There is no connection %1.").arg(connectionId));
    const auto *provider =
        dynamic_cast<const ImportingProvider *>(m_providers->find(connection->provider));
    if (!provider)
        return refuse(tr("Importing from %1 stores is not available.").arg(connection->provider));
    if (connection->status != Connection::Status::Live &&
        connection->status != Connection::Status::Expiring)
        return refuse(tr("%1 is %2, not connected: reconnect it, then import.")
                          .arg(connection->name, nameOf(connection->status)));
    const auto tokens = m_access->tokenSource(connectionId);
    if (!tokens) {
        const QString error = m_access->signInError(connectionId);
        if (!error.isEmpty())
            return refuse(error);
        m_access->load(connectionId);
        return Readiness::Loading;
    }
    CatalogSourceContext context;
    context.connectionId = connectionId;
    context.domain = connection->domain;
    context.tokens = tokens;
    context.budget = m_access->budget(connectionId);
    {
        QMutexLocker lock(&m_mutex);
        m_sources.insert(connectionId, [provider, context](const ImportOptions &options) {
            CatalogSourceContext withOptions = context;
            withOptions.options = options;
            return provider->createCatalogSource(withOptions);
        });
    }
    m_executor->wake();
    return Readiness::Ready;
}

std::unique_ptr<CatalogSource> ImportService::openSource(qint64 connectionId,
                                                         const ImportOptions &options, QString *why)
{
    if (m_open)
        return m_open(connectionId, options, why);
    MakeSource make;
    {
        QMutexLocker lock(&m_mutex);
        make = m_sources.value(connectionId);
    }
    if (make)
        return make(options);
    // An item a stopped process left: its connection's sign-in is loaded on
    // the owner thread, and the item waits for it.
    QMetaObject::invokeMethod(this, [this, connectionId] { prepare(connectionId); },
                              Qt::QueuedConnection);
    *why = tr("Waiting for the store's sign-in.");
    return nullptr;
}

ImportRuns::Started ImportService::start(qint64 connectionId, const ImportOptions &options)
{
    ImportRuns::Started started;
    {
        const DbHandle handle = m_workspace.openHandle();
        started = ImportRuns(handle.db()).start(connectionId, options, LeaseOwner::ofThisProcess());
    }
    qCInfo(lcImports) << "import run" << started.runId << "of connection" << connectionId
                      << (started.resumed ? "continues" : "started");
    resumeUnfinished();
    m_executor->wake();
    return started;
}

void ImportService::cancel(qint64 runId)
{
    const DbHandle handle = m_workspace.openHandle();
    RunStore runs(handle.db());
    const auto run = runs.find(runId);
    if (!run || run->isFinished())
        return;
    runs.cancel(runId); // its waiting page will not start
    if (m_handler->requestStop(runId))
        return; // the page in progress ends the run
    // No page of it runs here: it ends now, its checkpoint kept for the next import.
    ImportOutcome outcome;
    outcome.status = ImportOutcome::Status::Cancelled;
    outcome.message = tr("Import cancelled; importing again continues where it stopped.");
    outcome.runId = runId;
    CatalogImport import(handle.db(), run->connectionId, CatalogImport::Writes::QtSqlOnly);
    import.begin();
    import.cancel();
    outcome.counts = import.checkpoint()->counts;
    runs.finish(runId, SyncRun::Status::Cancelled, outcome.message);
    Q_EMIT ended(runId, outcome);
}

std::optional<ImportOutcome> ImportService::endedRun(qint64 runId) const
{
    const DbHandle handle = m_workspace.openHandle();
    const auto run = RunStore(handle.db()).find(runId);
    if (!run || !run->isFinished())
        return std::nullopt;
    ImportOutcome outcome;
    outcome.runId = runId;
    switch (run->status) {
    case SyncRun::Status::Succeeded:
        outcome.status = ImportOutcome::Status::Succeeded;
        outcome.message = tr("Run %1 finished the import.").arg(runId);
        break;
    case SyncRun::Status::Cancelled:
        outcome.status = ImportOutcome::Status::Cancelled;
        outcome.message = tr("Import cancelled; importing again continues where it stopped.");
        break;
    case SyncRun::Status::Failed:
    case SyncRun::Status::Running:
        outcome.status = ImportOutcome::Status::Failed;
        outcome.message = tr("Run %1 stopped: its page could not be finished (the processes "
                             "working on it ended).")
                              .arg(runId);
        break;
    }
    return outcome;
}

void ImportService::resumeUnfinished()
{
    if (!m_executor->isRunning())
        m_executor->start();
}

void ImportService::importProgress(qint64 runId, const ImportProgress &progress)
{
    QMetaObject::invokeMethod(
        this, [this, runId, progress] { Q_EMIT progressed(runId, progress); },
        Qt::QueuedConnection);
}

void ImportService::importFinished(qint64 runId, const ImportOutcome &outcome)
{
    QMetaObject::invokeMethod(
        this, [this, runId, outcome] { Q_EMIT ended(runId, outcome); }, Qt::QueuedConnection);
}

} // namespace storeloom
