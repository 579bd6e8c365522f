#include "rundetailview.h"

#include "publishruns.h"
#include "rundetailcsv.h"
#include "rundetailmodel.h"
#include "uilogging.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace storeloom {

namespace {

// What each filter matches in RunDetailModel::StateNameRole.
QString filterPattern(RunDetailView::Filter filter)
{
    switch (filter) {
    case RunDetailView::Filter::All:
        return {};
    case RunDetailView::Filter::Failed:
        return QStringLiteral("^(failed|dead)$");
    case RunDetailView::Filter::InProgress:
        return QStringLiteral("^(pending|running)$");
    case RunDetailView::Filter::Done:
        return QStringLiteral("^succeeded$");
    case RunDetailView::Filter::Skipped:
        return QStringLiteral("^skipped$");
    case RunDetailView::Filter::Cancelled:
        return QStringLiteral("^cancelled$");
    }
    return {};
}

} // namespace

RunDetailView::RunDetailView(RunDetailModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_filtered(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("runDetail"));
    // Filtering only, never sorting: a sorted proxy re-sorting on every
    // progress tick is what makes big runs crawl.
    m_filtered->setObjectName(QStringLiteral("runDetailFilterModel"));
    m_filtered->setSourceModel(model);
    m_filtered->setFilterRole(RunDetailModel::StateNameRole);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("runDetailTable"));
    m_table->setModel(m_filtered);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const int em = m_table->fontMetrics().averageCharWidth();
    const int widths[RunDetailModel::ColumnCount - 1] = {30 * em, 14 * em, 12 * em,
                                                         30 * em, 16 * em, 8 * em};
    for (int column = 0; column < RunDetailModel::ColumnCount - 1; ++column)
        m_table->setColumnWidth(column, widths[column]);
    m_table->installEventFilter(this);
    connect(m_table, &QTableView::clicked, this, &RunDetailView::openListing);

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("runDetailPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_states = new QStackedWidget(this);
    m_states->addWidget(m_placeholder);
    m_states->addWidget(m_table);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createBar());
    layout->addWidget(m_states, 1);

    connect(m_filtered, &QAbstractItemModel::modelReset, this, &RunDetailView::updateState);
    connect(m_filtered, &QAbstractItemModel::rowsInserted, this, &RunDetailView::updateState);
    connect(m_filtered, &QAbstractItemModel::rowsRemoved, this, &RunDetailView::updateState);
    connect(model, &RunDetailModel::loaded, this, &RunDetailView::updateState);
    connect(model, &QAbstractItemModel::dataChanged, this, &RunDetailView::updateState);
    updateState();
}

QWidget *RunDetailView::createBar()
{
    auto *bar = new QWidget(this);
    m_caption = new QLabel(bar);
    m_caption->setObjectName(QStringLiteral("runDetailCaption"));
    QFont font = m_caption->font();
    font.setBold(true);
    m_caption->setFont(font);

    m_filter = new QComboBox(bar);
    m_filter->setObjectName(QStringLiteral("runDetailFilter"));
    m_filter->setAccessibleName(tr("Show products"));
    m_filter->addItems({tr("All products"), tr("Failed"), tr("In progress"), tr("Done"),
                        tr("Skipped"), tr("Cancelled")});
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_filtered->setFilterRegularExpression(QRegularExpression(filterPattern(Filter(index))));
        updateState();
    });

    m_retry = new QPushButton(tr("Retry failed"), bar);
    m_retry->setObjectName(QStringLiteral("retryFailedButton"));
    m_retry->setToolTip(tr("Give the products that failed another go."));
    connect(m_retry, &QPushButton::clicked, this,
            [this] { Q_EMIT retryFailedRequested(m_model->runId()); });
    m_cancel = new QPushButton(tr("Cancel run…"), bar);
    m_cancel->setObjectName(QStringLiteral("cancelRunButton"));
    connect(m_cancel, &QPushButton::clicked, this, &RunDetailView::confirmCancel);
    m_export = new QPushButton(tr("Export CSV…"), bar);
    m_export->setObjectName(QStringLiteral("exportCsvButton"));
    connect(m_export, &QPushButton::clicked, this, &RunDetailView::chooseExportFile);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addStretch();
    layout->addWidget(m_filter);
    layout->addWidget(m_retry);
    layout->addWidget(m_cancel);
    layout->addWidget(m_export);
    return bar;
}

void RunDetailView::setCaption(const QString &caption)
{
    m_caption->setText(caption);
}

void RunDetailView::setFilter(Filter filter)
{
    m_filter->setCurrentIndex(int(filter));
}

RunDetailView::Filter RunDetailView::filter() const
{
    return Filter(m_filter->currentIndex());
}

void RunDetailView::updateState()
{
    const std::optional<SyncRun> run = m_model->run();
    const bool running = run && run->status == SyncRun::Status::Running;
    // Failed items of a cancelled run cannot be replayed; only publish runs
    // know how to send their products again.
    m_retry->setEnabled(run && run->kind == PublishRuns::kind() &&
                        run->status != SyncRun::Status::Cancelled &&
                        (run->failed > 0 || m_model->hasFailedItems()));
    m_cancel->setEnabled(running);
    m_export->setEnabled(m_model->rowCount() > 0);
    m_filter->setEnabled(m_model->rowCount() > 0);

    if (m_filtered->rowCount() > 0) {
        m_states->setCurrentWidget(m_table);
        return;
    }
    if (m_model->runId() <= 0)
        m_placeholder->setText(tr("Select a run to see its products."));
    else if (!run)
        m_placeholder->setText(m_model->hasLoaded() ? tr("This run is gone.") : tr("Loading…"));
    else if (m_model->rowCount() > 0)
        m_placeholder->setText(tr("No products match this filter."));
    else
        m_placeholder->setText(tr("This run has nothing to do."));
    m_states->setCurrentWidget(m_placeholder);
}

void RunDetailView::openListing(const QModelIndex &index)
{
    if (index.column() != RunDetailModel::Listing)
        return;
    const QUrl url = index.data(RunDetailModel::UrlRole).toUrl();
    if (!url.isValid())
        return;
    qCDebug(lcUi) << "opening listing" << url;
    if (!QDesktopServices::openUrl(url))
        QMessageBox::warning(this, tr("Open listing"),
                             tr("No browser could open %1.").arg(url.toDisplayString()));
}

bool RunDetailView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) &&
            m_table->currentIndex().column() == RunDetailModel::Listing) {
            openListing(m_table->currentIndex());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RunDetailView::confirmCancel()
{
    const qint64 runId = m_model->runId();
    QMessageBox box(QMessageBox::Question, tr("Cancel run"),
                    tr("Cancel run %1? Products not sent yet stay as they are; those being "
                       "sent now finish.")
                        .arg(runId),
                    QMessageBox::Yes | QMessageBox::No, this);
    box.setObjectName(QStringLiteral("cancelRunConfirmation"));
    box.setDefaultButton(QMessageBox::No);
    box.button(QMessageBox::Yes)->setText(tr("Cancel run"));
    box.button(QMessageBox::No)->setText(tr("Keep running"));
    if (box.exec() == QMessageBox::Yes && m_model->runId() == runId)
        Q_EMIT cancelRequested(runId);
}

void RunDetailView::chooseExportFile()
{
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(QStringLiteral("storeloom-run-%1.csv").arg(m_model->runId()));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export CSV"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(
            this, tr("Export CSV"),
            tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), error));
}

bool RunDetailView::exportCsv(const QString &path, QString *error) const
{
    return RunDetailCsv::write(m_model->rows(), path, error);
}

} // namespace storeloom
