#include "connectiontokens.h"

#include "connectionstore.h"
#include "secretstore.h"
#include "workspaceerror.h"

#include <QLoggingCategory>

namespace storeloom {

Q_LOGGING_CATEGORY(lcTokens, "storeloom.tokens", QtInfoMsg)

ConnectionTokens::ConnectionTokens(Workspace workspace, SecretStore &secrets,
                                   const OAuthProvider &provider, qint64 connectionId,
                                   QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_secrets(secrets), m_provider(provider),
      m_connectionId(connectionId)
{}

void ConnectionTokens::load()
{
    {
        const DbHandle handle = m_workspace.openHandle();
        m_secretKey = ConnectionStore(handle.db()).get(m_connectionId).secretKey;
    }
    m_secrets.read(m_secretKey, [this](const SecretStore::Result &result) {
        const auto credentials = result.ok() ? Credentials::decode(result.secret) : std::nullopt;
        if (!credentials) {
            const QString why = result.ok() ? tr("The stored sign-in is unreadable; reconnect the "
                                                 "store.")
                                            : result.message;
            Q_EMIT failed(why);
            return;
        }
        start(*credentials);
    });
}

void ConnectionTokens::start(const Credentials &credentials)
{
    m_fields = credentials.fields;
    m_flow = new OAuthFlow(m_provider.oauthSettings(m_fields), &m_network, this);
    connect(m_flow, &OAuthFlow::tokensRefreshed, this, &ConnectionTokens::persist);
    connect(m_flow, &OAuthFlow::failed, this, &ConnectionTokens::onFlowFailed);
    m_flow->setTokens(credentials.tokens); // schedules the refresh from the expiry
    Q_EMIT ready();
}

bool ConnectionTokens::renewsItself() const
{
    return m_flow && (!m_flow->tokens().refreshToken.isEmpty() ||
                      m_provider.oauthSettings(m_fields).grant ==
                          OAuthSettings::Grant::ClientCredentials);
}

void ConnectionTokens::persist(const OAuthTokens &tokens)
{
    m_secrets.write(m_secretKey, Credentials{tokens, m_fields}.encode(),
                    [this](const SecretStore::Result &result) {
                        if (!result.ok()) {
                            // The platform may have retired the old token already.
                            setStatus(Connection::Status::Failed, result.message);
                            Q_EMIT failed(result.message);
                            return;
                        }
                        qCInfo(lcTokens) << "connection" << m_connectionId << "tokens refreshed";
                        setStatus(Connection::Status::Live, {});
                        Q_EMIT refreshed();
                    });
}

void ConnectionTokens::onFlowFailed(const OAuthError &error)
{
    if (error.kind == OAuthError::InvalidGrant) {
        setStatus(Connection::Status::Failed, error.message);
        Q_EMIT failed(error.message);
        return;
    }
    // The platform could not be reached or answered badly: the tokens may
    // still work for a while, and the flow tries again.
    setStatus(Connection::Status::Expiring, error.message);
}

void ConnectionTokens::setStatus(Connection::Status status, const QString &reason)
{
    try {
        const DbHandle handle = m_workspace.openHandle();
        ConnectionStore connections(handle.db());
        const Connection connection = connections.get(m_connectionId);
        if (connection.status != status || connection.statusReason != reason) {
            if (ConnectionStore::canMove(connection.status, status) || connection.status == status)
                connections.setStatus(m_connectionId, status, reason);
        }
        connections.markActive(m_connectionId);
    } catch (const WorkspaceError &error) {
        qCWarning(lcTokens) << "connection" << m_connectionId << ":" << error.message();
    }
}

} // namespace storeloom
