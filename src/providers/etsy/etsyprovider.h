#pragma once

#include "provider.h"

namespace storeloom {

// Etsy Open API v3: a public client with PKCE; every call also carries the
// app's keystring and shared secret.
class EtsyProvider : public Provider
{
public:
    QString id() const override { return QStringLiteral("etsy"); }
    QString displayName() const override { return QStringLiteral("Etsy"); }
    AuthKind authKind() const override { return AuthKind::OAuthPkce; }
    QList<ConnectField> connectFields() const override;
};

} // namespace storeloom
