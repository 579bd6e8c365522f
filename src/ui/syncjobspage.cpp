#include "syncjobspage.h"

#include "progresscoalescer.h"
#include "progressdelegate.h"
#include "publishruns.h"
#include "rundetailmodel.h"
#include "rundetailview.h"
#include "runstore.h"
#include "syncrunmodel.h"
#include "uilogging.h"
#include "workspaceerror.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QMetaMethod>
#include <QPointer>
#include <QSplitter>
#include <QTableView>
#include <QThreadPool>
#include <exception>

namespace storeloom {

SyncJobsPage::SyncJobsPage(SyncRunModel *runs, QWidget *parent)
    : AreaPage(QStringLiteral("syncJobs"), tr("Sync jobs"), runs,
               tr("No sync jobs yet — publish products from the Catalog or import a store "
                  "from Connectors."),
               parent),
      m_runs(runs), m_detailModel(new RunDetailModel(runs->workspace(), this)),
      m_detail(new RunDetailView(m_detailModel, this)), m_coalescer(new ProgressCoalescer(this))
{
    m_detailModel->setObjectName(QStringLiteral("runDetailModel"));
    m_coalescer->setObjectName(QStringLiteral("syncJobsProgress"));
    m_splitter = addBottomPanel(m_detail);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    setUpTable();

    connect(m_coalescer, &ProgressCoalescer::runChanged, this, &SyncJobsPage::showRunChanged);
    connect(view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                showRun(current.isValid() ? current.data(SyncRunModel::IdRole).toLongLong() : 0);
            });
    // A reset clears the selection without a word; the run shown stays selected.
    connect(runs, &QAbstractItemModel::modelReset, this, [this] {
        const qint64 wanted = m_pendingSelection > 0 ? m_pendingSelection : m_detailModel->runId();
        if (wanted > 0)
            selectRun(wanted);
    });
    connect(runs, &WorkspaceModel::loaded, this, [this] {
        if (m_pendingSelection > 0)
            selectRun(m_pendingSelection);
        // Runs started elsewhere (storeloom-cli) send no notifications.
        const int row = m_runs->rowOf(m_detailModel->runId());
        if (row >= 0 && m_runs->runAt(row).status == SyncRun::Status::Running)
            m_detailModel->refresh();
        updateCaption();
        updateDetailVisibility();
    });
    connect(runs, &SyncRunModel::runRefreshed, this, [this](qint64 runId) {
        if (runId == m_detailModel->runId())
            updateCaption();
    });
    connect(runs, &QAbstractItemModel::rowsInserted, this, &SyncJobsPage::updateDetailVisibility);
    connect(runs, &QAbstractItemModel::rowsRemoved, this, &SyncJobsPage::updateDetailVisibility);
    connect(m_detail, &RunDetailView::retryFailedRequested, this, &SyncJobsPage::retryFailed);
    connect(m_detail, &RunDetailView::cancelRequested, this, &SyncJobsPage::cancel);
    updateDetailVisibility();
}

void SyncJobsPage::setUpTable()
{
    QTableView *table = view();
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setItemDelegateForColumn(SyncRunModel::Progress,
                                    new ProgressDelegate(SyncRunModel::ProgressRole, table));
    // The order the merchant reads a run in; the model keeps its column
    // numbers for the code that uses them.
    const SyncRunModel::Column order[SyncRunModel::ColumnCount] = {
        SyncRunModel::Id,       SyncRunModel::Kind,     SyncRunModel::Connection,
        SyncRunModel::Status,   SyncRunModel::Progress, SyncRunModel::Succeeded,
        SyncRunModel::Failed,   SyncRunModel::Skipped,  SyncRunModel::Remaining,
        SyncRunModel::Rate,     SyncRunModel::Eta,      SyncRunModel::Started,
        SyncRunModel::Duration, SyncRunModel::Finished};
    QHeaderView *header = table->horizontalHeader();
    for (int visual = 0; visual < SyncRunModel::ColumnCount; ++visual)
        header->moveSection(header->visualIndex(order[visual]), visual);
}

