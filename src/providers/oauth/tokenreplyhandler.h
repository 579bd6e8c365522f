#pragma once

#include "oauthtypes.h"

#include <QOAuthOobReplyHandler>

namespace storeloom {

// The reply handler given to QOAuth2AuthorizationCodeFlow. It does two jobs
// Qt 6.4's handlers do not:
//  - it reads every token-endpoint reply itself: a failed request (HTTP error,
//    an `error` member, no access_token, unreadable body) is reported through
//    tokenRequestFailed() instead of being dropped with a warning (6.4 leaves the
//    flow stuck in RefreshingToken / TemporaryCredentialsReceived);
//  - its callback() is the redirect URI of the current attempt (loopback or a
//    registered https URI), so Qt sends the same redirect_uri in the
//    authorization and the token request.
// Redirects reach Qt through deliverCallback() once OAuthFlow has checked them.
class TokenReplyHandler : public QOAuthOobReplyHandler
{
    Q_OBJECT

public:
    explicit TokenReplyHandler(QObject *parent = nullptr);

    QString callback() const override { return m_redirectUri; }
    void setRedirectUri(const QString &uri) { m_redirectUri = uri; }

    // Hands verified redirect parameters to the Qt flow (callbackReceived).
    void deliverCallback(const QVariantMap &parameters);

    // Tells failures of a refresh from failures of a code exchange.
    void setRefreshing(bool refreshing) { m_refreshing = refreshing; }

public Q_SLOTS:
    void networkReplyFinished(QNetworkReply *reply) override;

Q_SIGNALS:
    // A successful token response, after Qt has taken it (tokensReceived).
    void tokenResponse(const QVariantMap &values);
    void tokenRequestFailed(const storeloom::OAuthError &error);

private:
    QString m_redirectUri;
    bool m_refreshing = false;
};

} // namespace storeloom
