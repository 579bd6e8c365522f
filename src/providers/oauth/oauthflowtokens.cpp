// OAuthFlow, second half: token answers, refresh, restore, 401 handling.
#include "codeflow.h"
#include "oautherror.h"
#include "oauthflow.h"
#include "oauthlogging.h"
#include "tokenreplyhandler.h"

#include <QRegularExpression>
#include <utility>

namespace storeloom {

namespace {
constexpr qint64 kRetryAfterTransientMs = 30 * 1000;

QString key(const char *name)
{
    return QString::fromLatin1(name);
}
} // namespace

OAuthFlow::State OAuthFlow::attemptFailedState() const
{
    // A failed new grant leaves a working connection alone.
    return m_tokens.accessToken.isEmpty() ? State::Failed : State::Granted;
}

void OAuthFlow::syncQtTokens()
{
    m_qt->setToken(m_tokens.accessToken);
    m_qt->setRefreshToken(m_tokens.refreshToken);
}

void OAuthFlow::onTokenResponse(const QVariantMap &values)
{
    m_tokenRequestTimeout.stop();
    // A refresh that timed out and then answered after all carries the rotated
    // refresh token: keep it, the one we hold is dead.
    const bool lateRefresh = m_lateRefreshAnswerWanted && m_state == State::Granted;
    m_lateRefreshAnswerWanted = false;
    const bool refreshing = m_state == State::Refreshing || lateRefresh;
    if (!refreshing && m_state != State::ExchangingCode) {
        qCInfo(lcOAuth) << "late token answer ignored (the attempt was cancelled)";
        syncQtTokens(); // Qt took it already
        return;
    }
    OAuthTokens tokens;
    tokens.accessToken = values.value(key("access_token")).toString();
    tokens.refreshToken = values.value(key("refresh_token")).toString();
    if (tokens.refreshToken.isEmpty() && refreshing)
        tokens.refreshToken = m_tokens.refreshToken; // not rotated: the old one stays valid
    bool ok = false;
    const qint64 expiresIn = values.value(key("expires_in")).toLongLong(&ok);
    if (ok && expiresIn > 0)
        tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
    // No scope in the answer means "as requested" (grant) or "as before" (refresh);
    // Qt 6.4 would leave it empty after such a refresh.
    const QString scope = values.value(key("scope")).toString();
    if (!scope.isEmpty())
        tokens.grantedScopes = scope.split(QRegularExpression(QStringLiteral("[ ,]")),
                                           Qt::SkipEmptyParts);
    else
        tokens.grantedScopes = refreshing ? m_tokens.grantedScopes : m_settings.scopes;

    const bool rotated = refreshing && tokens.refreshToken != m_tokens.refreshToken;
    const qint64 elapsed = m_requestClock.elapsed();
    m_tokens = tokens;
    syncQtTokens();
    m_qt->setScope(m_settings.scopes.join(m_settings.scopeSeparator));
    m_failureReason.clear();
    if (refreshing && m_refreshFor401)
        m_tokenFrom401Refresh = tokens.accessToken;
    m_refreshFor401 = false;
    if (!refreshing)
        endAttempt();
    setState(State::Granted);
    if (tokens.expiresAt.isValid() && canRenew(tokens))
        m_refreshSchedule.planFor(tokens.expiresAt);
    else
        m_refreshSchedule.stop();

    qCInfo(lcOAuth).nospace() << (refreshing ? "refreshed" : "granted") << " in " << elapsed
                              << " ms: scopes " << tokens.grantedScopes.join(QLatin1Char(' '))
                              << ", expires in " << (ok ? expiresIn : -1) << " s, refresh token "
                              << (tokens.refreshToken.isEmpty() ? "none" : "present")
                              << (rotated ? " (rotated)" : "");
    if (refreshing)
        Q_EMIT tokensRefreshed(tokens);
    else
        Q_EMIT granted(tokens);
    startIfDeferred();
}

bool OAuthFlow::canRenew(const OAuthTokens &tokens) const
{
    return !tokens.refreshToken.isEmpty() ||
           m_settings.grant == OAuthSettings::Grant::ClientCredentials;
}

void OAuthFlow::startIfDeferred()
{
    if (std::exchange(m_startAfterRefresh, false) && m_state != State::Refreshing)
        start();
}

void OAuthFlow::onTokenRequestTimeout()
{
    const auto seconds = m_settings.tokenRequestTimeout.count();
    qCWarning(lcOAuth) << "no answer from the token endpoint within" << seconds << "s";
    m_lateRefreshAnswerWanted = m_state == State::Refreshing;
    onTokenRequestFailed(oauth::networkError(tr("no answer within %1 s").arg(seconds)));
}

void OAuthFlow::onTokenRequestFailed(const OAuthError &error)
{
    m_tokenRequestTimeout.stop();
    const bool refreshing = m_state == State::Refreshing;
    if (!refreshing && m_state != State::ExchangingCode)
        return;
    m_qt->resetStatus(m_tokens.accessToken.isEmpty() ? QAbstractOAuth::Status::NotAuthenticated
                                                     : QAbstractOAuth::Status::Granted);
    m_refreshFor401 = false;
    if (!refreshing) {
        endAttempt();
        fail(error, attemptFailedState());
        return;
    }
    if (error.kind == OAuthError::InvalidGrant) {
        // Revoked, expired or replaced: only a new grant helps.
        m_tokens = OAuthTokens();
        syncQtTokens();
        m_refreshSchedule.stop();
        fail(error, State::Failed);
        startIfDeferred();
        return;
    }
    // Transient: the access token may still work; try again a little later.
    if (error.kind == OAuthError::NetworkError || error.httpStatus >= 500)
        m_refreshSchedule.planIn(kRetryAfterTransientMs);
    fail(error, State::Granted);
    startIfDeferred();
}

void OAuthFlow::refresh()
{
    if (m_state == State::Refreshing)
        return; // one at a time; the caller waits for tokensRefreshed or failed
    if (m_state == State::WaitingForRedirect || m_state == State::ExchangingCode) {
        qCWarning(lcOAuth) << "refresh postponed: a new grant is under way";
        if (!m_tokens.refreshToken.isEmpty())
            m_refreshSchedule.planIn(kRetryAfterTransientMs);
        return;
    }
    m_refreshSchedule.stop();
    if (!canRenew(m_tokens)) {
        m_tokens = OAuthTokens();
        syncQtTokens();
        fail(oauth::tokenEndpointError(key("invalid_grant"), tr("no refresh token is stored"), 0,
                                       true),
             State::Failed);
        return;
    }
    syncQtTokens();
    m_lateRefreshAnswerWanted = false;
    m_replyHandler->setRefreshing(true);
    setState(State::Refreshing);
    m_requestClock.start();
    m_tokenRequestTimeout.start(m_settings.tokenRequestTimeout);
    if (m_settings.grant == OAuthSettings::Grant::ClientCredentials) {
        requestClientCredentials();
        return;
    }
    qCInfo(lcOAuth).nospace() << "refreshing (refresh token length " << m_tokens.refreshToken.size()
                              << ")";
    m_qt->refreshAccessToken(); // → applyWorkarounds(RefreshingAccessToken)
    if (m_state == State::Refreshing && m_qt->status() != QAbstractOAuth::Status::RefreshingToken) {
        m_refreshFor401 = false;
        m_tokenRequestTimeout.stop();
        m_qt->resetStatus(QAbstractOAuth::Status::Granted);
        fail(oauth::malformedReplyError(tr("the refresh could not be sent")), State::Granted);
    }
}

bool OAuthFlow::refreshesForUnauthorized() const
{
    if (m_state == State::Refreshing)
        return true;
    if (!canRenew(m_tokens) || m_state != State::Granted)
        return false;
    return m_tokenFrom401Refresh.isEmpty() || m_tokenFrom401Refresh != m_tokens.accessToken;
}

bool OAuthFlow::handleUnauthorized()
{
    if (m_state == State::Refreshing)
        return true;
    if (!refreshesForUnauthorized()) {
        if (!m_tokenFrom401Refresh.isEmpty() && m_tokenFrom401Refresh == m_tokens.accessToken)
            qCWarning(lcOAuth)
                << "401 again with a token refreshed for a 401: not refreshing again";
        return false;
    }
    qCInfo(lcOAuth) << "401 from the API: refreshing once";
    m_refreshFor401 = true;
    refresh();
    return m_state == State::Refreshing;
}

void OAuthFlow::setTokens(const OAuthTokens &tokens)
{
    if (m_state == State::WaitingForRedirect || m_state == State::ExchangingCode)
        endAttempt();
    m_tokenRequestTimeout.stop();
    m_lateRefreshAnswerWanted = false;
    m_tokens = tokens;
    syncQtTokens();
    m_qt->resetStatus(tokens.accessToken.isEmpty() ? QAbstractOAuth::Status::NotAuthenticated
                                                   : QAbstractOAuth::Status::Granted);
    m_failureReason.clear();
    m_tokenFrom401Refresh.clear();
    m_refreshFor401 = false;
    setState(tokens.isEmpty() ? State::Idle : State::Granted);
    if (!canRenew(tokens))
        m_refreshSchedule.stop();
    else if (tokens.accessToken.isEmpty())
        m_refreshSchedule.planIn(0); // nothing usable yet: refresh right away
    else if (tokens.expiresAt.isValid())
        m_refreshSchedule.planFor(tokens.expiresAt);
    else
        m_refreshSchedule.stop(); // unknown expiry: refresh on the first 401
}

} // namespace storeloom
