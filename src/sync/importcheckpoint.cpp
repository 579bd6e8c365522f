#include "importcheckpoint.h"

#include "sql.h"

namespace storeloom {

namespace {

ImportCheckpoint::Status statusFrom(const QString &text)
{
    using Status = ImportCheckpoint::Status;
    for (Status status :
         {Status::Running, Status::Cancelled, Status::Finished, Status::Abandoned}) {
        if (nameOf(status) == text)
            return status;
    }
    return Status::Running;
}

} // namespace

QString nameOf(ImportCheckpoint::Status status)
{
    switch (status) {
    case ImportCheckpoint::Status::Running:
        return QStringLiteral("running");
    case ImportCheckpoint::Status::Cancelled:
        return QStringLiteral("cancelled");
    case ImportCheckpoint::Status::Finished:
        return QStringLiteral("finished");
    case ImportCheckpoint::Status::Abandoned:
        return QStringLiteral("abandoned");
    }
    return {};
}

std::optional<ImportCheckpoint> ImportCheckpointStore::findOne(const QString &condition,
                                                               qint64 connectionId)
{
    QSqlQuery &query = m_cache.get(
        QStringLiteral("SELECT id, connection_id, status, phase, next_cursor, pages, created, "
                       "updated, unchanged, conflicts, flagged, started_at, finished_at "
                       "FROM catalog_imports WHERE connection_id = :connection %1 "
                       "ORDER BY id DESC LIMIT 1")
            .arg(condition));
    query.bindValue(QStringLiteral(":connection"), connectionId);
    sql::exec(query);
    std::optional<ImportCheckpoint> found;
    if (query.next()) {
        ImportCheckpoint checkpoint;
        checkpoint.importId = query.value(0).toLongLong();
        checkpoint.connectionId = query.value(1).toLongLong();
        checkpoint.status = statusFrom(query.value(2).toString());
        checkpoint.phase = query.value(3).toString();
        checkpoint.cursor = query.value(4).toString();
        checkpoint.pages = query.value(5).toLongLong();
        checkpoint.counts = {query.value(6).toLongLong(), query.value(7).toLongLong(),
                             query.value(8).toLongLong(), query.value(9).toLongLong(),
                             query.value(10).toLongLong()};
        checkpoint.startedAt = query.value(11).toLongLong();
        if (!query.value(12).isNull())
            checkpoint.finishedAt = query.value(12).toLongLong();
        found = checkpoint;
    }
    query.finish();
    return found;
}

std::optional<ImportCheckpoint> ImportCheckpointStore::findOpen(qint64 connectionId)
{
    return findOne(QStringLiteral("AND finished_at IS NULL"), connectionId);
}

std::optional<ImportCheckpoint> ImportCheckpointStore::latest(qint64 connectionId)
{
    return findOne(QString(), connectionId);
}

ImportCheckpoint ImportCheckpointStore::create(qint64 importId, qint64 connectionId, qint64 now)
{
    QSqlQuery &insert = m_cache.get(
        QStringLiteral("INSERT INTO catalog_imports (id, connection_id, status, started_at, "
                       "updated_at) VALUES (:id, :connection, 'running', :now, :now2)"));
    insert.bindValue(QStringLiteral(":id"), importId);
    insert.bindValue(QStringLiteral(":connection"), connectionId);
    insert.bindValue(QStringLiteral(":now"), now);
    insert.bindValue(QStringLiteral(":now2"), now);
    sql::exec(insert);
    ImportCheckpoint checkpoint;
    checkpoint.importId = importId;
    checkpoint.connectionId = connectionId;
    checkpoint.startedAt = now;
    return checkpoint;
}

void ImportCheckpointStore::save(const ImportCheckpoint &checkpoint, qint64 now)
{
    QSqlQuery &update = m_cache.get(QStringLiteral(
        "UPDATE catalog_imports SET status = :status, phase = :phase, next_cursor = :cursor, "
        "pages = :pages, created = :created, updated = :updated, unchanged = :unchanged, "
        "conflicts = :conflicts, flagged = :flagged, updated_at = :now, finished_at = :finished "
        "WHERE id = :id"));
    update.bindValue(QStringLiteral(":status"), nameOf(checkpoint.status));
    update.bindValue(QStringLiteral(":phase"), sql::text(checkpoint.phase));
    update.bindValue(QStringLiteral(":cursor"), sql::text(checkpoint.cursor));
    update.bindValue(QStringLiteral(":pages"), checkpoint.pages);
    update.bindValue(QStringLiteral(":created"), checkpoint.counts.created);
    update.bindValue(QStringLiteral(":updated"), checkpoint.counts.updated);
    update.bindValue(QStringLiteral(":unchanged"), checkpoint.counts.unchanged);
    update.bindValue(QStringLiteral(":conflicts"), checkpoint.counts.conflicts);
    update.bindValue(QStringLiteral(":flagged"), checkpoint.counts.flagged);
    update.bindValue(QStringLiteral(":now"), now);
    update.bindValue(QStringLiteral(":finished"), checkpoint.finishedAt
                                                      ? QVariant(*checkpoint.finishedAt)
                                                      : QVariant(QMetaType::fromType<qint64>()));
    update.bindValue(QStringLiteral(":id"), checkpoint.importId);
    sql::exec(update);
}

} // namespace storeloom
