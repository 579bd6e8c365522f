#pragma once

#include "connection.h"
#include "credentials.h"
#include "oauthflow.h"
#include "oauthprovider.h"
#include "secretstore.h"
#include "workspace.h"

#include <QNetworkAccessManager>
#include <QObject>

namespace storeloom {

class WorkspaceLease;

// The one owner of a live connection's OAuth tokens in this process
// (ConnectionAccess keeps one per connection; publishing workers, imports and
// the views all go through it). It loads the tokens from the keychain, renews
// them before they expire and once on a 401, writes every rotated refresh
// token back to the keychain at once (the old one may already be dead), and
// keeps the connection's status honest — Expiring while renewing keeps
// failing, Failed with the platform's reason when the grant is gone (the
// merchant must reconnect), Live again after a good renewal.
//
// Other processes (the app, storeloom-cli runs) may own the same connection's
// tokens at the same time. So a renewal happens under the workspace lock
// "connection/<id>/tokens" and starts by reading the keychain again: when
// another process renewed meanwhile, its tokens are adopted and nothing is
// sent. A rotating refresh token is never spent twice.
class ConnectionTokens : public QObject
{
    Q_OBJECT

public:
    ConnectionTokens(Workspace workspace, SecretStore &secrets, const OAuthProvider &provider,
                     qint64 connectionId, QObject *parent = nullptr);
    ~ConnectionTokens() override;

    void load();
    // For reading state and tokens; renewals go through renew() and renewRejected().
    const OAuthFlow *flow() const { return m_flow; }
    QString accessToken() const { return m_flow ? m_flow->tokens().accessToken : QString(); }
    // True when the tokens can be renewed without the merchant (a refresh
    // token, or the app's own credentials).
    bool renewsItself() const;
    // What the merchant typed to connect (e.g. the app's keys), once loaded.
    QHash<QString, QString> fields() const { return m_fields; }
    bool isRenewing() const { return m_renewal != Renewal::None; }

    // Renews now: refreshed() or failed() follows, or — when the platform or
    // the keychain cannot be reached — the connection turns Expiring and the
    // renewal is tried again later. A renewal already running is not doubled.
    void renew();
    // The platform answered 401 to `rejected`, the token in hand: renews once
    // per token as renew() does. False when there is nothing left to try (no
    // refresh token, or this token came from a renewal for a 401 already).
    bool renewRejected(const QString &rejected);

Q_SIGNALS:
    void ready();
    // New tokens in hand: refreshed here (and in the keychain), or adopted
    // from another process that had refreshed them.
    void refreshed();
    void failed(const QString &message);

private:
    enum class Renewal { None, WaitingForLock, Reading, Refreshing, Confirming };

    void start(const Credentials &credentials);
    void beginRenewal(bool forRejection);
    void readStored(void (ConnectionTokens::*next)(const SecretStore::Result &));
    void decideOnStored(const SecretStore::Result &result);
    void refreshUnderLock();
    void adopt(const Credentials &stored);
    void persist(const OAuthTokens &tokens);
    void onFlowFailed(const OAuthError &error);
    void confirmGrantGone(const SecretStore::Result &result);
    void failTransiently(const QString &why);
    void endRenewal();
    void setStatus(Connection::Status status, const QString &reason);

    Workspace m_workspace;
    SecretStore &m_secrets;
    const OAuthProvider &m_provider;
    qint64 m_connectionId;
    QString m_secretKey;
    QHash<QString, QString> m_fields;
    QNetworkAccessManager m_network;
    OAuthFlow *m_flow = nullptr;
    WorkspaceLease *m_lease = nullptr;
    Renewal m_renewal = Renewal::None;
    bool m_forRejection = false;
    QString m_spentRefreshToken; // sent in the running refresh
    OAuthError m_refusal;        // why the running refresh was refused
};

} // namespace storeloom
