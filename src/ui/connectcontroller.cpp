#include "connectcontroller.h"

#include "addconnectordialog.h"
#include "connectsession.h"
#include "providerregistry.h"

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
