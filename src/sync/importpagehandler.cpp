#include "importpagehandler.h"

#include "catalogimport.h"
#include "importruns.h"
#include "itemstore.h"
#include "leasefence.h"
#include "logging.h"
#include "runstore.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QElapsedTimer>
#include <atomic>
#include <optional>

namespace storeloom {

namespace {

const QString kProducts = QStringLiteral("products");
const QString kBulk = QStringLiteral("bulk");

qint64 written(const ImportCounts &c)
{
    return c.created + c.updated + c.unchanged + c.conflicts;
}

} // namespace

// One import as this process carries it: its source, opened once.
struct ImportPageHandler::Session
{
    std::unique_ptr<CatalogSource> source;
    std::optional<CatalogOverview> overview;
    std::atomic_bool stop{false};
    bool running = false; // a page of it runs here now (under m_mutex)
    QElapsedTimer clock;
};

struct ImportPageHandler::Attempt
{
    const std::atomic_bool &shuttingDown;
    const SyncItem &item;
    std::shared_ptr<Session> session;
    DbHandle handle;
    std::unique_ptr<CatalogImport> import;
    ImportRuns::Position position;

    bool lastAttempt() const { return item.attempts + 1 >= item.maxAttempts; }
    bool stopRequested() const
    {
        if (session->stop || shuttingDown)
            return true;
        const LeaseFence *fence = LeaseFence::current();
        return fence && fence->lost();
    }
    ImportCheckpoint checkpoint() const { return *import->checkpoint(); }
};

// A bulk export's pages, written as they come.
class BulkPageWriter : public CatalogPageSink
{
public:
    BulkPageWriter(CatalogImport &import, std::function<bool()> stop,
                   std::function<void(const QString &)> progress)
        : m_import(import), m_stop(std::move(stop)), m_progress(std::move(progress))
    {}

    bool collections(const QList<ImportedCollection> &collections) override
    {
        return write([&] { m_import.applyCollections(collections); });
    }
    bool products(const QList<ImportedProduct> &page, const QList<ProductDigests> &digests,
                  const QString &cursor) override
    {
        return write([&] { m_import.applyProductPage(page, kBulk, cursor, digests); });
    }
    void waiting(const QString &why) override { m_progress(why); }
    QString why() const override { return m_why; }
    bool failedToWrite() const { return m_failedToWrite; }

private:
    template<typename Write> bool write(Write &&write)
    {
        if (m_stop() || !confirmLease())
            return false;
        try {
            write();
        } catch (const WorkspaceError &error) {
            m_why = error.message();
            m_failedToWrite = true;
            return false;
        }
        m_progress({});
        return true;
    }
    static bool confirmLease()
    {
        LeaseFence *fence = LeaseFence::current();
        return !fence || fence->confirm();
    }

