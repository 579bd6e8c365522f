#include "itemdependencies.h"

#include "runstore.h"
#include "sql.h"

namespace storeloom {

void ItemDependencies::startGroup(const SyncItem &first)
{
    // From now on the run counts it as its group: it is counted as what it
    // was counted as on its own.
    QSqlQuery &update = m_statements.get(
        QStringLiteral("UPDATE sync_items SET group_id = id, counted_as = :counted WHERE id = :id"));
    update.bindValue(QStringLiteral(":counted"), sql::text(RunStore::counterName(first.state)));
    update.bindValue(QStringLiteral(":id"), first.id);
    sql::exec(update);
}

void ItemDependencies::cancelAfter(const SyncItem &item, const QString &why)
{
    if (!item.groupId)
        return; // nothing waits for an item on its own
    cancelWaitingFor(item.id,
                     QStringLiteral("Not run: item %1 (%2), which this waits for, did not "
                                    "succeed: %3")
                         .arg(item.id)
                         .arg(item.operation, why));
}

void ItemDependencies::cancelWaitingFor(qint64 itemId, const QString &message)
{
    QSqlQuery &cancel = m_statements.get(QStringLiteral(
        "UPDATE sync_items SET state = 'cancelled', last_error = :message, updated_at = :now "
        "WHERE after_item_id = :id AND state IN ('pending', 'failed') RETURNING id"));
    cancel.bindValue(QStringLiteral(":message"), sql::text(message));
    cancel.bindValue(QStringLiteral(":now"), sql::nowMs());
    cancel.bindValue(QStringLiteral(":id"), itemId);
    sql::exec(cancel);
    QList<qint64> cancelled;
    while (cancel.next())
        cancelled.append(cancel.value(0).toLongLong());
    cancel.finish();
    for (qint64 dependent : std::as_const(cancelled))
        cancelWaitingFor(dependent, message); // and what waits for them, for the same reason
}

void ItemDependencies::restoreAfter(const SyncItem &item)
{
    if (item.groupId)
        restoreWaitingFor(item.id);
}

void ItemDependencies::restoreWaitingFor(qint64 itemId)
{
    QSqlQuery &restore = m_statements.get(QStringLiteral(
        "UPDATE sync_items SET state = 'pending', attempts = 0, next_attempt_at = :now, "
        "last_error = '', updated_at = :now WHERE after_item_id = :id AND state = 'cancelled' "
        "RETURNING id"));
    restore.bindValue(QStringLiteral(":now"), sql::nowMs());
    restore.bindValue(QStringLiteral(":id"), itemId);
    sql::exec(restore);
    QList<qint64> restored;
    while (restore.next())
        restored.append(restore.value(0).toLongLong());
    restore.finish();
    for (qint64 dependent : std::as_const(restored))
        restoreWaitingFor(dependent);
}

bool ItemDependencies::hasDependents(qint64 id)
{
    QSqlQuery &query = m_statements.get(
        QStringLiteral("SELECT 1 FROM sync_items WHERE after_item_id = :id LIMIT 1"));
    query.bindValue(QStringLiteral(":id"), id);
    sql::exec(query);
    const bool found = query.next();
    query.finish();
    return found;
}

} // namespace storeloom
