#pragma once

#include "workspace.h"

#include <QTemporaryDir>

namespace storeloom::test {

// A fresh, migrated workspace in a temporary folder that goes away with it.
class TestWorkspace
{
public:
    TestWorkspace();

    QString path() const { return m_workspace.path(); }
    const Workspace &workspace() const { return m_workspace; }
    QString dir() const { return m_dir.path(); }
    // The first column of the first row `sql` gives, on a handle of its own; -1 when none.
    qint64 scalar(const QString &sql) const;

private:
    QTemporaryDir m_dir;
    Workspace m_workspace;
};

} // namespace storeloom::test

#include "syncrun.h"
#include "testprinting.h"

#include <QHash>
#include <QSqlDatabase>

namespace storeloom::test {

// Items of a run counted by state, straight from the table.
QHash<QString, qint64> itemCountsByState(const QSqlDatabase &db, qint64 runId);

// True when the run's stored counters match its items; `why` says what differs.
bool countersMatchItems(const QSqlDatabase &db, const SyncRun &run, QString *why);

} // namespace storeloom::test
