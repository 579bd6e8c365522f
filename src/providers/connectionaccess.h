#pragma once

#include "ratebudget.h"
#include "workspace.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

namespace storeloom {

class ConnectionTokenSource;
class ConnectionTokens;
class ProviderRegistry;
class SecretStore;

// Keeps every live connection usable while the app (or a CLI command) runs:
// each Live or Expiring OAuth connection gets one ConnectionTokens — the only
// owner of its tokens in this process — that loads its sign-in from the
// keychain and renews it before it expires; connections that leave Live are
// let go. Everything that needs a connection's token (publishing workers,
// imports) gets it from here, through the connection's one token source. It
// also owns the per-connection rate budgets the adapters keep in step with
// the platforms. What it tells (expiry, budget) is times and numbers only —
// never a token.
class ConnectionAccess : public QObject
{
    Q_OBJECT

public:
    struct Budget
    {
        double available = 0;
        double capacity = 0;
        double refillPerSecond = 0;
    };
    struct Details
    {
        bool oauth = false;        // signs in through OAuth (else keys that do not expire)
        bool signInLoaded = false; // read from the keychain
        bool renewsItself = false; // a refresh token or the app's own credentials
        QDateTime expiresAt;       // invalid: does not expire, or not known
        QString apiVersion;
        std::optional<Budget> budget; // none until the platform has reported one
    };

    ConnectionAccess(Workspace workspace, SecretStore &secrets, const ProviderRegistry &providers,
                     QObject *parent = nullptr);
    ~ConnectionAccess() override;

    // Follows the workspace: keeps the connections that are live, drops the others.
    void sync();
    // sync(), and reads the connection's sign-in again if that failed before
    // (a keychain that was locked, say). changed() follows once it is known.
    void load(qint64 connectionId);

    Details details(qint64 connectionId) const;
    // The connection's tokens once loaded, else null.
    ConnectionTokens *tokens(qint64 connectionId) const;
    // Where worker threads get the connection's token and ask for a renewal:
    // one per connection, shared by everyone. Null until the tokens are loaded.
    std::shared_ptr<ConnectionTokenSource> tokenSource(qint64 connectionId);
    // Why the connection's sign-in could not be loaded or renewed, if it could not.
    QString signInError(qint64 connectionId) const { return m_errors.value(connectionId); }
    RateBudgets &budgets() { return m_budgets; }
    // True while a connection's tokens are being renewed.
    bool isRenewing() const;

Q_SIGNALS:
    void changed(qint64 connectionId);

private:
    void keep(qint64 connectionId, const QString &providerId);

    Workspace m_workspace;
    SecretStore &m_secrets;
    const ProviderRegistry &m_providers;
    QHash<qint64, QPointer<ConnectionTokens>> m_kept;
    QHash<qint64, QString> m_providerOf;
    QHash<qint64, bool> m_loaded;
    QHash<qint64, QString> m_errors;
    QHash<qint64, std::shared_ptr<ConnectionTokenSource>> m_sources;
    RateBudgets m_budgets;
};

} // namespace storeloom
