#pragma once

#include "commandline.h"
#include "output.h"
#include "workspace.h"

#include <QString>

namespace storeloom::cli {

// The commands: each opens the workspace, reads or changes it through the
// hub's stores, and returns what to print. Errors are thrown as
// WorkspaceError (from the hub) or CliError.
class Commands
{
public:
    Commands(const Invocation &invocation, const Output &output)
        : m_invocation(invocation), m_output(output)
    {}

    QString execute() const;

private:
    QString init(const QString &path) const;
    QString status(const QSqlDatabase &db, const QString &location) const;
    QString runs(const QSqlDatabase &db) const;
    QString runShow(const QSqlDatabase &db) const;
    QString items(const QSqlDatabase &db) const;
    QString replay(const QSqlDatabase &db) const;
    QString cancel(const QSqlDatabase &db) const;
    QString connections(const QSqlDatabase &db) const;
    QString disconnect(const Workspace &workspace, const QSqlDatabase &db) const;

    const Invocation &m_invocation;
    const Output &m_output;
};

} // namespace storeloom::cli
