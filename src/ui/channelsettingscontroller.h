#pragma once

#include "publishingprovider.h"

#include <QObject>
#include <QPointer>

class QMessageBox;
class QWidget;

namespace storeloom {

class ChannelSettingsBackend;
class ChannelSettingsDialog;

// "Channel settings…" for one connection: opens the settings dialog with
// what is stored, asks the shop for its choices (the dialog says it is
// loading meanwhile, and Retry asks again), and stores the settings on Save —
// a refusal is shown in the dialog, which stays open. One dialog at a time;
// it is window-modal and deletes itself when closed.
class ChannelSettingsController : public QObject
{
    Q_OBJECT

public:
    explicit ChannelSettingsController(ChannelSettingsBackend &backend, QObject *parent = nullptr);

    // Over `window`. While a dialog is open, brings it to the front instead.
    void open(qint64 connectionId, QWidget *window);

    // For tests (nullptr when not open).
    ChannelSettingsDialog *dialog() const;
    QMessageBox *errorBox() const;

Q_SIGNALS:
    void settingsSaved(qint64 connectionId);

private:
    void showChoices(qint64 connectionId, const storeloom::ChannelChoices &choices,
                     const QString &error);
    void showError(QWidget *window, const QString &text, const QString &details);

    ChannelSettingsBackend &m_backend;
    qint64 m_connectionId = 0;
    QPointer<ChannelSettingsDialog> m_dialog;
    QPointer<QMessageBox> m_error;
};

} // namespace storeloom
