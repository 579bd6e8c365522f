#pragma once

#include "apikeyprovider.h"

namespace storeloom {

// WooCommerce REST API: the store's URL and a consumer key and secret the
// merchant creates in WooCommerce › Settings › Advanced › REST API (the
// wc-auth flow needs a public https callback a desktop cannot offer).
class WooCommerceProvider : public ApiKeyProvider
{
public:
    QString id() const override { return QStringLiteral("woocommerce"); }
    QString displayName() const override { return QStringLiteral("WooCommerce"); }
    AuthKind authKind() const override { return AuthKind::ApiKeys; }
    QList<ConnectField> connectFields() const override;
    QString apiVersion() const override { return QStringLiteral("wc/v3"); }
    RatePolicy ratePolicy() const override;

    // The store's address without a trailing slash: "https://shop.example.com".
    QString externalShopId(const Fields &fields) const override;
    // Reads the site's name from /wp-json/, then checks the keys with
    // /wp-json/wc/v3/system_status.
    void verify(const Fields &fields, QNetworkAccessManager *network,
                Identified done) const override;
};

} // namespace storeloom
