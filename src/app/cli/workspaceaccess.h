#pragma once

#include "workspace.h"

#include <QString>

namespace storeloom::cli {

// Opens the workspace at `path` without ever creating one: a missing file, a
// file that is not SQLite, and an SQLite database that is not a Storeloom
// workspace all throw WorkspaceError (Kind::Unavailable); a newer workspace
// throws NewerSchema.
Workspace openExistingWorkspace(const QString &path);

} // namespace storeloom::cli
