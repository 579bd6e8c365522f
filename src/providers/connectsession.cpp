#include "connectsession.h"

#include "apikeyconnectsession.h"
#include "connectionstore.h"
#include "oauthconnectsession.h"
#include "secretstore.h"
#include "workspaceerror.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace storeloom {

ConnectSession *ConnectSession::create(const Provider &provider,
                                       const QHash<QString, QString> &fields, Workspace workspace,
                                       SecretStore &secrets, QObject *parent)
{
    if (const auto *oauth = dynamic_cast<const OAuthProvider *>(&provider))
        return new OAuthConnectSession(std::move(workspace), secrets, *oauth, fields, parent);
    if (const auto *keys = dynamic_cast<const ApiKeyProvider *>(&provider))
        return new ApiKeyConnectSession(std::move(workspace), secrets, *keys, fields, parent);
    return nullptr;
}

QHash<QString, QString> ConnectSession::fieldsOf(const QByteArray &suspended)
{
    QHash<QString, QString> fields;
    const QJsonObject saved =
        QJsonDocument::fromJson(suspended).object().value(QStringLiteral("fields")).toObject();
    for (auto it = saved.constBegin(); it != saved.constEnd(); ++it)
        fields.insert(it.key(), it.value().toString());
    return fields;
}

QString ConnectSession::goLive(const Workspace &workspace, SecretStore &secrets,
                               qint64 &connectionId, const ShopIdentity &shop,
                               const QStringList &scopes, const QByteArray &credentials)
{
    QString secretKey;
    try {
        const DbHandle handle = workspace.openHandle();
        ConnectionStore connections(handle.db());
        connectionId = connections.completeAuthorization(connectionId, shop.externalShopId,
                                                         shop.name, shop.domain, scopes);
        secretKey = connections.get(connectionId).secretKey;
    } catch (const WorkspaceError &error) {
        return error.message();
    }
    const qint64 id = connectionId;
    secrets.write(secretKey, credentials,
                  [this, workspace, id, name = shop.name](const SecretStore::Result &result) {
                      if (!result.ok()) {
                          // Live without its keys would be a lie: the keychain must be fixed.
                          const DbHandle handle = workspace.openHandle();
                          ConnectionStore(handle.db())
                              .setStatus(id, Connection::Status::Failed, result.message);
                          Q_EMIT failed(result.message);
                          return;
                      }
                      Q_EMIT connected(id, name);
                  });
    return {};
}

} // namespace storeloom
