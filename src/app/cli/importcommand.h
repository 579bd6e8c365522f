#pragma once

#include "commandline.h"
#include "output.h"
#include "workspace.h"

namespace storeloom::cli {

// storeloom-cli import CONNECTION: imports a store's catalog with a
// progress bar on a terminal (nothing but the result otherwise, and with
// --json only the final document). Ctrl+C stops after the current page and
// keeps what was written; importing again resumes.
class ImportCommand
{
public:
    ImportCommand(const Invocation &invocation, const Output &output)
        : m_invocation(invocation), m_output(output)
    {}

    // Throws CliError: Platform when the import failed, Interrupted on Ctrl+C.
    QString run(const Workspace &workspace) const;

private:
    const Invocation &m_invocation;
    const Output &m_output;
};

} // namespace storeloom::cli