qint64 SyncJobsPage::selectedRunId() const
{
    return m_detailModel->runId();
}

void SyncJobsPage::selectRun(qint64 runId)
{
    const int row = m_runs->rowOf(runId);
    m_pendingSelection = row < 0 ? runId : 0;
    if (row >= 0)
        view()->setCurrentIndex(m_runs->index(row, SyncRunModel::Id));
}

void SyncJobsPage::refreshRun(qint64 runId)
{
    m_coalescer->notify(runId);
}

void SyncJobsPage::showRun(qint64 runId)
{
    m_detailModel->setRunId(runId);
    updateCaption();
}

void SyncJobsPage::showRunChanged(qint64 runId)
{
    m_runs->refreshRun(runId);
    if (runId == m_detailModel->runId())
        m_detailModel->refresh();
}

void SyncJobsPage::updateCaption()
{
    const int row = m_runs->rowOf(m_detailModel->runId());
    if (row < 0) {
        m_detail->setCaption({});
        return;
    }
    const SyncRun run = m_runs->runAt(row);
    QString caption = tr("%1 run %2").arg(SyncRunModel::kindText(run.kind)).arg(run.id);
    const QString connection = m_runs->connectionName(run.connectionId);
    if (!connection.isEmpty())
        caption += tr(" · %1").arg(connection);
    m_detail->setCaption(caption + tr(" · %1").arg(SyncRunModel::statusText(run.status)));
}

void SyncJobsPage::updateDetailVisibility()
{
    const bool show = m_runs->rowCount() > 0;
    if (show == !m_detail->isHidden())
        return;
    m_detail->setVisible(show);
    // A splitter leaves a child that was hidden when it was laid out at no height.
    const QList<int> sizes = m_splitter->sizes();
    if (show && sizes.size() == 2 && sizes.at(1) < m_detail->minimumSizeHint().height()) {
        const int total = sizes.at(0) + sizes.at(1);
        m_splitter->setSizes({total - total / 2, total / 2});
    }
}

void SyncJobsPage::retryFailed(qint64 runId)
{
    if (isSignalConnected(QMetaMethod::fromSignal(&SyncJobsPage::retryFailedRequested))) {
        Q_EMIT retryFailedRequested(runId);
        return;
    }
    runOnWorkspace(runId, [runId](const QSqlDatabase &db) {
        const int replayed = PublishRuns(db).retryFailed(runId);
        qCInfo(lcUi) << "run" << runId << ":" << replayed << "failed products to try again";
    });
}

void SyncJobsPage::cancel(qint64 runId)
{
    if (isSignalConnected(QMetaMethod::fromSignal(&SyncJobsPage::cancelRequested))) {
        Q_EMIT cancelRequested(runId);
        return;
    }
    runOnWorkspace(runId, [runId](const QSqlDatabase &db) { RunStore(db).cancel(runId); });
}

void SyncJobsPage::runOnWorkspace(qint64 runId, std::function<void(const QSqlDatabase &db)> action)
{
    const QPointer<SyncJobsPage> self(this);
    QThreadPool::globalInstance()->start(
        [self, runId, action = std::move(action), workspace = m_runs->workspace()] {
            QString error;
            try {
                const DbHandle handle = workspace.openHandle();
                action(handle.db());
            } catch (const WorkspaceError &e) {
                error = e.message();
            } catch (const std::exception &e) {
                error = QString::fromLocal8Bit(e.what());
            }
            QCoreApplication *app = QCoreApplication::instance();
            if (!app)
                return;
            QMetaObject::invokeMethod(
                app,
                [self, runId, error] {
                    if (!self)
                        return;
                    if (!error.isEmpty()) {
                        qCWarning(lcUi).noquote() << "run" << runId << ":" << error;
                        Q_EMIT self->actionFailed(error);
                    }
                    self->refreshRun(runId);
                },
                Qt::QueuedConnection);
        });
}

} // namespace storeloom
