#pragma once

#include "connection.h"
#include "credentials.h"
#include "oauthflow.h"
#include "oauthprovider.h"
#include "workspace.h"

#include <QNetworkAccessManager>
#include <QObject>

namespace storeloom {

class SecretStore;

// Keeps one live connection's OAuth tokens usable: loads them from the
// keychain, lets the flow refresh them before they expire (and once on a
// 401), writes every rotated refresh token back to the keychain at once (the
// old one may already be dead), and keeps the connection's status honest —
// Expiring while refreshing keeps failing, Failed with the platform's reason
// when the grant is gone (the merchant must reconnect), Live again after a
// good refresh.
class ConnectionTokens : public QObject
{
    Q_OBJECT

public:
    ConnectionTokens(Workspace workspace, SecretStore &secrets, const OAuthProvider &provider,
                     qint64 connectionId, QObject *parent = nullptr);

    void load();
    OAuthFlow *flow() const { return m_flow; }
    QString accessToken() const { return m_flow ? m_flow->tokens().accessToken : QString(); }
    // True when the tokens can be renewed without the merchant (a refresh
    // token, or the app's own credentials).
    bool renewsItself() const;
    // What the merchant typed to connect (e.g. the app's keys), once loaded.
    QHash<QString, QString> fields() const { return m_fields; }

Q_SIGNALS:
    void ready();
    void refreshed(); // the rotated tokens are in the keychain
    void failed(const QString &message);

private:
    void start(const Credentials &credentials);
    void persist(const OAuthTokens &tokens);
    void onFlowFailed(const OAuthError &error);
    void setStatus(Connection::Status status, const QString &reason);

    Workspace m_workspace;
    SecretStore &m_secrets;
    const OAuthProvider &m_provider;
    qint64 m_connectionId;
    QString m_secretKey;
    QHash<QString, QString> m_fields;
    QNetworkAccessManager m_network;
    OAuthFlow *m_flow = nullptr;
};

} // namespace storeloom
