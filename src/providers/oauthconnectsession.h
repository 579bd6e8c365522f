#pragma once

#include "connection.h"
#include "connectsession.h"
#include "oauthflow.h"
#include "oauthprovider.h"
#include "workspace.h"

#include <QNetworkAccessManager>

namespace storeloom {

class SecretStore;

// Connects a store through OAuth from start to Live: the connection waits
// as Authorizing while the merchant is in the browser; the grant's tokens go
// to the keychain (never the workspace) under the connection's key, and the
// platform names the shop — connecting a shop that is already connected
// re-authorizes that connection instead of adding one. Cancelling or failing
// leaves no half-made connection behind.
class OAuthConnectSession : public ConnectSession
{
    Q_OBJECT

public:
    OAuthConnectSession(Workspace workspace, SecretStore &secrets, const OAuthProvider &provider,
                        OAuthProvider::Fields fields, QObject *parent = nullptr);

    OAuthFlow &flow() { return *m_flow; }
    qint64 connectionId() const { return m_connectionId; }

    void start() override;
    bool completeWithRedirectUrl(const QUrl &pasted) override
    {
        return m_flow->completeWithRedirectUrl(pasted);
    }
    void cancel() override { m_flow->cancel(); }
    void setOpensBrowser(bool opens) override { m_flow->setOpensBrowser(opens); }
    QByteArray suspend() const override;
    bool resume(const QByteArray &suspended) override;

private:
    void onGranted(const OAuthTokens &tokens);
    void onIdentified(const OAuthTokens &tokens, const ShopIdentity &shop);
    void giveUp(const QString &message);

    Workspace m_workspace;
    SecretStore &m_secrets;
    const OAuthProvider &m_provider;
    OAuthProvider::Fields m_fields;
    QNetworkAccessManager m_network;
    OAuthFlow *m_flow = nullptr;
    qint64 m_connectionId = 0;
    bool m_finished = false;
};

} // namespace storeloom
