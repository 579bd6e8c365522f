#pragma once

#include "areapage.h"

#include <QSqlDatabase>
#include <functional>

class QSplitter;

namespace storeloom {

class ProgressCoalescer;
class RunDetailModel;
class RunDetailView;
class SyncRunModel;

// The Sync jobs area: the runs, newest first, above the selected run's
// products. Progress notifications (refreshRun, from any thread) are
// coalesced to about ten repaints a second, each re-reading only the runs
// that moved.
//
// Retry failed and Cancel are requests (retryFailedRequested,
// cancelRequested) for whoever runs the work — the publish service. While
// nothing listens, the page asks the workspace directly, off the GUI thread
// (PublishRuns::retryFailed, RunStore::cancel), as storeloom-cli would.
class SyncJobsPage : public AreaPage
{
    Q_OBJECT

public:
    explicit SyncJobsPage(SyncRunModel *runs, QWidget *parent = nullptr);

    SyncRunModel *runs() const { return m_runs; }
    RunDetailModel *detailModel() const { return m_detailModel; }
    RunDetailView *detail() const { return m_detail; }
    ProgressCoalescer *coalescer() const { return m_coalescer; }

    qint64 selectedRunId() const;
    // Selects the run's row, once the list shows it.
    void selectRun(qint64 runId);

public Q_SLOTS:
    // Run `runId` moved. Thread-safe; cheap to call thousands of times a second.
    void refreshRun(qint64 runId);

Q_SIGNALS:
    void retryFailedRequested(qint64 runId);
    void cancelRequested(qint64 runId);
    // Asking the workspace directly failed (no one listened to a request).
    void actionFailed(const QString &message);

private:
    void setUpTable();
    void showRun(qint64 runId);
    void showRunChanged(qint64 runId);
    void updateCaption();
    void updateDetailVisibility();
    void retryFailed(qint64 runId);
    void cancel(qint64 runId);
    void runOnWorkspace(qint64 runId, std::function<void(const QSqlDatabase &db)> action);

    SyncRunModel *m_runs;
    RunDetailModel *m_detailModel;
    RunDetailView *m_detail;
    ProgressCoalescer *m_coalescer;
    QSplitter *m_splitter = nullptr;
    qint64 m_pendingSelection = 0; // asked for before the list showed it
};

} // namespace storeloom
