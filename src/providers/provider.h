#pragma once

#include "connectfield.h"
#include "ratepolicy.h"

#include <QList>
#include <QString>

namespace storeloom {

// What every platform adapter declares about itself. Adapters own the
// platform's semantics (auth, protocol, payloads); the hub owns the lifecycle.
class Provider
{
public:
    // How a merchant authorizes the connection; the UI builds the matching form.
    enum class AuthKind {
        OAuthPkce,         // public client, authorization code + PKCE
        OAuthClientSecret, // the merchant's app: client id and secret
        ApiKeys,           // keys pasted by the merchant
    };

    virtual ~Provider() = default;
    virtual QString id() const = 0; // stored in connections.provider
    virtual QString displayName() const = 0;
    virtual AuthKind authKind() const = 0;
    // What the merchant types to connect, in the order the form shows it.
    virtual QList<ConnectField> connectFields() const = 0;
    // The version of the platform's API this build speaks, as the platform names it.
    virtual QString apiVersion() const = 0;
    // The platform's request limits per plan and who meters them; the hub
    // makes each connection's RateBudget from it (ConnectionAccess::budget).
    virtual RatePolicy ratePolicy() const = 0;
};

} // namespace storeloom
