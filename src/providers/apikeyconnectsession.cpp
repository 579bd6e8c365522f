#include "apikeyconnectsession.h"

#include "connectionstore.h"
#include "credentials.h"
#include "secretstore.h"
#include "workspaceerror.h"

namespace storeloom {

ApiKeyConnectSession::ApiKeyConnectSession(Workspace workspace, SecretStore &secrets,
                                           const ApiKeyProvider &provider,
                                           QHash<QString, QString> fields, QObject *parent)
    : ConnectSession(parent), m_workspace(std::move(workspace)), m_secrets(secrets),
      m_provider(provider), m_fields(std::move(fields))
{}

void ApiKeyConnectSession::start()
{
    Connection connection;
    connection.provider = m_provider.id();
    connection.externalShopId = m_provider.externalShopId(m_fields);
    connection.name = QUrl(connection.externalShopId).host();
    connection.domain = connection.name;
    try {
        const DbHandle handle = m_workspace.openHandle();
        ConnectionStore connections(handle.db());
        const QList<Connection> existing = connections.list();
        m_existed = std::any_of(existing.cbegin(), existing.cend(), [&](const Connection &c) {
            return c.provider == connection.provider &&
                   c.externalShopId == connection.externalShopId;
        });
        m_connectionId = connections.beginAuthorization(connection);
    } catch (const WorkspaceError &error) {
        m_finished = true;
        Q_EMIT failed(error.message());
        return;
    }
    m_provider.verify(m_fields, &m_network, [this](const ShopIdentity &shop, const QString &error) {
        if (m_finished)
            return;
        if (!error.isEmpty())
            giveUp(error);
        else
            onVerified(shop);
    });
}

void ApiKeyConnectSession::cancel()
{
    giveUp(tr("Connecting the store was cancelled."));
}

void ApiKeyConnectSession::onVerified(const ShopIdentity &shop)
{
    const QString refused = goLive(m_workspace, m_secrets, m_connectionId, shop, {},
                                   Credentials{{}, m_fields}.encode());
    if (!refused.isEmpty()) {
        giveUp(refused);
        return;
    }
    m_finished = true;
}

void ApiKeyConnectSession::giveUp(const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    try {
        const DbHandle handle = m_workspace.openHandle();
        ConnectionStore connections(handle.db());
        if (m_existed)
            connections.setStatus(m_connectionId, Connection::Status::Failed, message);
        else
            connections.remove(m_connectionId);
    } catch (const WorkspaceError &error) {
        qWarning("could not clean up after a refused connection: %s", qPrintable(error.message()));
    }
    Q_EMIT failed(message);
}

} // namespace storeloom
