#include "importjob.h"

#include "connectionaccess.h"
#include "importservice.h"
#include "workspaceerror.h"

namespace storeloom {

ImportJob::ImportJob(ImportService &service, qint64 connectionId, ImportOptions options,
                     QObject *parent)
    : CatalogImportJob(parent), m_service(service), m_connectionId(connectionId),
      m_options(std::move(options))
{}

void ImportJob::start()
{
    if (ConnectionAccess *access = m_service.access()) {
        connect(access, &ConnectionAccess::changed, this, [this](qint64 id) {
            if (id == m_connectionId && m_waitingForSignIn)
                launchWhenReady();
        });
    }
    launchWhenReady();
}

void ImportJob::launchWhenReady()
{
    if (m_finished || m_runId > 0)
        return;
    QString why;
    switch (m_service.prepare(m_connectionId, &why)) {
    case ImportService::Readiness::Ready:
        m_waitingForSignIn = false;
        launch();
        return;
    case ImportService::Readiness::Loading:
        m_waitingForSignIn = true;
        return;
    case ImportService::Readiness::Refused:
        failBeforeStart(why);
        return;
    }
}

void ImportJob::launch()
{
    if (m_cancelled) {
        failBeforeStart(tr("Import cancelled before it started."));
        return;
    }
    try {
        const ImportRuns::Started started = m_service.start(m_connectionId, m_options);
        m_runId = started.runId;
        m_resumed = started.resumed;
    } catch (const WorkspaceError &error) {
        failBeforeStart(error.message());
        return;
    }
    // The service's signals come queued from its workers: none is missed.
    connect(&m_service, &ImportService::progressed, this,
            [this](qint64 runId, const ImportProgress &progress) {
                if (runId == m_runId && !m_finished)
                    Q_EMIT this->progress(progress);
            });
    connect(&m_service, &ImportService::ended, this,
            [this](qint64 runId, const ImportOutcome &outcome) {
                if (runId == m_runId)
                    finish(outcome);
            });
    m_watch.setInterval(1000);
    connect(&m_watch, &QTimer::timeout, this, &ImportJob::watchRun);
    m_watch.start();
}

// Seen ended twice in a row: the handler's own word, queued, would have come.
void ImportJob::watchRun()
{
    std::optional<ImportOutcome> ended;
    try {
        ended = m_service.endedRun(m_runId);
    } catch (const WorkspaceError &) {
        return; // the workspace is busy: next time
    }
    if (!ended) {
        m_seenEnded = false;
        return;
    }
    if (std::exchange(m_seenEnded, true))
        finish(*ended);
}

void ImportJob::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_runId > 0)
        m_service.cancel(m_runId);
    else
        failBeforeStart(tr("Import cancelled before it started."));
}

void ImportJob::failBeforeStart(const QString &message)
{
    ImportOutcome outcome;
    outcome.status = m_cancelled ? ImportOutcome::Status::Cancelled : ImportOutcome::Status::Failed;
    outcome.message = message;
    finish(outcome);
}

void ImportJob::finish(ImportOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_watch.stop();
    outcome.resumed = outcome.resumed || m_resumed;
    disconnect(&m_service, nullptr, this, nullptr);
    if (ConnectionAccess *access = m_service.access())
        disconnect(access, nullptr, this, nullptr);
    Q_EMIT finished(outcome);
}

} // namespace storeloom
