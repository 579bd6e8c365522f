#pragma once

#include "catalogsource.h"

#include <QDialog>
#include <QElapsedTimer>

class QLabel;
class QProgressBar;
class QPushButton;

namespace storeloom {

// What an import is doing while it runs: a progress bar over the store's
// products, the counts so far (new, updated, unchanged, in conflict), the
// rate and the time left, what it is waiting for, and Cancel — which stops
// after the page being written; importing again continues from there.
// Afterwards it says how it ended and Cancel becomes Close.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(const QString &storeName, QWidget *parent = nullptr);

    bool isFinished() const { return m_finished; }

public Q_SLOTS:
    void showProgress(const storeloom::ImportProgress &progress);
    void showOutcome(const storeloom::ImportOutcome &outcome);

Q_SIGNALS:
    void cancelRequested();

protected:
    void reject() override;

private:
    QLabel *m_title = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_rate = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_button = nullptr;
    QElapsedTimer m_clock;
    qint64 m_firstDone = -1; // products already in when this dialog first heard (a resumed import)
    bool m_finished = false;
    bool m_cancelling = false;
};

} // namespace storeloom
