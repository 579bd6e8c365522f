#pragma once

#include "commandline.h"
#include "output.h"
#include "workspace.h"

namespace storeloom::cli {

// storeloom-cli connect PROVIDER: prints the address to open in a browser,
// then waits for the browser to come back to the loopback listener — or for
// the merchant to paste, on stdin, the address the browser ended on. With
// --no-wait it keeps the sign-in in the keychain and exits; a later run with
// --redirect-url finishes it.
class ConnectCommand
{
public:
    ConnectCommand(const Invocation &invocation, const Output &output)
        : m_invocation(invocation), m_output(output)
    {}

    // Throws CliError (ExitCode::Authorization) when the store was not connected.
    QString run(const Workspace &workspace) const;

private:
    QString finishSuspended(const Workspace &workspace) const;

    const Invocation &m_invocation;
    const Output &m_output;
};

} // namespace storeloom::cli
