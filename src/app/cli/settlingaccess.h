#pragma once

#include "appservices.h"
#include "connectionaccess.h"

#include <memory>

namespace storeloom::cli {

// A command's one owner of each connection's tokens. Going away, it first
// lets a renewal under way finish (for a few seconds at most): a refresh the
// platform has answered but whose rotated token is not in the keychain yet
// would be lost with the process — and the stored token is spent already.
class SettlingAccess : public ConnectionAccess
{
public:
    using ConnectionAccess::ConnectionAccess;
    ~SettlingAccess() override;
};

// The services a command that talks to a store works with (the composition
// root's AppServices, over the built-in platforms), its token owners settling.
std::unique_ptr<AppServices> commandServices(const Workspace &workspace);

} // namespace storeloom::cli
