#include "connectiontokens.h"

#include "connectionstore.h"
#include "workspaceerror.h"
#include "workspacelease.h"

#include <QLoggingCategory>
#include <QPointer>

namespace storeloom {

Q_LOGGING_CATEGORY(lcTokens, "storeloom.tokens", QtInfoMsg)

namespace {
constexpr qint64 kRetryAfterTransientMs = 30 * 1000;

bool sameTokens(const OAuthTokens &a, const OAuthTokens &b)
{
    return a.accessToken == b.accessToken && a.refreshToken == b.refreshToken;
}
} // namespace

ConnectionTokens::ConnectionTokens(Workspace workspace, SecretStore &secrets,
                                   const OAuthProvider &provider, qint64 connectionId,
                                   QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_secrets(secrets), m_provider(provider),
      m_connectionId(connectionId)
{
    m_lease = new WorkspaceLease(m_workspace,
                                 QStringLiteral("connection/%1/tokens").arg(connectionId), this);
    connect(m_lease, &WorkspaceLease::acquired, this, [this] {
        m_renewal = Renewal::Reading;
        readStored(&ConnectionTokens::decideOnStored);
    });
    connect(m_lease, &WorkspaceLease::notAcquired, this, &ConnectionTokens::failTransiently);
}

ConnectionTokens::~ConnectionTokens() = default;

void ConnectionTokens::load()
{
    {
        const DbHandle handle = m_workspace.openHandle();
        m_secretKey = ConnectionStore(handle.db()).get(m_connectionId).secretKey;
    }
    m_secrets.read(m_secretKey, [self = QPointer(this)](const SecretStore::Result &result) {
        if (!self)
            return;
        const auto credentials = result.ok() ? Credentials::decode(result.secret) : std::nullopt;
        if (!credentials) {
            const QString why = result.ok() ? tr("The stored sign-in is unreadable; reconnect the "
                                                 "store.")
                                            : result.message;
            Q_EMIT self->failed(why);
            return;
        }
        self->start(*credentials);
    });
}

void ConnectionTokens::start(const Credentials &credentials)
{
    m_fields = credentials.fields;
    m_flow = new OAuthFlow(m_provider.oauthSettings(m_fields), &m_network, this);
    m_flow->setRefreshesByItself(false); // due refreshes come here first: see renew()
    connect(m_flow, &OAuthFlow::refreshDue, this, &ConnectionTokens::renew);
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

void ConnectionTokens::renew()
{
    if (m_flow)
        beginRenewal(false);
}

bool ConnectionTokens::renewRejected(const QString &rejected)
{
    if (!m_flow)
        return false;
    if (accessToken() != rejected || isRenewing()) {
        m_forRejection = m_forRejection || accessToken() == rejected;
        return true; // renewed already (refreshed() was emitted), or on its way
    }
    if (!m_flow->refreshesForUnauthorized())
        return false;
    beginRenewal(true);
    return true;
}

// The protocol, step by step: the workspace lock → the keychain again →
// adopt what another process stored, or refresh and store → let go.
void ConnectionTokens::beginRenewal(bool forRejection)
{
    if (isRenewing())
        return;
    m_renewal = Renewal::WaitingForLock;
    m_forRejection = forRejection;
    m_lease->acquire(); // → decideOnStored, or failTransiently
}

void ConnectionTokens::readStored(void (ConnectionTokens::*next)(const SecretStore::Result &))
{
    m_secrets.read(m_secretKey, [self = QPointer(this), next](const SecretStore::Result &result) {
        if (self)
            (self.get()->*next)(result);
    });
}

void ConnectionTokens::decideOnStored(const SecretStore::Result &result)
{
    const auto stored = result.ok() ? Credentials::decode(result.secret) : std::nullopt;
    if (result.error == SecretStore::Error::NotFound) {
        // Disconnected meanwhile (the keys leave first): nothing to renew.
        endRenewal();
        Q_EMIT failed(result.message);
        return;
    }
    if (!stored) {
        // Refreshing blind could spend a token another process already spent.
        failTransiently(result.ok() ? tr("The stored sign-in is unreadable.") : result.message);
        return;
    }
    if (!stored->tokens.isEmpty() && !sameTokens(stored->tokens, m_flow->tokens())) {
        qCInfo(lcTokens) << "connection" << m_connectionId
                         << "was renewed by another process: adopting its tokens";
        adopt(*stored);
        return;
    }
    refreshUnderLock();
}

void ConnectionTokens::refreshUnderLock()
{
    if (!m_lease->confirm()) { // paused past the lease: another process may be at it now
        failTransiently(tr("Another Storeloom process took over renewing the sign-in."));
        return;
    }
    m_renewal = Renewal::Refreshing;
    m_spentRefreshToken = m_flow->tokens().refreshToken;
    if (m_forRejection)
        m_flow->handleUnauthorized();
    else
        m_flow->refresh();
    // The flow answers with tokensRefreshed → persist, or failed → onFlowFailed
    // (possibly from within the call above). Neither: it had nothing to try.
    if (m_renewal == Renewal::Refreshing && m_flow->state() != OAuthFlow::State::Refreshing)
        failTransiently(tr("The sign-in could not be renewed."));
}

void ConnectionTokens::adopt(const Credentials &stored)
{
    m_fields = stored.fields;
    m_flow->setTokens(stored.tokens); // and plans the next refresh from their expiry
    endRenewal();
    setStatus(Connection::Status::Live, {});
    Q_EMIT refreshed();
}

// Also for a refresh answer that arrived after its timeout, outside any
// renewal: the rotated token must reach the keychain either way.
void ConnectionTokens::persist(const OAuthTokens &tokens)
{
    m_secrets.write(m_secretKey, Credentials{tokens, m_fields}.encode(),
                    [self = QPointer(this)](const SecretStore::Result &result) {
                        if (!self)
                            return;
                        if (self->m_renewal == Renewal::Refreshing)
                            self->endRenewal(); // only now may the others read the keychain
                        if (!result.ok()) {
                            // The platform has retired the old token already.
                            self->setStatus(Connection::Status::Failed, result.message);
                            Q_EMIT self->failed(result.message);
                            return;
                        }
                        qCInfo(lcTokens)
                            << "connection" << self->m_connectionId << "tokens refreshed";
                        self->setStatus(Connection::Status::Live, {});
                        Q_EMIT self->refreshed();
                    });
}

void ConnectionTokens::onFlowFailed(const OAuthError &error)
{
    if (error.kind == OAuthError::InvalidGrant) {
        if (m_renewal == Renewal::Refreshing) {
            // Under the lock, with what the keychain held: the grant is gone —
            // unless the store was connected again meanwhile. Look once more.
            m_renewal = Renewal::Confirming;
            m_refusal = error;
            readStored(&ConnectionTokens::confirmGrantGone);
            return;
        }
        setStatus(Connection::Status::Failed, error.message);
        Q_EMIT failed(error.message);
        return;
    }
    // The platform could not be reached or answered badly: the tokens may
    // still work for a while, and the flow tries again.
    if (m_renewal == Renewal::Refreshing)
        endRenewal();
    setStatus(Connection::Status::Expiring, error.message);
}

void ConnectionTokens::confirmGrantGone(const SecretStore::Result &result)
{
    const auto stored = result.ok() ? Credentials::decode(result.secret) : std::nullopt;
    if (stored && !stored->tokens.isEmpty() && stored->tokens.refreshToken != m_spentRefreshToken) {
        qCInfo(lcTokens) << "connection" << m_connectionId
                         << "was signed in again meanwhile: adopting the new grant";
        adopt(*stored);
        return;
    }
    qCWarning(lcTokens) << "connection" << m_connectionId
                        << "lost its grant:" << m_refusal.serverError;
    endRenewal();
    setStatus(Connection::Status::Failed, m_refusal.message);
    Q_EMIT failed(m_refusal.message);
}

void ConnectionTokens::failTransiently(const QString &why)
{
    qCWarning(lcTokens).noquote() << "connection" << m_connectionId << "not renewed now:" << why;
    endRenewal();
    setStatus(Connection::Status::Expiring, why);
    if (m_flow)
        m_flow->planRefreshIn(kRetryAfterTransientMs);
}

void ConnectionTokens::endRenewal()
{
    m_renewal = Renewal::None;
    m_forRejection = false;
    m_spentRefreshToken.clear();
    m_lease->release();
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
