#include "oauthconnectsession.h"

#include "connectionstore.h"
#include "credentials.h"
#include "secretstore.h"
#include "workspaceerror.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace storeloom {

Q_LOGGING_CATEGORY(lcConnect, "storeloom.connect", QtInfoMsg)

OAuthConnectSession::OAuthConnectSession(Workspace workspace, SecretStore &secrets,
                                         const OAuthProvider &provider,
                                         OAuthProvider::Fields fields, QObject *parent)
    : ConnectSession(parent), m_workspace(std::move(workspace)), m_secrets(secrets),
      m_provider(provider), m_fields(std::move(fields)),
      m_flow(new OAuthFlow(provider.oauthSettings(m_fields), &m_network, this))
{
    connect(m_flow, &OAuthFlow::authorizationUrlReady, this,
            &OAuthConnectSession::authorizationUrlReady);
    connect(m_flow, &OAuthFlow::granted, this, &OAuthConnectSession::onGranted);
    connect(m_flow, &OAuthFlow::failed, this,
            [this](const OAuthError &error) { giveUp(error.message); });
}

void OAuthConnectSession::start()
{
    Connection pending;
    pending.provider = m_provider.id();
    pending.name = m_provider.displayName();
    {
        const DbHandle handle = m_workspace.openHandle();
        // The shop is known only once the platform names it: a placeholder
        // waits, and merges into the shop's connection if there is one.
        m_connectionId = ConnectionStore(handle.db()).beginAuthorization(pending);
    }
    qCInfo(lcConnect) << "authorizing" << m_provider.id() << "as connection" << m_connectionId;
    m_flow->start();
}

QByteArray OAuthConnectSession::suspend() const
{
    const OAuthFlow::PendingAttempt attempt = m_flow->pendingAttempt();
    if (attempt.state.isEmpty())
        return {};
    QJsonObject fields;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it)
        fields.insert(it.key(), it.value());
    return QJsonDocument(QJsonObject{
                             {QStringLiteral("connection"), m_connectionId},
                             {QStringLiteral("provider"), m_provider.id()},
                             {QStringLiteral("state"), attempt.state},
                             {QStringLiteral("verifier"), QString::fromLatin1(attempt.codeVerifier)},
                             {QStringLiteral("redirect"), attempt.redirectUri.toString()},
                             {QStringLiteral("fields"), fields},
                         })
        .toJson(QJsonDocument::Compact);
}

bool OAuthConnectSession::resume(const QByteArray &suspended)
{
    const QJsonObject saved = QJsonDocument::fromJson(suspended).object();
    const qint64 id = saved.value(QStringLiteral("connection")).toInteger();
    if (saved.value(QStringLiteral("provider")).toString() != m_provider.id() || id <= 0)
        return false;
    {
        // The placeholder must still be waiting: a sign-in finished or
        // cancelled since cannot be finished again.
        const DbHandle handle = m_workspace.openHandle();
        const auto connection = ConnectionStore(handle.db()).find(id);
        if (!connection || connection->status != Connection::Status::Authorizing)
            return false;
    }
    m_connectionId = id;
    m_flow->resumeAttempt({saved.value(QStringLiteral("state")).toString(),
                           saved.value(QStringLiteral("verifier")).toString().toLatin1(),
                           QUrl(saved.value(QStringLiteral("redirect")).toString())});
    return true;
}

void OAuthConnectSession::onGranted(const OAuthTokens &tokens)
{
    m_provider.identifyShop(tokens, m_fields, &m_network,
                            [this, tokens](const ShopIdentity &shop, const QString &error) {
                                if (!error.isEmpty())
                                    giveUp(error);
                                else
                                    onIdentified(tokens, shop);
                            });
}

void OAuthConnectSession::onIdentified(const OAuthTokens &tokens, const ShopIdentity &shop)
{
    // From here the keychain holds the tokens; this flow must not refresh
    // them on its own (a rotation nobody stores would strand the connection).
    m_flow->setTokens({});
    const QString refused = goLive(m_workspace, m_secrets, m_connectionId, shop,
                                   tokens.grantedScopes, Credentials{tokens, m_fields}.encode());
    if (!refused.isEmpty()) {
        giveUp(refused);
        return;
    }
    m_finished = true;
    qCInfo(lcConnect) << "connection" << m_connectionId << "authorized";
}

void OAuthConnectSession::giveUp(const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    try {
        const DbHandle handle = m_workspace.openHandle();
        ConnectionStore connections(handle.db());
        const auto connection = connections.find(m_connectionId);
        // A placeholder never named a shop: nothing of it should remain.
        if (connection && connection->externalShopId.startsWith(QLatin1String("pending/")))
            connections.remove(m_connectionId);
    } catch (const WorkspaceError &error) {
        qCWarning(lcConnect) << "could not clean up connection" << m_connectionId << ":"
                             << error.message();
    }
    Q_EMIT failed(message);
}

} // namespace storeloom
