#include "workspacestatus.h"

#include "migrator.h"
#include "sql.h"

#include <numeric>

namespace storeloom {

namespace {

qint64 countRows(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery query = sql::prepare(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
    sql::exec(query);
    return query.next() ? query.value(0).toLongLong() : 0;
}

QMap<SyncItem::State, qint64> zeroItemCounts()
{
    QMap<SyncItem::State, qint64> counts;
    for (SyncItem::State state : allItemStates())
        counts.insert(state, 0);
    return counts;
}

// Adds up the rows of a "SELECT state, COUNT(*) ... GROUP BY state" query;
// states this build does not know are left out.
void addItemCounts(QSqlQuery &query, QMap<SyncItem::State, qint64> &counts)
{
    sql::exec(query);
    while (query.next()) {
        if (const auto state = itemStateFromString(query.value(0).toString()))
            counts[*state] += query.value(1).toLongLong();
    }
}

template<typename Key>
qint64 sum(const QMap<Key, qint64> &counts)
{
    return std::accumulate(counts.cbegin(), counts.cend(), qint64(0));
}

} // namespace

QList<SyncItem::State> allItemStates()
{
    using State = SyncItem::State;
    return {State::Pending, State::Running, State::Succeeded, State::Skipped,
            State::Failed,  State::Dead,    State::Cancelled};
}

QList<SyncRun::Status> allRunStatuses()
{
    using Status = SyncRun::Status;
    return {Status::Running, Status::Succeeded, Status::Failed, Status::Cancelled};
}

qint64 WorkspaceStatus::runCount() const { return sum(runsByStatus); }
qint64 WorkspaceStatus::itemCount() const { return sum(itemsByState); }

WorkspaceStatus WorkspaceStatus::read(const QSqlDatabase &db)
{
    WorkspaceStatus status;
    status.location = db.databaseName();
    status.schemaVersion = Migrator::currentVersion(db);
    status.connections = countRows(db, QStringLiteral("connections"));
    status.products = countRows(db, QStringLiteral("products"));

    for (SyncRun::Status runStatus : allRunStatuses())
        status.runsByStatus.insert(runStatus, 0);
    QSqlQuery runs = sql::prepare(
        db, QStringLiteral("SELECT status, COUNT(*) FROM sync_runs GROUP BY status"));
    sql::exec(runs);
    while (runs.next()) {
        if (const auto runStatus = runStatusFromString(runs.value(0).toString()))
            status.runsByStatus[*runStatus] += runs.value(1).toLongLong();
    }

    status.itemsByState = zeroItemCounts();
    QSqlQuery items = sql::prepare(
        db, QStringLiteral("SELECT state, COUNT(*) FROM sync_items GROUP BY state"));
    addItemCounts(items, status.itemsByState);
    return status;
}

QMap<SyncItem::State, qint64> WorkspaceStatus::itemCounts(const QSqlDatabase &db, qint64 runId)
{
    QMap<SyncItem::State, qint64> counts = zeroItemCounts();
    QSqlQuery query = sql::prepare(db, QStringLiteral("SELECT state, COUNT(*) FROM sync_items "
                                                      "WHERE run_id = :run GROUP BY state"));
    query.bindValue(QStringLiteral(":run"), runId);
    addItemCounts(query, counts);
    return counts;
}

} // namespace storeloom
