#include "workspaceaccess.h"

#include "clilogging.h"

namespace storeloom::cli {

Workspace openExistingWorkspace(const QString &path)
{
    qCDebug(lcCli) << "opening workspace" << path;
    Workspace workspace(path);
    workspace.open(Workspace::OpenMode::MustExist);
    qCDebug(lcCli) << "workspace at schema version" << workspace.schemaVersion();
    return workspace;
}

} // namespace storeloom::cli
