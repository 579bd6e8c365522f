#pragma once

#include "ratebudget.h"
#include "workspace.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <chrono>
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
// also owns the per-connection rate budgets: the one place a connection's
// RateBudget is made, from its provider's RatePolicy, and shared by
// everything that talks to the store — the adapters, which keep it in step
// with the platform, and the Executor's gate. What it tells (expiry,
// budget) is times and numbers only — never a token.
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
    // The connection's budget, made from its provider's policy the first
    // time it is asked for (on this object's thread; workers get the budget
    // itself); null for a connection or provider this build does not know,
    // or a policy that declares no limit.
    std::shared_ptr<RateBudget> budget(qint64 connectionId);
    RateBudgets &budgets() { return *m_budgets; }
    // For an Executor to apply the same budgets (Executor::setRateBudgets).
    std::shared_ptr<RateBudgets> sharedBudgets() const { return m_budgets; }
    // Where worker threads get the connection's token and ask for a renewal:
    // one per connection, shared by everyone. Null until the tokens are loaded.
    std::shared_ptr<ConnectionTokenSource> tokenSource(qint64 connectionId);
    // Why the connection's sign-in could not be loaded or renewed, if it could not.
    QString signInError(qint64 connectionId) const { return m_errors.value(connectionId); }
    // True while a connection's tokens are being renewed.
    bool isRenewing() const;
    // Lets a renewal under way finish (at most `timeout`), running the event
    // loop: a refresh the platform has answered but whose rotated token is
    // not in the keychain yet would be lost with the process — and the token
    // stored before it is spent already. Called before the process ends.
    void settle(std::chrono::milliseconds timeout = std::chrono::seconds(15));

Q_SIGNALS:
    void changed(qint64 connectionId);

private:
    void keep(qint64 connectionId, const QString &providerId);
    QString providerOf(qint64 connectionId);

    Workspace m_workspace;
    SecretStore &m_secrets;
    const ProviderRegistry &m_providers;
    QHash<qint64, QPointer<ConnectionTokens>> m_kept;
    QHash<qint64, QString> m_providerOf;
    QHash<qint64, bool> m_loaded;
    QHash<qint64, QString> m_errors;
    QHash<qint64, std::shared_ptr<ConnectionTokenSource>> m_sources;
    std::shared_ptr<RateBudgets> m_budgets = std::make_shared<RateBudgets>();
};

} // namespace storeloom
