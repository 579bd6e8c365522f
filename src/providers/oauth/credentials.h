#pragma once

#include "oauthtypes.h"

#include <QByteArray>
#include <QHash>
#include <optional>

namespace storeloom {

// What a connection keeps in the keychain: its tokens and the connect form's
// fields (an app's client id and shared secret, say: a refresh needs them), as
// one JSON document.
struct Credentials
{
    OAuthTokens tokens;
    QHash<QString, QString> fields;

    QByteArray encode() const;
    static std::optional<Credentials> decode(const QByteArray &bytes);
};

} // namespace storeloom
