#pragma once

#include "commandline.h"
#include "output.h"
#include "workspace.h"

namespace storeloom::cli {

// storeloom-cli channel-settings CONNECTION [--set KEY=VALUE…] [--field KEY]:
// the channel's publishing defaults (what ChannelSettingsDialog edits in the
// app) with the choices the shop offers, loaded through PublishService.
// With --set, each value is checked against the field's choices, merged into
// the stored settings (the others kept) and saved.
class ChannelSettingsCommand
{
public:
    ChannelSettingsCommand(const Invocation &invocation, const Output &output)
        : m_invocation(invocation), m_output(output)
    {}

    // Throws CliError: NotFound (connection), InvalidState (cannot publish
    // there), Usage (unknown key or value), Keychain (sign-in not loaded, with
    // --set), Platform (the choices could not be loaded, with --set),
    // Interrupted (Ctrl+C).
    QString run(const Workspace &workspace) const;

private:
    const Invocation &m_invocation;
    const Output &m_output;
};

} // namespace storeloom::cli