    CatalogImport &m_import;
    std::function<bool()> m_stop;
    std::function<void(const QString &)> m_progress;
    QString m_why;
    bool m_failedToWrite = false;
};

ImportPageHandler::ImportPageHandler(Workspace workspace, OpenSource open, ImportEvents &events)
    : m_workspace(std::move(workspace)), m_open(std::move(open)), m_events(events)
{}

ImportPageHandler::~ImportPageHandler() = default;

bool ImportPageHandler::requestStop(qint64 runId)
{
    QMutexLocker lock(&m_mutex);
    const auto session = m_sessions.value(runId);
    if (!session || !session->running)
        return false;
    session->stop = true;
    return true;
}

std::shared_ptr<ImportPageHandler::Session> ImportPageHandler::sessionFor(const SyncItem &item,
                                                                         QString *why)
{
    {
        QMutexLocker lock(&m_mutex);
        if (const auto session = m_sessions.value(item.runId)) {
            session->running = true;
            return session;
        }
    }
    QString plan;
    {
        const DbHandle handle = m_workspace.openHandle();
        plan = RunStore(handle.db()).get(item.runId).plan;
    }
    auto source = m_open(item.connectionId, ImportRuns::optionsOf(plan), why);
    if (!source)
        return nullptr;
    auto session = std::make_shared<Session>();
    session->source = std::move(source);
    session->clock.start();
    session->running = true;
    QMutexLocker lock(&m_mutex);
    m_sessions.insert(item.runId, session);
    return session;
}

ItemOutcome ImportPageHandler::execute(const SyncItem &item)
{
    QString why;
    const auto session = sessionFor(item, &why);
    if (!session) // the store's sign-in is on its way from the keychain
        return ItemOutcome::deferred(why, 2000);
    Attempt attempt{m_shuttingDown, item, session, m_workspace.openHandle(), nullptr, ImportRuns::positionOf(item)};
    ItemOutcome outcome;
    try {
        outcome = run(attempt);
    } catch (const WorkspaceError &error) {
        outcome = failed(attempt, {SourceError::Kind::Retryable, error.message()});
    }
    bool stopUnheard = false;
    {
        QMutexLocker lock(&m_mutex);
        session->running = false;
        // Cancelled as the page committed: the run has not ended yet.
        stopUnheard = session->stop && m_sessions.value(item.runId) == session;
    }
    if (stopUnheard)
        end(attempt, ImportOutcome::Status::Cancelled, {});
    return outcome;
}

ItemOutcome ImportPageHandler::run(Attempt &attempt)
{
    attempt.import = std::make_unique<CatalogImport>(attempt.handle.db(), attempt.item.connectionId);
    const ImportCheckpoint checkpoint = attempt.import->begin();
    // Pages are counted as they commit: an item whose page a worker wrote
    // before it died (the outcome unrecorded) finds the import past it.
    // A bulk export is one item from start to end: it goes on from its cursor.
    const bool exporting = attempt.position.phase == kBulk || checkpoint.phase == kBulk;
    if (!exporting && checkpoint.pages != attempt.position.page)
        return ItemOutcome::skipped(QStringLiteral("This page was written already."));
    if (attempt.session->stop || ItemStore(attempt.handle.db()).isRunCancelled(attempt.item.runId))
        return end(attempt, ImportOutcome::Status::Cancelled, {});

    CatalogSource &source = *attempt.session->source;
    const auto stop = [&attempt] { return attempt.stopRequested(); };
    const auto waiting = [this, &attempt](const QString &why) { reportProgress(attempt, why); };
    if (!attempt.session->overview) {
        CatalogOverview overview;
        if (const SourceError error = source.open(&overview, stop, waiting); !error.ok())
            return failed(attempt, error);
        // Read whole at every opening; the checkpoint does not move for them.
        attempt.import->applyLocations(overview.locations);
        attempt.import->applyCollections(overview.collections);
        attempt.session->overview = overview;
        qCInfo(lcImport) << "run" << attempt.item.runId << ":" << overview.productTotal
                         << "products in" << overview.currency << "→"
                         << (overview.bulk ? "bulk export" : "pages");
    }
    reportProgress(attempt);
    const bool bulk =
        exporting || (attempt.position.phase != kProducts && attempt.session->overview->bulk);
    if (bulk)
        return exportAll(attempt);
    SourcePage page;
    if (const SourceError error = source.fetchPage(attempt.position.cursor, &page, stop, waiting);
        !error.ok())
        return failed(attempt, error);
    return writePage(attempt, page);
}

// The page, the checkpoint and the next page's item (or the end of the
// import) commit together.
ItemOutcome ImportPageHandler::writePage(Attempt &attempt, const SourcePage &page)
{
    if (LeaseFence *fence = LeaseFence::current(); fence && !fence->confirm())
        return ItemOutcome::retry(LeaseFence::lostMessage());
    const SyncItem &item = attempt.item;
    QString message;
    try {
        sql::WriteTransaction transaction(attempt.handle.db());
        attempt.import->applyProductPage(page.products, kProducts,
                                         page.nextCursor.value_or(QString()), page.digests);
        if (page.nextCursor) // refused once the run was cancelled: nothing commits
            ItemStore(attempt.handle.db())
                .enqueue(item.runId,
                         ImportRuns::pageItem(item.runId, item.connectionId, kProducts,
                                              *page.nextCursor, attempt.checkpoint().pages));
        else
            message = closeRun(attempt);
        transaction.commit();
    } catch (const WorkspaceError &) {
        // The import's own view of its checkpoint moved with the page that
        // was rolled back: it is read again from the workspace.
        attempt.import.reset();
        throw;
    }
    if (!page.nextCursor)
        return end(attempt, ImportOutcome::Status::Succeeded, message);
    reportProgress(attempt);
    return ItemOutcome::succeeded();
}

ItemOutcome ImportPageHandler::exportAll(Attempt &attempt)
{
    BulkPageWriter writer(
        *attempt.import, [&attempt] { return attempt.stopRequested(); },
        [this, &attempt](const QString &why) { reportProgress(attempt, why); });
    // Where the export stood when the last page committed (another process's, perhaps).
    const ImportCheckpoint checkpoint = attempt.checkpoint();
    const QString resumeFrom = checkpoint.phase == kBulk ? checkpoint.cursor : QString();
    const SourceError error = attempt.session->source->exportAll(
        writer, resumeFrom, [&attempt] { return attempt.stopRequested(); });
    if (writer.failedToWrite())
        return failed(attempt, {SourceError::Kind::Retryable, writer.why()});
    if (!error.ok())
        return failed(attempt, error);
    if (attempt.stopRequested())
        return failed(attempt, {SourceError::Kind::Cancelled, {}});
    sql::WriteTransaction transaction(attempt.handle.db());
    const QString message = closeRun(attempt);
    transaction.commit();
    return end(attempt, ImportOutcome::Status::Succeeded, message);
}

// Inside the caller's transaction: flags what the import did not see and
// closes the run; returns its summary.
QString ImportPageHandler::closeRun(Attempt &attempt)
{
    const ImportCheckpoint done = attempt.import->finish();
    const QString message = ImportRuns::summary(done.counts, attempt.session->source->platformName());
    RunStore runs(attempt.handle.db());
    runs.setProgress(attempt.item.runId,
                     std::max(attempt.session->overview->productTotal, written(done.counts)),
                     written(done.counts), 0);
    runs.finish(attempt.item.runId, SyncRun::Status::Succeeded, message);
    return message;
}

ItemOutcome ImportPageHandler::failed(Attempt &attempt, const SourceError &error)
{
    using Kind = SourceError::Kind;
    if (m_shuttingDown)
        return ItemOutcome::retry(
            QStringLiteral("Stopped with the process; the import continues at the next start."));
    if (error.kind == Kind::Cancelled || attempt.session->stop) {
        if (attempt.session->stop)
            return end(attempt, ImportOutcome::Status::Cancelled, {});
        return ItemOutcome::retry(LeaseFence::lostMessage()); // another worker has the page
    }
    if (error.kind == Kind::Retryable && !attempt.lastAttempt()) {
        reportProgress(attempt, QStringLiteral("%1 — trying again shortly").arg(error.message));
        return ItemOutcome::retry(error.message);
    }
    end(attempt, ImportOutcome::Status::Failed, error.message);
    return ItemOutcome::permanent(error.message);
}

// Ends the run (unless finishRun did) and tells the watcher once.
ItemOutcome ImportPageHandler::end(Attempt &attempt, ImportOutcome::Status status,
                                   const QString &message)
{
    const qint64 runId = attempt.item.runId;
    ImportOutcome outcome;
    outcome.status = status;
    outcome.message = status == ImportOutcome::Status::Cancelled
                          ? QStringLiteral("Import cancelled; importing again continues where it stopped.")
                          : message;
    outcome.runId = runId;
    outcome.bulk = attempt.session->overview && attempt.session->overview->bulk;
    outcome.stats = attempt.session->source->stats();
    outcome.elapsedMs = attempt.session->clock.elapsed();
    if (status != ImportOutcome::Status::Succeeded) {
        try {
            if (!attempt.import) {
                attempt.import = std::make_unique<CatalogImport>(attempt.handle.db(),
                                                                 attempt.item.connectionId);
                attempt.import->begin();
            }
            if (attempt.import->isActive())
                attempt.import->cancel(); // the checkpoint stays: importing again resumes there
            RunStore(attempt.handle.db())
                .finish(runId,
                        status == ImportOutcome::Status::Cancelled ? SyncRun::Status::Cancelled
                                                                   : SyncRun::Status::Failed,
                        outcome.message);
        } catch (const WorkspaceError &error) {
            qCWarning(lcImport) << "run" << runId << "could not be closed:" << error.message();
        }
    }
    if (attempt.import && attempt.import->checkpoint()) {
        outcome.counts = attempt.checkpoint().counts;
        reportProgress(attempt); // where it ended, before how
    }
    {
        QMutexLocker lock(&m_mutex);
        m_sessions.remove(runId);
    }
    qCInfo(lcImport) << "import run" << runId << "ended:" << outcome.message;
    m_events.importFinished(runId, outcome);
    if (status == ImportOutcome::Status::Cancelled)
        return ItemOutcome::skipped(outcome.message);
    return ItemOutcome::succeeded(message);
}

void ImportPageHandler::reportProgress(Attempt &attempt, const QString &waiting)
{
    if (!attempt.import || !attempt.import->checkpoint())
        return;
    const ImportCheckpoint checkpoint = attempt.checkpoint();
    ImportProgress progress;
    progress.phase = checkpoint.phase.isEmpty() ? kProducts : checkpoint.phase;
    progress.counts = checkpoint.counts;
    progress.done = written(checkpoint.counts);
    const qint64 total = attempt.session->overview ? attempt.session->overview->productTotal : 0;
    progress.total = std::max(total, progress.done);
    progress.waiting = waiting;
    if (waiting.isEmpty()) {
        try { // for the Sync jobs page; the checkpoint is what counts
            RunStore(attempt.handle.db()).setProgress(attempt.item.runId, progress.total, progress.done, 0);
        } catch (const WorkspaceError &error) {
            qCWarning(lcImport) << "run" << attempt.item.runId << "progress not saved:" << error.message();
        }
    }
    m_events.importProgress(attempt.item.runId, progress);
}

} // namespace storeloom
