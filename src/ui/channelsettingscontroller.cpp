#include "channelsettingscontroller.h"

#include "channelsettingsbackend.h"
#include "channelsettingsdialog.h"
#include "uilogging.h"
#include "workspaceerror.h"

#include <QMessageBox>

namespace storeloom {

ChannelSettingsController::ChannelSettingsController(ChannelSettingsBackend &backend,
                                                     QObject *parent)
    : QObject(parent), m_backend(backend)
{
    connect(&backend, &ChannelSettingsBackend::choicesLoaded, this,
            &ChannelSettingsController::showChoices);
}

ChannelSettingsDialog *ChannelSettingsController::dialog() const
{
    return m_dialog;
}
QMessageBox *ChannelSettingsController::errorBox() const
{
    return m_error;
}

void ChannelSettingsController::open(qint64 connectionId, QWidget *window)
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    const QList<ChannelSettingField> fields = m_backend.settingFields(connectionId);
    if (fields.isEmpty()) {
        showError(window, tr("This connection has no channel settings."),
                  tr("Only stores on a platform Storeloom publishes to have them."));
        return;
    }
    QJsonObject current;
    try {
        current = m_backend.settings(connectionId);
    } catch (const WorkspaceError &error) {
        showError(window, tr("The channel settings could not be read."), error.message());
        return;
    }

    m_connectionId = connectionId;
    m_dialog =
        new ChannelSettingsDialog(m_backend.connectionName(connectionId), fields, current, window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setSaveHandler([this, connectionId](const QJsonObject &settings) {
        try {
            m_backend.saveSettings(connectionId, settings);
        } catch (const WorkspaceError &error) {
            qCWarning(lcUi).noquote()
                << "channel settings of" << connectionId << "not saved:" << error.message();
            return error.message();
        }
        qCInfo(lcUi) << "channel settings of connection" << connectionId << "saved";
        Q_EMIT settingsSaved(connectionId);
        return QString();
    });
    connect(m_dialog, &ChannelSettingsDialog::retryRequested, this,
            [this, connectionId] { m_backend.loadChoices(connectionId); });
    m_dialog->open();
    // After the dialog exists: the backend may answer before loadChoices returns.
    m_backend.loadChoices(connectionId);
}

void ChannelSettingsController::showChoices(qint64 connectionId, const ChannelChoices &choices,
                                            const QString &error)
{
    // Only the answer the open dialog waits for; Retry is offered only once
    // an answer is in, so at most one is outstanding.
    if (!m_dialog || connectionId != m_connectionId || !m_dialog->isLoading())
        return;
    // No answer at all (the connection is gone or no longer publishes) is
    // still a failure the merchant should see and may retry.
    const QString problem = error.isEmpty() && choices.isEmpty()
                                ? tr("The shop did not answer with any choices.")
                                : error;
    if (!problem.isEmpty())
        qCWarning(lcUi).noquote() << "channel choices of" << connectionId
                                  << "not loaded:" << problem;
    m_dialog->setChoices(choices, problem);
}

void ChannelSettingsController::showError(QWidget *window, const QString &text,
                                          const QString &details)
{
    qCWarning(lcUi).noquote() << "channel settings:" << text << details;
    m_error = new QMessageBox(QMessageBox::Warning, tr("Channel settings"), text, QMessageBox::Ok,
                              window);
    m_error->setObjectName(QStringLiteral("channelSettingsError"));
    m_error->setAttribute(Qt::WA_DeleteOnClose);
    m_error->setWindowModality(Qt::WindowModal);
    m_error->setInformativeText(details);
    m_error->open();
}

} // namespace storeloom
