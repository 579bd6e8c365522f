#pragma once

#include "oauthtypes.h"

#include <QByteArray>
#include <QHash>
#include <optional>

namespace storeloom {

// What a connection keeps in the keychain: its tokens and the secret form
// fields (an app's shared secret, say), as one JSON document.
struct Credentials
{
    OAuthTokens tokens;
    QHash<QString, QString> secretFields;

    QByteArray encode() const;
    static std::optional<Credentials> decode(const QByteArray &bytes);
};

} // namespace storeloom
