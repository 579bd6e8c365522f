#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariantMap>
#include <chrono>
#include <functional>

namespace storeloom {

// What an adapter tells the OAuth 2.0 wrapper about its platform.
struct OAuthSettings
{
    enum class Grant {
        AuthorizationCode, // the merchant signs in in the browser
        ClientCredentials, // the app's own id and secret; no browser, no refresh token
    };

    Grant grant = Grant::AuthorizationCode;
    QUrl authorizationUrl;
    QUrl tokenUrl;
    QString clientId;
    QString clientSecret; // empty for public clients (PKCE only)
    QStringList scopes;
    QString scopeSeparator = QStringLiteral(" "); // Shopify joins scopes with commas
    // Provider-specific authorization parameters (e.g. prompt=consent).
    QVariantMap extraAuthorizationParameters;
    // Provider-specific token request parameters (e.g. Shopify's expiring=1).
    QVariantMap extraTokenParameters;
    // A provider's own check of a redirect that carries a code (after the
    // state): empty to accept, else why not — the flow then keeps waiting, as
    // for a wrong state. Shopify signs its callback with an hmac.
    std::function<QString(const QUrl &redirect)> verifyRedirect;
    // Loopback redirect http://127.0.0.1:<redirectPort><redirectPath>; 0 = a free port.
    quint16 redirectPort = 0;
    QString redirectPath = QStringLiteral("/callback");
    // Providers that only accept a registered https redirect: set it here. No
    // listener is started; the merchant pastes the final redirected URL
    // (OAuthFlow::completeWithRedirectUrl).
    QUrl registeredRedirectUri;
    // How long to wait for the redirect before giving up (listener closed).
    std::chrono::seconds redirectTimeout{300};
    // How long a token request (code exchange or refresh) may take.
    std::chrono::seconds tokenRequestTimeout{60};
};

// What a grant or refresh produced. Persist refreshToken at once: providers
// that rotate refresh tokens reject the previous one from then on.
struct OAuthTokens
{
    QString accessToken;
    QString refreshToken;
    QDateTime expiresAt; // invalid when the provider did not say
    QStringList grantedScopes;

    bool isEmpty() const { return accessToken.isEmpty() && refreshToken.isEmpty(); }
};

// Why a grant, refresh or redirect failed. message is written for a merchant;
// serverError is the OAuth error code the server sent (e.g. "invalid_grant").
struct OAuthError
{
    enum Kind {
        Cancelled,
        Timeout,
        PortInUse,
        AuthorizationDenied,
        InvalidGrant,
        ServerError,
        NetworkError,
        MalformedReply,
    };

    Kind kind = ServerError;
    QString message;
    QString serverError;
    QString serverDescription; // error_description as sent, for diagnostics
    int httpStatus = 0;

    static QString kindName(Kind kind);
};

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::OAuthTokens)
Q_DECLARE_METATYPE(storeloom::OAuthError)
