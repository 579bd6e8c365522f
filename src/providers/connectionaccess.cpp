#include "connectionaccess.h"

#include "accesstokensource.h"
#include "connectionstore.h"
#include "connectiontokens.h"
#include "oauthprovider.h"
#include "providerregistry.h"
#include "workspaceerror.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QSet>
#include <QTimer>

namespace storeloom {

Q_LOGGING_CATEGORY(lcAccess, "storeloom.access", QtInfoMsg)

ConnectionAccess::ConnectionAccess(Workspace workspace, SecretStore &secrets,
                                   const ProviderRegistry &providers, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_secrets(secrets),
      m_providers(providers)
{}

ConnectionAccess::~ConnectionAccess() = default;

void ConnectionAccess::sync()
{
    QList<Connection> connections;
    try {
        const DbHandle handle = m_workspace.openHandle();
        connections = ConnectionStore(handle.db()).list();
    } catch (const WorkspaceError &error) {
        qCWarning(lcAccess) << "cannot read the connections:" << error.message();
        return;
    }
    QSet<qint64> live;
    for (const Connection &connection : connections) {
        m_providerOf.insert(connection.id, connection.provider);
        const bool usable = connection.status == Connection::Status::Live ||
                            connection.status == Connection::Status::Expiring;
        if (!usable)
            continue;
        live.insert(connection.id);
        if (!m_kept.contains(connection.id))
            keep(connection.id, connection.provider);
    }
    for (auto it = m_kept.begin(); it != m_kept.end();) {
        if (live.contains(it.key())) {
            ++it;
            continue;
        }
        qCInfo(lcAccess) << "connection" << it.key() << "is no longer live: letting go";
        if (*it)
            (*it)->deleteLater();
        m_loaded.remove(it.key());
        m_sources.remove(it.key());
        const qint64 id = it.key();
        it = m_kept.erase(it);
        Q_EMIT changed(id);
    }
}

void ConnectionAccess::load(qint64 connectionId)
{
    if (m_kept.contains(connectionId) && !m_loaded.value(connectionId) &&
        m_errors.contains(connectionId)) {
        if (ConnectionTokens *failed = m_kept.take(connectionId))
            failed->deleteLater();
        m_errors.remove(connectionId);
    }
    sync();
}

void ConnectionAccess::keep(qint64 connectionId, const QString &providerId)
{
    const auto *provider = dynamic_cast<const OAuthProvider *>(m_providers.find(providerId));
    if (!provider)
        return; // keys pasted by the merchant do not expire: nothing to keep alive
    auto *tokens = new ConnectionTokens(m_workspace, m_secrets, *provider, connectionId, this);
    m_kept.insert(connectionId, tokens);
    const auto report = [this, connectionId] { Q_EMIT changed(connectionId); };
    connect(tokens, &ConnectionTokens::ready, this, [this, connectionId, report] {
        m_loaded.insert(connectionId, true);
        m_errors.remove(connectionId);
        report();
    });
    connect(tokens, &ConnectionTokens::refreshed, this, [this, connectionId, report] {
        m_errors.remove(connectionId);
        report();
    });
    connect(tokens, &ConnectionTokens::failed, this,
            [this, connectionId, report](const QString &message) {
                m_errors.insert(connectionId, message);
                report();
            });
    tokens->load();
}

QString ConnectionAccess::providerOf(qint64 connectionId)
{
    if (const auto known = m_providerOf.constFind(connectionId); known != m_providerOf.cend())
        return *known;
    try {
        const DbHandle handle = m_workspace.openHandle();
        if (const auto connection = ConnectionStore(handle.db()).find(connectionId)) {
            m_providerOf.insert(connectionId, connection->provider);
            return connection->provider;
        }
    } catch (const WorkspaceError &error) {
        qCWarning(lcAccess) << "cannot read connection" << connectionId << ":" << error.message();
    }
    return {};
}

std::shared_ptr<RateBudget> ConnectionAccess::budget(qint64 connectionId)
{
    if (auto existing = m_budgets->forConnection(connectionId))
        return existing;
    const Provider *provider = m_providers.find(providerOf(connectionId));
    if (!provider)
        return nullptr;
    return m_budgets->obtain(connectionId, [&] {
        const RatePolicy policy = provider->ratePolicy();
        const RateTier tier = policy.tier();
        qCInfo(lcAccess).nospace()
            << "connection " << connectionId << ": " << provider->id() << " budget from the "
            << tier.name << " tier (" << tier.capacity << " units, " << tier.refillPerSecond
            << "/s, gate cost " << policy.gateCost() << ")";
        return policy.createBudget();
    });
}

std::shared_ptr<ConnectionTokenSource> ConnectionAccess::tokenSource(qint64 connectionId)
{
    ConnectionTokens *loaded = tokens(connectionId);
    if (!loaded)
        return nullptr;
    auto &source = m_sources[connectionId];
    if (!source) {
        // Workers may hold the last reference: the source is deleted on its own thread.
        source = std::shared_ptr<ConnectionTokenSource>(
            new ConnectionTokenSource(loaded),
            [](ConnectionTokenSource *unused) { unused->deleteLater(); });
    }
    return source;
}

ConnectionTokens *ConnectionAccess::tokens(qint64 connectionId) const
{
    ConnectionTokens *tokens = m_kept.value(connectionId);
    return tokens && m_loaded.value(connectionId) ? tokens : nullptr;
}

bool ConnectionAccess::isRenewing() const
{
    for (const QPointer<ConnectionTokens> &kept : m_kept) {
        if (kept && kept->isRenewing())
            return true;
    }
    return false;
}

void ConnectionAccess::settle(std::chrono::milliseconds timeout)
{
    if (!isRenewing())
        return;
    qCInfo(lcAccess) << "letting a sign-in renewal finish before the process ends";
    QEventLoop loop;
    QTimer check;
    check.callOnTimeout(&loop, [&] {
        if (!isRenewing())
            loop.quit();
    });
    check.start(20);
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    loop.exec();
}

ConnectionAccess::Details ConnectionAccess::details(qint64 connectionId) const
{
    Details details;
    if (const Provider *provider = m_providers.find(m_providerOf.value(connectionId))) {
        details.apiVersion = provider->apiVersion();
        details.oauth = dynamic_cast<const OAuthProvider *>(provider) != nullptr;
    }
    if (const ConnectionTokens *kept = tokens(connectionId)) {
        const OAuthTokens current = kept->flow()->tokens();
        details.signInLoaded = true;
        details.expiresAt = current.expiresAt;
        details.renewsItself = kept->renewsItself();
    }
    if (const auto budget = m_budgets->forConnection(connectionId))
        details.budget = Budget{budget->available(), budget->capacity(), budget->refillPerSecond()};
    return details;
}

} // namespace storeloom
