#pragma once

#include "connection.h"
#include "workspace.h"

#include <QString>

namespace storeloom {
class ConnectionAccess;
class PublishService;
} // namespace storeloom

namespace storeloom::cli {

// What publish and channel-settings share: finding the connection, making
// sure products can be published to it, and loading its sign-in.

// The platform's name as merchants know it: "Etsy".
QString platformName(const Connection &connection);

// Throws CliError (NotFound) when the workspace has no connection `id`.
Connection findConnection(const Workspace &workspace, qint64 id);

// Throws CliError (InvalidState) unless `service` can publish to the
// connection: "<refusal>: why not. Connections you can publish to: …".
// `refusal` names what cannot be done, e.g. "Cannot publish to connection 4
// (Etsy Linen Loom)"; refusalFor() words it from a lead such as "Cannot
// publish to connection".
void requirePublishable(const PublishService &service, const Connection &connection,
                        const QString &refusal);
QString refusalFor(const QString &lead, const Connection &connection);

// The connection's sign-in, read from the keychain by ConnectionAccess.
// Throws CliError: Keychain (not read), Interrupted (Ctrl+C, `interrupted`
// says what was not done).
void awaitSignIn(ConnectionAccess &access, const Connection &connection,
                 const QString &interrupted);

} // namespace storeloom::cli
