#pragma once

#include "commandline.h"
#include "output.h"
#include "workspace.h"

namespace storeloom::cli {

// storeloom-cli publish --to CONNECTION (--product ID… | --all) [--yes]:
// prints the plan and stops there unless --yes; with --yes runs it through
// PublishService (a progress bar on a terminal) and prints each product's
// listing. Ctrl+C cancels what has not started; products in flight finish.
class PublishCommand
{
public:
    PublishCommand(const Invocation &invocation, const Output &output)
        : m_invocation(invocation), m_output(output)
    {}

    // Throws CliError: NotFound (connection, product), InvalidState (cannot
    // publish there, over today's budget), Keychain (sign-in not loaded),
    // Platform (some products failed), Interrupted (Ctrl+C).
    QString run(const Workspace &workspace) const;

private:
    const Invocation &m_invocation;
    const Output &m_output;
};

} // namespace storeloom::cli
