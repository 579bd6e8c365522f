#pragma once

#include "provider.h"

namespace storeloom {

// WooCommerce REST API: the store's URL and a consumer key and secret the
// merchant creates in WooCommerce › Settings › Advanced › REST API (the
// wc-auth flow needs a public https callback a desktop cannot offer).
class WooCommerceProvider : public Provider
{
public:
    QString id() const override { return QStringLiteral("woocommerce"); }
    QString displayName() const override { return QStringLiteral("WooCommerce"); }
    AuthKind authKind() const override { return AuthKind::ApiKeys; }
    QList<ConnectField> connectFields() const override;
};

} // namespace storeloom
