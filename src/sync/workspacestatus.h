#pragma once

#include "syncitem.h"
#include "syncrun.h"

#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

namespace storeloom {

// A small read-only summary of a workspace: what the status line of the app
// and `storeloom-cli status` show. Every state appears in the maps, with 0
// when nothing is in it.
struct WorkspaceStatus
{
    QString location; // the database file (SQLite) or name
    int schemaVersion = 0;
    qint64 connections = 0;
    qint64 products = 0;
    QMap<SyncRun::Status, qint64> runsByStatus;
    QMap<SyncItem::State, qint64> itemsByState;

    qint64 runCount() const;
    qint64 itemCount() const;

    // Reads the summary; throws WorkspaceError (Kind::Sql) if a query fails.
    static WorkspaceStatus read(const QSqlDatabase &db);

    // Items per state, of one run; every state is present.
    static QMap<SyncItem::State, qint64> itemCounts(const QSqlDatabase &db, qint64 runId);
};

// Every value of the enums, in declaration order.
QList<SyncItem::State> allItemStates();
QList<SyncRun::Status> allRunStatuses();

} // namespace storeloom
