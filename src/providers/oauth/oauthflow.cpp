#include "oauthflow.h"

#include "codeflow.h"
#include "loopbackredirect.h"
#include "oauthencoding.h"
#include "oautherror.h"
#include "oauthlogging.h"
#include "pkce.h"
#include "tokenreplyhandler.h"

#include <QDesktopServices>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace storeloom {

Q_LOGGING_CATEGORY(lcOAuth, "storeloom.oauth", QtInfoMsg)

namespace {
QString key(const char *name)
{
    return QString::fromLatin1(name);
}
} // namespace

OAuthFlow::OAuthFlow(OAuthSettings settings, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_settings(std::move(settings))
{
    qRegisterMetaType<OAuthTokens>();
    qRegisterMetaType<OAuthError>();
    m_qt = new CodeFlow(network, this);
    m_replyHandler = new TokenReplyHandler(this);
    m_qt->setReplyHandler(m_replyHandler);
    m_qt->setClientIdentifier(m_settings.clientId);
    m_qt->setClientIdentifierSharedKey(m_settings.clientSecret);
    m_qt->setAuthorizationUrl(m_settings.authorizationUrl);
    m_qt->setAccessTokenUrl(m_settings.tokenUrl);
    m_qt->setModifyParametersFunction(
        [this](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
            applyWorkarounds(stage, parameters);
        });
    connect(m_qt, &QAbstractOAuth::authorizeWithBrowser, this, &OAuthFlow::openBrowser);
    connect(m_replyHandler, &TokenReplyHandler::tokenResponse, this, &OAuthFlow::onTokenResponse);
    connect(m_replyHandler, &TokenReplyHandler::tokenRequestFailed, this,
            &OAuthFlow::onTokenRequestFailed);

    m_redirectTimeout.setSingleShot(true);
    connect(&m_redirectTimeout, &QTimer::timeout, this, [this] {
        if (m_state != State::WaitingForRedirect)
            return;
        endAttempt();
        fail(oauth::timeoutError(m_settings.redirectTimeout), attemptFailedState());
    });
    m_tokenRequestTimeout.setSingleShot(true);
    connect(&m_tokenRequestTimeout, &QTimer::timeout, this, &OAuthFlow::onTokenRequestTimeout);
    connect(&m_refreshSchedule, &RefreshSchedule::due, this, [this] {
        if (m_refreshesByItself)
            refresh();
        else
            Q_EMIT refreshDue();
    });
}

OAuthFlow::~OAuthFlow() = default;

// Every Qt 6.4 parameter workaround, in one place. Values are set here from our
// own copies and percent-encoded once (QUrlQuery then keeps them as they are).
void OAuthFlow::applyWorkarounds(QAbstractOAuth::Stage stage,
                                 QMultiMap<QString, QVariant> *parameters)
{
    const auto set = [parameters](const QString &name, const QVariant &value) {
        parameters->remove(name);
        parameters->insert(name, value);
    };
    const auto clientSecret = [&] {
        if (m_settings.clientSecret.isEmpty()) // Qt sends an empty client_secret=
            parameters->remove(key("client_secret"));
        else
            set(key("client_secret"), m_settings.clientSecret);
    };
    switch (stage) {
    case QAbstractOAuth::Stage::RequestingAuthorization:
        set(key("state"), m_stateParam); // fresh, from the system CSPRNG, URL-safe
        set(key("scope"), m_settings.scopes.join(m_settings.scopeSeparator));
        set(key("redirect_uri"), m_redirectUri.toString(QUrl::FullyEncoded));
        if (!m_hooks.omitCodeChallenge) { // PKCE: Qt 6.4 has no API for it
            set(key("code_challenge"),
                QString::fromLatin1(pkce::codeChallengeS256(m_codeVerifier)));
            set(key("code_challenge_method"), key("S256"));
        }
        for (auto it = m_settings.extraAuthorizationParameters.cbegin();
             it != m_settings.extraAuthorizationParameters.cend(); ++it)
            set(it.key(), it.value());
        break;
    case QAbstractOAuth::Stage::RequestingAccessToken:
        set(key("code"), m_code); // as received: Qt encodes it twice when it holds a '%'
        set(key("redirect_uri"), m_redirectUri.toString(QUrl::FullyEncoded));
        set(key("client_id"), m_settings.clientId);
        if (!m_hooks.codeVerifierOverride.isEmpty())
            set(key("code_verifier"), QString::fromLatin1(m_hooks.codeVerifierOverride));
        else if (!m_hooks.omitCodeVerifier)
            set(key("code_verifier"), QString::fromLatin1(m_codeVerifier));
        clientSecret();
        for (auto it = m_settings.extraTokenParameters.cbegin();
             it != m_settings.extraTokenParameters.cend(); ++it)
            set(it.key(), it.value());
        break;
    case QAbstractOAuth::Stage::RefreshingAccessToken:
        set(key("refresh_token"), m_tokens.refreshToken); // Qt 6.4 does not encode it
        set(key("client_id"), m_settings.clientId);
        parameters->remove(key("redirect_uri")); // not part of a refresh (RFC 6749 §6)
        parameters->remove(key("scope")); // omitted = as granted; we keep the scope ourselves
        clientSecret();
        break;
    case QAbstractOAuth::Stage::RequestingTemporaryCredentials:
        return;
    }
    oauth::encodeValues(parameters); // '+', '&', '%', '=' … in any value
    qCDebug(lcOAuth) << "request parameters:" << parameters->keys();
}

void OAuthFlow::start()
{
    if (m_state == State::Refreshing) {
        // Let the refresh land first: its answer may carry a rotated refresh token.
        qCInfo(lcOAuth) << "new grant deferred until the running refresh has finished";
        m_startAfterRefresh = true;
        return;
    }
    endAttempt();
    m_failureReason.clear();
    m_lateRefreshAnswerWanted = false;
    m_stateParam = pkce::makeState();
    m_codeVerifier = pkce::makeCodeVerifier();
    m_code.clear();
    m_authorizationUrl.clear();
    const State failedState = attemptFailedState();
    if (m_settings.grant == OAuthSettings::Grant::ClientCredentials) {
        setState(State::ExchangingCode);
        requestClientCredentials();
        return;
    }

    if (!m_settings.registeredRedirectUri.isEmpty()) {
        m_redirectUri = m_settings.registeredRedirectUri; // paste fallback only
    } else {
        m_loopback = new LoopbackRedirect(this);
        connect(m_loopback, &LoopbackRedirect::redirectReceived, this, &OAuthFlow::acceptRedirect);
        connect(m_loopback, &LoopbackRedirect::requestRefused, this, &OAuthFlow::redirectRefused);
        if (!m_loopback->listen(m_settings.redirectPort, m_settings.redirectPath)) {
            const OAuthError error =
                m_loopback->listenError() == QAbstractSocket::AddressInUseError
                    ? oauth::portInUseError(m_settings.redirectPort, m_loopback->errorString())
                    : oauth::listenError(m_loopback->errorString());
            endAttempt();
            fail(error, failedState);
            return;
        }
        m_loopback->setExpectedState(m_stateParam);
        m_loopback->setVerifier([this](const QUrl &url) { return providerRefusal(url); });
        m_redirectUri = m_loopback->redirectUri();
    }
    m_replyHandler->setRedirectUri(m_redirectUri.toString(QUrl::FullyEncoded));
    m_replyHandler->setRefreshing(false);
    // Qt keeps the scope of the last token answer and its own (reused) state.
    m_qt->setScope(m_settings.scopes.join(m_settings.scopeSeparator));
    m_qt->setState(m_stateParam);
    m_redirectTimeout.start(m_settings.redirectTimeout);
    setState(State::WaitingForRedirect);
    m_requestClock.start();
    qCInfo(lcOAuth).nospace() << "authorization started: redirect " << m_redirectUri.toString()
                              << ", state length " << m_stateParam.size() << ", verifier length "
                              << m_codeVerifier.size();
    m_qt->grant(); // → applyWorkarounds → authorizeWithBrowser → openBrowser
    if (m_state == State::WaitingForRedirect && m_authorizationUrl.isEmpty()) {
        endAttempt();
        fail(oauth::malformedReplyError(tr("the authorization or token address is missing")),
             failedState);
    }
}

void OAuthFlow::openBrowser(const QUrl &url)
{
    if (m_state != State::WaitingForRedirect || m_silentGrant)
        return;
    m_authorizationUrl = url;
    Q_EMIT authorizationUrlReady(url);
    if (m_state != State::WaitingForRedirect) // cancelled from a slot
        return;
    if (m_opensBrowser && !QDesktopServices::openUrl(url))
        qCWarning(lcOAuth) << "no browser could be opened; the authorization URL must be "
                              "opened by hand";
}

bool OAuthFlow::completeWithRedirectUrl(const QUrl &pasted)
{
    if (m_state != State::WaitingForRedirect) {
        qCWarning(lcOAuth) << "pasted redirect ignored: no sign-in is waiting";
        return false;
    }
    QString reason;
    if (!oauth::sameRedirectTarget(pasted, m_redirectUri))
        reason = QStringLiteral("not the redirect address of this sign-in");
    else if (oauth::redirectParameters(pasted).value(key("state")).toString() != m_stateParam)
        reason = QStringLiteral("wrong or missing state");
    else
        reason = providerRefusal(pasted);
    if (!reason.isEmpty()) {
        qCWarning(lcOAuth) << "pasted redirect refused:" << reason;
        Q_EMIT redirectRefused(reason);
        return false;
    }
    acceptRedirect(pasted);
    return true;
}

QString OAuthFlow::providerRefusal(const QUrl &redirect) const
{
    // Only a code needs vouching for: an error redirect ends nothing but this attempt.
    if (!m_settings.verifyRedirect || !oauth::redirectParameters(redirect).contains(key("code")))
        return {};
    return m_settings.verifyRedirect(redirect);
}

// The redirect of this attempt (state already checked): code → token request.
void OAuthFlow::acceptRedirect(const QUrl &url)
{
    if (m_state != State::WaitingForRedirect)
        return;
    m_redirectTimeout.stop();
    if (m_loopback)
        m_loopback->close();
    const State failedState = attemptFailedState();
    const QVariantMap parameters = oauth::redirectParameters(url);
    const QString error = parameters.value(key("error")).toString();
    if (!error.isEmpty()) {
        endAttempt();
        fail(
            oauth::authorizationError(error, parameters.value(key("error_description")).toString()),
            failedState);
        return;
    }
    m_code = parameters.value(key("code")).toString();
    if (m_code.isEmpty()) {
        endAttempt();
        fail(oauth::malformedReplyError(tr("the redirect carries no authorization code")),
             failedState);
        return;
    }
    qCInfo(lcOAuth).nospace() << "authorization code received after " << m_requestClock.elapsed()
                              << " ms (length " << m_code.size() << "); exchanging it";
    setState(State::ExchangingCode);
    m_replyHandler->setRefreshing(false);
    m_requestClock.start();
    m_tokenRequestTimeout.start(m_settings.tokenRequestTimeout);
    m_replyHandler->deliverCallback(parameters); // Qt checks the state again, requests the token
    if (m_state == State::ExchangingCode &&
        m_qt->status() != QAbstractOAuth::Status::TemporaryCredentialsReceived) {
        endAttempt();
        fail(oauth::malformedReplyError(tr("the redirect was not accepted")), failedState);
    }
}

// RFC 6749 §4.4: the app's own credentials buy a token; nobody signs in.
// Used for a first grant (ExchangingCode) and for renewals (Refreshing).
void OAuthFlow::requestClientCredentials()
{
    QMultiMap<QString, QVariant> parameters;
    parameters.insert(key("grant_type"), key("client_credentials"));
    parameters.insert(key("client_id"), m_settings.clientId);
    parameters.insert(key("client_secret"), m_settings.clientSecret);
    oauth::encodeValues(&parameters);
    QUrlQuery body;
    for (auto it = parameters.cbegin(); it != parameters.cend(); ++it)
        body.addQueryItem(it.key(), it.value().toString());
    QNetworkRequest request(m_settings.tokenUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    m_replyHandler->setRefreshing(m_state == State::Refreshing);
    m_requestClock.start();
    m_tokenRequestTimeout.start(m_settings.tokenRequestTimeout);
    qCInfo(lcOAuth) << (m_state == State::Refreshing ? "renewing" : "requesting")
                    << "a client-credentials token";
    QNetworkReply *reply = m_qt->networkAccessManager()->post(
        request, body.toString(QUrl::FullyEncoded).toLatin1());
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (m_state == State::ExchangingCode || m_state == State::Refreshing)
            m_replyHandler->networkReplyFinished(reply);
    });
}

