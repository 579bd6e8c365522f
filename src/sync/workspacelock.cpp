#include "workspacelock.h"

#include "sql.h"

#include <QCoreApplication>
#include <QUuid>

namespace storeloom {

WorkspaceLock::WorkspaceLock(QSqlDatabase db) : m_db(std::move(db)) {}

QString WorkspaceLock::newOwnerId()
{
    return QStringLiteral("pid%1-%2")
        .arg(QCoreApplication::applicationPid())
        .arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
}

bool WorkspaceLock::tryAcquire(const QString &name, const QString &owner, qint64 ttlMs)
{
    // The WHERE of DO UPDATE decides: a live lease of someone else leaves the
    // row alone and RETURNING yields nothing. excluded.acquired_at is "now".
    QSqlQuery upsert = sql::prepare(
        m_db, QStringLiteral("INSERT INTO workspace_locks (name, owner, acquired_at, expires_at) "
                             "VALUES (:name, :owner, :now, :expires) "
                             "ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, "
                             "acquired_at = CASE WHEN workspace_locks.owner = excluded.owner "
                             "THEN workspace_locks.acquired_at ELSE excluded.acquired_at END, "
                             "expires_at = excluded.expires_at "
                             "WHERE workspace_locks.owner = excluded.owner "
                             "OR workspace_locks.expires_at <= excluded.acquired_at "
                             "RETURNING owner"));
    const qint64 now = sql::nowMs();
    upsert.bindValue(QStringLiteral(":name"), sql::text(name));
    upsert.bindValue(QStringLiteral(":owner"), sql::text(owner));
    upsert.bindValue(QStringLiteral(":now"), now);
    upsert.bindValue(QStringLiteral(":expires"), now + ttlMs);
    sql::exec(upsert);
    const bool won = upsert.next() && upsert.value(0).toString() == owner;
    upsert.finish();
    return won;
}

bool WorkspaceLock::release(const QString &name, const QString &owner)
{
    QSqlQuery remove = sql::prepare(
        m_db, QStringLiteral("DELETE FROM workspace_locks WHERE name = :name AND owner = :owner"));
    remove.bindValue(QStringLiteral(":name"), sql::text(name));
    remove.bindValue(QStringLiteral(":owner"), sql::text(owner));
    sql::exec(remove);
    return remove.numRowsAffected() > 0;
}

std::optional<WorkspaceLock::Holder> WorkspaceLock::holder(const QString &name) const
{
    QSqlQuery query = sql::prepare(
        m_db, QStringLiteral("SELECT owner, acquired_at, expires_at FROM workspace_locks "
                             "WHERE name = :name AND expires_at > :now"));
    query.bindValue(QStringLiteral(":name"), sql::text(name));
    query.bindValue(QStringLiteral(":now"), sql::nowMs());
    sql::exec(query);
    if (!query.next())
        return std::nullopt;
    return Holder{query.value(0).toString(), query.value(1).toLongLong(),
                  query.value(2).toLongLong()};
}

} // namespace storeloom
