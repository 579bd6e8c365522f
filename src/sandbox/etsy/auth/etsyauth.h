#pragma once

#include "etsy/api/formdata.h"
#include "etsy/server/sandboxclock.h"
#include "etsy/server/wirereply.h"

#include <QHash>
#include <QStringList>

namespace storeloom::sandbox::etsy {

struct EtsyAuthSettings
{
    QString keystring = QStringLiteral("sandboxkeystring");
    QString sharedSecret = QStringLiteral("sandboxsecret");
    qint64 userId = 4242;
    int accessTokenLifetimeSecs = 3600;
    int codeLifetimeSecs = 300;
};

struct EtsyTokens
{
    QString accessToken;
    QString refreshToken;
    int expiresIn = 0;
};

// Etsy's OAuth 2.0 for a public client: GET /oauth/connect (PKCE with S256
// only, auto-consented), POST /v3/public/oauth/token (authorization_code
// with code_verifier; refresh_token, which rotates), and the checks every
// /v3/application request passes (x-api-key, bearer token). Guarded by the
// sandbox's lock.
class EtsyAuth
{
public:
    EtsyAuth(const SandboxClock &clock, EtsyAuthSettings settings);

    const EtsyAuthSettings &settings() const { return m_settings; }

    HttpResponse connect(const QUrl &url);
    HttpResponse token(const HttpRequest &request);

    // Empty when the x-api-key header is `<keystring>:<shared secret>`.
    QString apiKeyError(const QByteArray &header) const;
    bool bearerValid(const QByteArray &authorizationHeader) const;

    EtsyTokens issueTokens(const QStringList &scopes = allScopes());
    bool expireAccessToken(const QString &accessToken);
    bool revokeRefreshToken(const QString &refreshToken);

    static QStringList allScopes();
    // base64url(SHA-256(verifier)), no padding: what a client sends as code_challenge.
    static QString challengeFor(const QString &verifier);

private:
    struct Code
    {
        QString redirectUri;
        QString challenge;
        QStringList scopes;
        qint64 expiresMs = 0;
        bool used = false;
    };

    HttpResponse codeGrant(const FormFields &form);
    HttpResponse refreshGrant(const FormFields &form);
    HttpResponse tokenAnswer(const QStringList &scopes);
    QString randomToken() const;

    const SandboxClock &m_clock;
    EtsyAuthSettings m_settings;
    QHash<QString, Code> m_codes;
    QHash<QString, qint64> m_accessTokens;       // token -> expiry (ms)
    QHash<QString, QStringList> m_refreshTokens; // live refresh token -> scopes
};

} // namespace storeloom::sandbox::etsy
