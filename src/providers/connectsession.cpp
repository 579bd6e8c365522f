#include "connectsession.h"

#include "apikeyconnectsession.h"
#include "oauthconnectsession.h"

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

} // namespace storeloom
