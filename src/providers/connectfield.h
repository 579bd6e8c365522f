#pragma once

#include <QList>
#include <QString>
#include <functional>

namespace storeloom {

// One value a merchant types to connect a store (a shop domain, an app's
// client id, a key). The adapter says what it needs and what a valid value
// looks like; the UI and the CLI build their forms from it.
struct ConnectField
{
    struct Choice
    {
        QString value; // what the adapter reads, and what the CLI option takes
        QString label;
    };

    QString id;          // e.g. "shop_domain"; also the CLI option name (--shop-domain)
    QString label;       // e.g. "Shop domain"
    QString placeholder; // an example of a valid value
    bool secret = false; // kept in the keychain, typed into a masked field, never shown
    // Empty when `value` is acceptable, else what is wrong and how to fix it.
    std::function<QString(const QString &value)> validate;
    // Non-empty: the value is one of these, the first unless chosen otherwise.
    QList<Choice> choices;

    QString problemWith(const QString &value) const;
    // `value`, or the default choice when it is empty.
    QString valueOrDefault(const QString &value) const;
};

} // namespace storeloom
