#pragma once

#include "workspace.h"

#include <QHash>
#include <QList>

namespace storeloom::test {

// A table in the workspace where test handlers note each execution of an
// item with their process id, so a test can count runs across processes.
void createExecutionLog(const QSqlDatabase &db);
void recordExecution(const Workspace &workspace, qint64 itemId);
QHash<qint64, QList<qint64>> executionsByItem(const QSqlDatabase &db);

} // namespace storeloom::test
