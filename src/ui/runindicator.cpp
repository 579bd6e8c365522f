#include "runindicator.h"

#include "displayformat.h"
#include "syncrunmodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace storeloom {

RunIndicator::RunIndicator(SyncRunModel *runs, QWidget *parent)
    : QWidget(parent), m_runs(runs), m_label(new QLabel(this)), m_bar(new QProgressBar(this))
{
    setObjectName(QStringLiteral("runIndicator"));
    m_bar->setObjectName(QStringLiteral("runProgress"));
    m_bar->setMaximumWidth(140);
    m_bar->setMaximumHeight(fontMetrics().height() + 2);
    m_bar->setTextVisible(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    connect(runs, &SyncRunModel::loaded, this, &RunIndicator::showSummary);
    connect(runs, &SyncRunModel::runRefreshed, this, &RunIndicator::showSummary);
    showSummary();
}

QString RunIndicator::text() const
{
    return m_label->text();
}

void RunIndicator::showSummary()
{
    int running = 0;
    qint64 done = 0;
    qint64 total = 0;
    for (int row = 0; row < m_runs->rowCount(); ++row) {
        const SyncRun run = m_runs->runAt(row);
        if (run.status != SyncRun::Status::Running)
            continue;
        ++running;
        done += SyncRunModel::done(run);
        total += run.total;
    }
    setVisible(running > 0);
    m_label->setText(running == 1 ? tr("1 job running") : tr("%1 jobs running").arg(running));
    m_bar->setRange(0, 1000);
    m_bar->setValue(total > 0 ? int(done * 1000 / total) : 0);
    m_bar->setToolTip(DisplayFormat::progress(done, total));
}

} // namespace storeloom
