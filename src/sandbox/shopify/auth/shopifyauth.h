#pragma once

#include "shopify/server/httpmessage.h"

#include <QMutex>
#include <QStringList>

#include <optional>

namespace storeloom::sandbox::shopify {

// The app a merchant created for their shop, and how the shop treats it.
struct AuthSettings
{
    QString clientId = QStringLiteral("sandbox-client-id");
    QString clientSecret = QStringLiteral("sandbox-client-secret");
    bool clientCredentialsAllowed = false; // only apps owned by the shop's organisation
    QStringList clientCredentialsScopes = {QStringLiteral("read_products"), QStringLiteral("read_inventory"),
                                           QStringLiteral("read_locations")};
    QString shopDomain = QStringLiteral("storeloom-sandbox.myshopify.com");
    QStringList redirectAllowList; // besides any http://127.0.0.1 and http://localhost address
    int accessTokenLifetimeSecs = 3600;        // expiring offline tokens
    int clientCredentialsLifetimeSecs = 86399;
    int codeLifetimeSecs = 600;
    int refreshTokenLifetimeSecs = 7776000;
    bool denyAuthorization = false; // the merchant declines
    bool tamperHmac = false;        // the callback's hmac does not verify
};

// Shopify's OAuth for an app on one shop: GET /admin/oauth/authorize (auto-
// approved, hmac-signed callback), POST /admin/oauth/access_token (code,
// refresh_token with rotation, client_credentials), and the tokens the
// Admin API accepts. Thread-safe.
class ShopifyAuth
{
public:
    explicit ShopifyAuth(AuthSettings settings = {});

    AuthSettings settings() const;
    void setSettings(const AuthSettings &settings);

    HttpResponse authorize(const QUrl &url);
    HttpResponse accessToken(const HttpRequest &request);

    // The scopes of a token that works now; nothing for a missing, unknown,
    // expired or revoked one.
    std::optional<QStringList> scopesOf(const QString &accessToken);
    // A token valid for `lifetimeSecs` (0: never expires), e.g. for benchmarks.
    QString issueAccessToken(const QStringList &scopes, int lifetimeSecs = 0, const QString &token = {});
    // Every access and refresh token stops working (the app was uninstalled).
    void revokeAllGrants();

    // lowercase hex HMAC-SHA256(secret, "k=v&k=v" over the pairs sorted by key).
    static QString callbackHmac(QList<QPair<QString, QString>> pairs, const QString &secret);

private:
    struct Code
    {
        QStringList scopes;
        qint64 issuedMs = 0;
        bool used = false;
    };
    struct Token
    {
        QStringList scopes;
        qint64 expiresMs = 0; // 0: never
    };

    QJsonObject issueExpiring(const QStringList &scopes);
    HttpResponse codeGrant(const QHash<QString, QString> &form);
    HttpResponse refreshGrant(const QHash<QString, QString> &form);
    HttpResponse clientCredentialsGrant(const QHash<QString, QString> &form);
    bool redirectAllowed(const QUrl &redirect) const;
    static qint64 nowMs();
    static QString randomToken(const QString &prefix);

    mutable QMutex m_mutex;
    AuthSettings m_settings;
    QHash<QString, Code> m_codes;
    QHash<QString, Token> m_accessTokens;
    QHash<QString, Token> m_refreshTokens;
};

} // namespace storeloom::sandbox::shopify
