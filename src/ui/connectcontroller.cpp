#include "connectcontroller.h"

#include "addconnectordialog.h"
#include "connectionstore.h"
#include "connectsession.h"
#include "credentials.h"
#include "providerregistry.h"
#include "secretstore.h"
#include "uilogging.h"
#include "workspaceerror.h"

namespace storeloom {

ConnectController::ConnectController(Workspace workspace, const ProviderRegistry &providers,
                                     SecretStore &secrets, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_providers(providers), m_secrets(secrets)
{}

AddConnectorDialog *ConnectController::open(QWidget *parent)
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    m_dialog = new AddConnectorDialog(m_providers, parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &AddConnectorDialog::connectRequested, this,
            &ConnectController::connectRequested);
    connect(m_dialog, &AddConnectorDialog::cancelRequested, this, [this] {
        if (m_session)
            m_session->cancel();
    });
    connect(m_dialog, &AddConnectorDialog::redirectPasted, this, [this](const QUrl &url) {
        if (m_session && !m_session->completeWithRedirectUrl(url))
            m_dialog->showPasteRefused();
    });
    m_dialog->show();
    return m_dialog;
}

AddConnectorDialog *ConnectController::reconnect(qint64 connectionId, QWidget *parent)
{
    AddConnectorDialog *dialog = open(parent);
    Connection connection;
    try {
        const DbHandle handle = m_workspace.openHandle();
        connection = ConnectionStore(handle.db()).get(connectionId);
    } catch (const WorkspaceError &error) {
        qCWarning(lcUi) << "reconnect: connection" << connectionId << ":" << error.message();
        return dialog;
    }
    const Provider *provider = m_providers.find(connection.provider);
    if (!provider || !dialog->startWith(provider->id()))
        return dialog;
    m_secrets.read(connection.secretKey, [dialog = QPointer(dialog), provider](
                                             const SecretStore::Result &result) {
        const auto credentials = result.ok() ? Credentials::decode(result.secret) : std::nullopt;
        if (!dialog || !credentials)
            return; // a Disconnected store has no keys left: the merchant types them
        QHash<QString, QString> known;
        for (const ConnectField &field : provider->connectFields()) {
            if (!field.secret && credentials->fields.contains(field.id))
                known.insert(field.id, credentials->fields.value(field.id));
        }
        dialog->prefill(known);
    });
    return dialog;
}

void ConnectController::connectRequested(const QString &providerId,
                                         const QHash<QString, QString> &values)
{
    const Provider *provider = m_providers.find(providerId);
    if (m_session)
        m_session->deleteLater();
    m_session = ConnectSession::create(*provider, values, m_workspace, m_secrets, this);
    if (!m_session) {
        m_dialog->showFailure(tr("This version of Storeloom cannot connect %1 stores yet.")
                                  .arg(provider->displayName()));
        return;
    }
    connect(m_session, &ConnectSession::authorizationUrlReady, m_dialog,
            &AddConnectorDialog::showAuthorizationUrl);
    connect(m_session, &ConnectSession::connected, this, [this](qint64, const QString &shopName) {
        if (m_dialog)
            m_dialog->showConnected(shopName);
        Q_EMIT connectionsChanged();
    });
    connect(m_session, &ConnectSession::failed, this, [this](const QString &message) {
        if (m_dialog)
            m_dialog->showFailure(message);
        Q_EMIT connectionsChanged();
    });
    m_session->start();
    Q_EMIT connectionsChanged(); // the connection now shows as Authorizing
}

} // namespace storeloom