OAuthFlow::PendingAttempt OAuthFlow::pendingAttempt() const
{
    if (m_state != State::WaitingForRedirect)
        return {};
    return {m_stateParam, m_codeVerifier, m_redirectUri};
}

void OAuthFlow::resumeAttempt(const PendingAttempt &attempt)
{
    endAttempt();
    m_failureReason.clear();
    m_stateParam = attempt.state;
    m_codeVerifier = attempt.codeVerifier;
    m_redirectUri = attempt.redirectUri;
    m_replyHandler->setRedirectUri(m_redirectUri.toString(QUrl::FullyEncoded));
    m_replyHandler->setRefreshing(false);
    m_qt->setScope(m_settings.scopes.join(m_settings.scopeSeparator));
    m_qt->setState(m_stateParam);
    m_redirectTimeout.start(m_settings.redirectTimeout);
    setState(State::WaitingForRedirect);
    m_requestClock.start();
    // Qt 6.4 only listens for the callback once grant() has run: run it
    // without showing or opening the address again.
    m_silentGrant = true;
    m_qt->grant();
    m_silentGrant = false;
    qCInfo(lcOAuth) << "waiting again for the redirect to" << m_redirectUri.toString();
}

void OAuthFlow::cancel()
{
    if (m_state != State::WaitingForRedirect && m_state != State::ExchangingCode)
        return;
    endAttempt();
    m_qt->resetStatus(m_tokens.accessToken.isEmpty() ? QAbstractOAuth::Status::NotAuthenticated
                                                     : QAbstractOAuth::Status::Granted);
    fail(oauth::cancelledError(), m_tokens.accessToken.isEmpty() ? State::Idle : State::Granted);
}

void OAuthFlow::endAttempt()
{
    m_redirectTimeout.stop();
    m_tokenRequestTimeout.stop();
    if (m_loopback) {
        m_loopback->close();
        m_loopback->deleteLater();
        m_loopback = nullptr;
    }
    m_code.clear();
    m_codeVerifier.clear();
}

void OAuthFlow::fail(const OAuthError &error, State next)
{
    if (error.kind != OAuthError::Cancelled)
        m_failureReason = error.message;
    qCWarning(lcOAuth).nospace() << OAuthError::kindName(error.kind) << ": " << error.message;
    setState(next);
    Q_EMIT failed(error);
}

void OAuthFlow::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace storeloom
