#pragma once

#include "catalogimportjob.h"
#include "oauthprovider.h"

namespace storeloom {

// Shopify: the merchant's own app (client id and secret, kept in the
// keychain with the tokens) on their shop. Either the authorization code
// grant — the merchant approves in the browser, the callback's hmac is
// verified, the tokens are expiring offline tokens that refresh and rotate —
// or, for an app owned by the merchant's organization, the client
// credentials grant (no browser; renewed with the same credentials).
class ShopifyProvider : public OAuthProvider, public ImportingProvider
{
public:
    // The scopes an import and stock sync need.
    static QStringList scopes();

    QString id() const override { return QStringLiteral("shopify"); }
    QString displayName() const override { return QStringLiteral("Shopify"); }
    AuthKind authKind() const override { return AuthKind::OAuthClientSecret; }
    QList<ConnectField> connectFields() const override;
    QString apiVersion() const override;
    RatePolicy ratePolicy() const override;

    OAuthSettings oauthSettings(const Fields &fields) const override;
    void identifyShop(const OAuthTokens &tokens, const Fields &fields,
                      QNetworkAccessManager *network, Identified done) const override;

    std::unique_ptr<CatalogSource> createCatalogSource(const CatalogSourceContext &context) const override;

    // "linen-loom.myshopify.com"; empty when `domain` is not a shop's admin domain.
    static QString normalizedShopDomain(const QString &domain);
};

} // namespace storeloom
