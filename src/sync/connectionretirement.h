#pragma once

#include "workspace.h"

#include <QObject>
#include <functional>

namespace storeloom {

class SecretStore;

// Ends a connection the way a merchant expects: its secret leaves the
// keychain first, and only then does the workspace record it Disconnected
// (or forget it). If the keychain refuses — locked, not running — nothing
// changes and the reason comes back, so no token outlives a connection the
// merchant believes is gone.
class ConnectionRetirement
{
public:
    enum class Mode { Disconnect, Delete };
    // Empty `error`: done. Called on the SecretStore's thread.
    using Done = std::function<void(const QString &error)>;

    ConnectionRetirement(Workspace workspace, SecretStore &secrets);

    void retire(qint64 connectionId, Mode mode, Done done);

private:
    void finish(qint64 connectionId, Mode mode, const Done &done);

    Workspace m_workspace;
    SecretStore &m_secrets;
};

} // namespace storeloom
