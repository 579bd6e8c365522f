#pragma once

#include "workspace.h"

#include <QObject>
#include <QPointer>

namespace storeloom {

class AddConnectorDialog;
class ConnectSession;
class ProviderRegistry;
class SecretStore;

// Drives the Add connector dialog: when the merchant asks to connect, it
// runs the platform's connect session and tells the dialog what happens
// (the address to open, success, or why not). One attempt at a time.
class ConnectController : public QObject
{
    Q_OBJECT

public:
    ConnectController(Workspace workspace, const ProviderRegistry &providers, SecretStore &secrets,
                      QObject *parent = nullptr);

    // Shows the dialog over `parent`; returns it so tests can drive it.
    AddConnectorDialog *open(QWidget *parent);
    // The dialog for signing in to connection `connectionId`'s store again:
    // its platform chosen, the form filled with what the keychain kept of it
    // except the secrets, which the merchant types again.
    AddConnectorDialog *reconnect(qint64 connectionId, QWidget *parent);

Q_SIGNALS:
    void connectionsChanged();

private:
    void connectRequested(const QString &providerId, const QHash<QString, QString> &values);

    Workspace m_workspace;
    const ProviderRegistry &m_providers;
    SecretStore &m_secrets;
    QPointer<AddConnectorDialog> m_dialog;
    QPointer<ConnectSession> m_session;
};

} // namespace storeloom
