#pragma once

#include "provider.h"

namespace storeloom {

// Shopify: the merchant's own app (client id and secret) on their shop;
// authorization code grant with state and an hmac-signed callback.
class ShopifyProvider : public Provider
{
public:
    QString id() const override { return QStringLiteral("shopify"); }
    QString displayName() const override { return QStringLiteral("Shopify"); }
    AuthKind authKind() const override { return AuthKind::OAuthClientSecret; }
    QList<ConnectField> connectFields() const override;

    // "linen-loom.myshopify.com"; empty when `domain` is not a shop's admin domain.
    static QString normalizedShopDomain(const QString &domain);
};

} // namespace storeloom
