#pragma once

#include <QString>
#include <functional>

namespace storeloom {

// One value a merchant types to connect a store (a shop domain, an app's
// client id, a key). The adapter says what it needs and what a valid value
// looks like; the UI and the CLI build their forms from it.
struct ConnectField
{
    QString id;          // e.g. "shop_domain"; also the CLI option name (--shop-domain)
    QString label;       // e.g. "Shop domain"
    QString placeholder; // an example of a valid value
    bool secret = false; // kept in the keychain, typed into a masked field, never shown
    // Empty when `value` is acceptable, else what is wrong and how to fix it.
    std::function<QString(const QString &value)> validate;

    QString problemWith(const QString &value) const;
};

} // namespace storeloom
