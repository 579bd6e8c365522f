#pragma once

#include "commandline.h"
#include "workspace.h"

namespace storeloom::cli {

// storeloom-cli unpublish --from CONNECTION --product ID… [--yes]: says
// which listings would be deactivated and stops there unless --yes; with
// --yes runs one "listing.deactivate" item per product through
// PublishService and waits for the run. A product without a listing on the
// connection is refused before anything is sent.
class UnpublishCommand
{
public:
    explicit UnpublishCommand(const Invocation &invocation) : m_invocation(invocation) {}

    // Throws CliError: NotFound (connection, product), InvalidState (cannot
    // publish there, a product has no listing), Keychain (sign-in not
    // loaded), Platform (a listing was not deactivated), Interrupted (Ctrl+C).
    QString run(const Workspace &workspace) const;

private:
    const Invocation &m_invocation;
};

} // namespace storeloom::cli
