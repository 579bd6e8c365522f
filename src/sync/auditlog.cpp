#include "auditlog.h"

#include "sql.h"

namespace storeloom {

void AuditLog::record(const QString &kind, const QString &message, qint64 connectionId,
                      qint64 runId)
{
    QSqlQuery query = sql::prepare(
        m_db, QStringLiteral("INSERT INTO audit_events (at, kind, connection_id, run_id, message) "
                             "VALUES (:at, :kind, :connection, :run, :message)"));
    query.bindValue(QStringLiteral(":at"), sql::nowMs());
    query.bindValue(QStringLiteral(":kind"), sql::text(kind));
    query.bindValue(QStringLiteral(":connection"), sql::idOrNull(connectionId));
    query.bindValue(QStringLiteral(":run"), sql::idOrNull(runId));
    query.bindValue(QStringLiteral(":message"), sql::text(message));
    sql::exec(query);
}

QList<AuditEvent> AuditLog::recent(int limit) const
{
    QSqlQuery query = sql::prepare(
        m_db,
        QStringLiteral("SELECT id, at, kind, connection_id, run_id, message FROM audit_events "
                       "ORDER BY at DESC, id DESC LIMIT :limit"));
    query.bindValue(QStringLiteral(":limit"), sql::limitValue(limit));
    sql::exec(query);
    QList<AuditEvent> events;
    while (query.next()) {
        events.append({query.value(0).toLongLong(), query.value(1).toLongLong(),
                       query.value(2).toString(), query.value(3).toLongLong(),
                       query.value(4).toLongLong(), query.value(5).toString()});
    }
    return events;
}

} // namespace storeloom
