#pragma once

#include "workspaceerror.h"

#include <QString>
#include <stdexcept>

namespace storeloom::cli {

// What storeloom-cli returns; scripts rely on these, so they never change
// meaning. The --help text lists them (CommandLine::exitCodeHelp()).
enum class ExitCode : int {
    Ok = 0,
    Failure = 1,              // unexpected or database error
    Usage = 2,                // unknown command or option, missing or malformed argument
    NotFound = 3,             // unknown run or item id
    WorkspaceUnavailable = 4, // missing, unreadable, not a workspace, newer schema
    InvalidState = 5,         // e.g. replaying a succeeded item, cancelling a finished run
    Keychain = 6,             // the system keychain is locked, not running, or refused
    Authorization = 7,        // connecting a store did not complete (refused, cancelled, timed out)
    Platform = 8,             // the store's platform failed or refused; running again resumes
    Interrupted = 130,        // stopped by Ctrl+C; what was done is kept, running again resumes
};

// An error the CLI reports itself: a one-line message and its exit code,
// and rarely what stdout still gets (publish: each product's result when
// some failed, so a script reads them all from one place).
class CliError : public std::runtime_error
{
public:
    CliError(ExitCode code, const QString &message, const QString &output = {})
        : std::runtime_error(message.toStdString()), m_code(code), m_message(message),
          m_output(output)
    {}

    ExitCode code() const { return m_code; }
    QString message() const { return m_message; }
    QString output() const { return m_output; }

private:
    ExitCode m_code;
    QString m_message;
    QString m_output;
};

inline CliError usageError(const QString &message)
{
    return CliError(ExitCode::Usage, message);
}

inline ExitCode exitCodeFor(WorkspaceError::Kind kind)
{
    switch (kind) {
    case WorkspaceError::Kind::Unavailable:
    case WorkspaceError::Kind::NewerSchema:
        return ExitCode::WorkspaceUnavailable;
    case WorkspaceError::Kind::NotFound:
        return ExitCode::NotFound;
    case WorkspaceError::Kind::InvalidState:
        return ExitCode::InvalidState;
    case WorkspaceError::Kind::Sql:
        break;
    }
    return ExitCode::Failure;
}

} // namespace storeloom::cli
