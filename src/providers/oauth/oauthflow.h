#pragma once

#include "oauthtypes.h"
#include "refreshschedule.h"

#include <QAbstractOAuth>
#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;

namespace storeloom {

class CodeFlow;
class LoopbackRedirect;
class TokenReplyHandler;

// OAuth 2.0 authorization code grant with PKCE (S256) for every adapter, built
// on Qt 6.4's QOAuth2AuthorizationCodeFlow plus the workarounds it needs (see
// applyWorkarounds() in oauthflow.cpp and "Qt 6.4 specifics" in the architecture
// guide).
//
// Connecting:
//   OAuthFlow flow(settings, nam);
//   connect(&flow, &OAuthFlow::granted, ...);   // persist tokens
//   connect(&flow, &OAuthFlow::failed, ...);
//   flow.start();  // listener on 127.0.0.1, then the browser via QDesktopServices
// start() emits authorizationUrlReady(url) so the UI/CLI can show or copy the
// URL, and opens it with QDesktopServices::openUrl (tests intercept it with
// QDesktopServices::setUrlHandler). The redirect arrives on the loopback
// listener, or the merchant pastes the final redirected URL into
// completeWithRedirectUrl() — always possible, and the only way when
// OAuthSettings::registeredRedirectUri is set. Both paths check the state; a
// wrong state is refused and the flow keeps waiting.
//
// Living with tokens:
//   setTokens(stored) restores a connection. Tokens are refreshed automatically
//   a minute before they expire (at 80% of the lifetime for tokens living five
//   minutes or less); call handleUnauthorized() when the API answers 401.
//   tokensRefreshed() carries the new refresh token when the server rotates it:
//   persist it at once, the previous one is dead. A refresh refused with
//   invalid_grant moves the flow to Failed (failureReason()) and clears the
//   tokens: the connection needs a new grant (start() again).
//
// failed() may be emitted from within start(), refresh() or cancel().
// Nothing secret is logged (category "storeloom.oauth"; lengths at most).
class OAuthFlow : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Idle,               // nothing going on, no tokens
        WaitingForRedirect, // browser opened, listener/paste waiting
        ExchangingCode,     // code received, token request in flight
        Granted,            // tokens in hand
        Refreshing,         // refresh request in flight
        Failed,             // see failureReason(); start() to reconnect
    };
    Q_ENUM(State)

    // An attempt waiting for its redirect, as another run of the program can
    // pick it up (the CLI's connect --no-wait, then --redirect-url). Holds the
    // PKCE verifier: keep it where secrets go.
    struct PendingAttempt
    {
        QString state;
        QByteArray codeVerifier;
        QUrl redirectUri;
    };

    // For tests only: make the client misbehave towards the server.
    struct TestHooks
    {
        bool omitCodeChallenge = false;  // authorization request without PKCE
        bool omitCodeVerifier = false;   // token request without code_verifier
        QByteArray codeVerifierOverride; // token request with this verifier instead
    };

    OAuthFlow(OAuthSettings settings, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~OAuthFlow() override;

    // Starts a new grant (a running attempt is abandoned silently; during a
    // refresh, the grant starts when the refresh has finished).
    void start();
    // The paste fallback: the full URL the browser was finally sent to. Returns
    // false (and keeps waiting) when it is not the redirect of this attempt:
    // wrong address, wrong or missing state, or no attempt waiting.
    bool completeWithRedirectUrl(const QUrl &pasted);
    // Abandons a waiting attempt or code exchange: failed(Cancelled), listener closed.
    void cancel();
    // The attempt waiting now (empty state when none is).
    PendingAttempt pendingAttempt() const;
    // Waits again for `attempt`'s redirect, to be pasted (no listener: the
    // program that started it has gone). The state is checked as ever.
    void resumeAttempt(const PendingAttempt &attempt);

    // Refreshes now (a refresh already running is not doubled).
    void refresh();
    // The API answered 401: refreshes once per access token. Returns true when a
    // refresh is running (wait for tokensRefreshed or failed), false when there
    // is nothing left to try (no refresh token, or this token came from a refresh
    // made for a 401 already): the caller reports the 401.
    bool handleUnauthorized();
    // Whether handleUnauthorized() would refresh (or one is running already).
    bool refreshesForUnauthorized() const;

    // On (the default), a due refresh — the schedule's, or a retry after a
    // transient failure — runs by itself. Off, it is announced with
    // refreshDue() and the owner refreshes when it is safe to (ConnectionTokens
    // first agrees with the other processes sharing the connection).
    void setRefreshesByItself(bool on) { m_refreshesByItself = on; }
    // Plans the next due refresh `msecs` from now.
    void planRefreshIn(qint64 msecs) { m_refreshSchedule.planIn(msecs); }

    void setTokens(const OAuthTokens &tokens);
    OAuthTokens tokens() const { return m_tokens; }

    State state() const { return m_state; }
    QString failureReason() const { return m_failureReason; }
    QUrl authorizationUrl() const { return m_authorizationUrl; }          // of the current attempt
    QUrl redirectUri() const { return m_redirectUri; }                    // of the current attempt
    QDateTime nextRefreshAt() const { return m_refreshSchedule.dueAt(); } // invalid: none planned

    void setTestHooks(const TestHooks &hooks) { m_hooks = hooks; }
    // Off: start() only announces the address (authorizationUrlReady), for
    // programs without a desktop session such as storeloom-cli.
    void setOpensBrowser(bool opens) { m_opensBrowser = opens; }

Q_SIGNALS:
    void authorizationUrlReady(const QUrl &url);
    void granted(const storeloom::OAuthTokens &tokens);
    void tokensRefreshed(const storeloom::OAuthTokens &tokens);
    void failed(const storeloom::OAuthError &error);
    void stateChanged(storeloom::OAuthFlow::State state);
    // A refresh is due and setRefreshesByItself(false) was set.
    void refreshDue();
    // A loopback request or pasted URL that was not accepted; still waiting.
    void redirectRefused(const QString &reason);

private:
    void applyWorkarounds(QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters);
    void openBrowser(const QUrl &url);
    void acceptRedirect(const QUrl &url);
    QString providerRefusal(const QUrl &redirect) const;
    void requestClientCredentials();
    bool canRenew(const OAuthTokens &tokens) const; // a refresh token, or the app's credentials
    void onTokenResponse(const QVariantMap &values);
    void onTokenRequestFailed(const OAuthError &error);
    void onTokenRequestTimeout();
    void endAttempt();
    void fail(const OAuthError &error, State next);
    void setState(State state);
    void syncQtTokens();
    void startIfDeferred();
    State attemptFailedState() const;

    OAuthSettings m_settings;
    CodeFlow *m_qt = nullptr;
    TokenReplyHandler *m_replyHandler = nullptr;
    QPointer<LoopbackRedirect> m_loopback;
    QTimer m_redirectTimeout;
    QTimer m_tokenRequestTimeout; // Qt 6.4 never gives up on a token request
    RefreshSchedule m_refreshSchedule;
    QElapsedTimer m_requestClock;

    State m_state = State::Idle;
    QString m_failureReason;
    TestHooks m_hooks;
    bool m_opensBrowser = true;
    bool m_refreshesByItself = true;
    bool m_silentGrant = false; // resumeAttempt(): Qt's grant() without the browser

    // The current attempt.
    QString m_stateParam;
    QByteArray m_codeVerifier;
    QString m_code;
    QUrl m_redirectUri;
    QUrl m_authorizationUrl;

    OAuthTokens m_tokens;
    bool m_refreshFor401 = false;
    bool m_lateRefreshAnswerWanted = false; // a timed-out refresh may still rotate the token
    bool m_startAfterRefresh = false;
    QString m_tokenFrom401Refresh;
};

} // namespace storeloom
