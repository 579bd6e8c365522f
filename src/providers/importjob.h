#pragma once

#include "catalogimportjob.h"

#include <QTimer>

namespace storeloom {

class ImportService;

// One import as the GUI and the CLI drive it: waits for the connection's
// sign-in, starts (or takes over) its run on the ImportService, and passes
// on that run's progress and ending — once.
class ImportJob : public CatalogImportJob
{
    Q_OBJECT

public:
    ImportJob(ImportService &service, qint64 connectionId, ImportOptions options,
              QObject *parent = nullptr);

    void start() override;
    void cancel() override;

private:
    void launchWhenReady();
    void launch();
    void failBeforeStart(const QString &message);
    void finish(ImportOutcome outcome);
    void watchRun();

    ImportService &m_service;
    qint64 m_connectionId;
    ImportOptions m_options;
    qint64 m_runId = 0;
    bool m_resumed = false;
    bool m_waitingForSignIn = false;
    bool m_cancelled = false;
    bool m_finished = false;
    QTimer m_watch;             // the run may end where no signal of ours tells
    bool m_seenEnded = false;
};

} // namespace storeloom
