#include "importdialog.h"

#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace storeloom {

namespace {

QLabel *label(const QString &objectName, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(objectName);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    return l;
}

QString timeLeft(qint64 seconds)
{
    if (seconds < 60)
        return ImportDialog::tr("less than a minute left");
    if (seconds < 3600)
        return ImportDialog::tr("about %n minute(s) left", nullptr, int((seconds + 30) / 60));
    return ImportDialog::tr("about %n hour(s) left", nullptr, int((seconds + 1800) / 3600));
}

} // namespace

ImportDialog::ImportDialog(const QString &storeName, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import %1").arg(storeName));
    m_title = label(QStringLiteral("importTitle"), this);
    m_title->setText(tr("Importing the catalog of %1…").arg(storeName));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("importProgress"));
    m_bar->setRange(0, 0); // busy until the store says how many products it has
    m_counts = label(QStringLiteral("importCounts"), this);
    m_rate = label(QStringLiteral("importRate"), this);
    m_note = label(QStringLiteral("importNote"), this);
    m_note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_result = label(QStringLiteral("importResult"), this);
    m_result->hide();
    m_button = new QPushButton(tr("Cancel"), this);
    m_button->setObjectName(QStringLiteral("importCancel"));
    m_button->setToolTip(tr("Stop after the page being written; importing again continues "
                            "from there."));
    connect(m_button, &QPushButton::clicked, this, &ImportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_bar);
    layout->addWidget(m_counts);
    layout->addWidget(m_rate);
    layout->addWidget(m_note);
    layout->addWidget(m_result);
    layout->addStretch();
    layout->addWidget(m_button, 0, Qt::AlignRight);
    resize(460, 220);
    m_clock.start();
}

void ImportDialog::showProgress(const ImportProgress &progress)
{
    if (m_finished)
        return;
    if (m_firstDone < 0)
        m_firstDone = progress.done;
    const QLocale locale;
    if (progress.total > 0) {
        // QProgressBar counts in int: scale large catalogs down.
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(1000 * progress.done / progress.total));
        m_bar->setFormat(tr("%1 of %2 products")
                             .arg(locale.toString(progress.done), locale.toString(progress.total)));
    }
    const ImportCounts &c = progress.counts;
    m_counts->setText(tr("%1 new · %2 updated · %3 unchanged · %4 in conflict")
                          .arg(locale.toString(c.created), locale.toString(c.updated),
                               locale.toString(c.unchanged), locale.toString(c.conflicts)));
    const double seconds = m_clock.elapsed() / 1000.0;
    const qint64 doneHere = progress.done - m_firstDone;
    if (seconds > 1 && doneHere > 0) {
        const double rate = doneHere / seconds;
        QString text = tr("%1 products a second").arg(locale.toString(rate, 'f', rate < 10 ? 1 : 0));
        if (progress.total > progress.done)
            text += QStringLiteral(" · ") + timeLeft(qint64((progress.total - progress.done) / rate));
        m_rate->setText(text);
    }
    m_note->setText(progress.waiting.isEmpty()
                        ? tr("Working on: %1").arg(progress.phase)
                        : tr("Waiting: %1").arg(progress.waiting));
}

void ImportDialog::showOutcome(const ImportOutcome &outcome)
{
    m_finished = true;
    using Status = ImportOutcome::Status;
    m_title->setText(outcome.status == Status::Succeeded   ? tr("Import finished")
                     : outcome.status == Status::Cancelled ? tr("Import stopped")
                                                           : tr("Import did not complete"));
    if (outcome.status == Status::Succeeded) {
        m_bar->setRange(0, 1);
        m_bar->setValue(1);
    }
    m_result->setText(outcome.status == Status::Failed
                          ? tr("%1\nImporting again continues where it stopped.").arg(outcome.message)
                          : outcome.message);
    m_result->setStyleSheet(outcome.status == Status::Failed ? QStringLiteral("color: #b3261e;")
                                                             : QString());
    m_result->show();
    m_note->clear();
    m_button->setText(tr("Close"));
    m_button->setToolTip(QString());
    m_button->setEnabled(true);
}

void ImportDialog::reject()
{
    if (m_finished) {
        QDialog::reject();
        return;
    }
    if (!m_cancelling) {
        m_cancelling = true;
        m_button->setEnabled(false);
        m_note->setText(tr("Stopping after the page being written…"));
        Q_EMIT cancelRequested();
    }
}

} // namespace storeloom
