#include "importconflicts.h"

#include "importedcatalogjson.h"
#include "sql.h"

#include <QJsonDocument>

namespace storeloom {

void ImportConflictStore::record(const ImportConflict &conflict)
{
    // Written only when something differs from the open record, so seeing
    // the same conflict again writes nothing.
    QSqlQuery &upsert = m_statements.get(QStringLiteral(
        "INSERT INTO import_conflicts (connection_id, product_id, external_id, import_id, "
        "incoming_hash, incoming, local_hash, detected_at) VALUES (:connection, :product, "
        ":external, :import, :incoming_hash, :incoming, :local_hash, :detected) "
        "ON CONFLICT (connection_id, product_id) WHERE resolved_at IS NULL DO UPDATE SET "
        "external_id = excluded.external_id, import_id = excluded.import_id, "
        "incoming_hash = excluded.incoming_hash, incoming = excluded.incoming, "
        "local_hash = excluded.local_hash "
        "WHERE import_conflicts.incoming_hash <> excluded.incoming_hash "
        "OR import_conflicts.local_hash <> excluded.local_hash"));
    upsert.bindValue(QStringLiteral(":connection"), conflict.connectionId);
    upsert.bindValue(QStringLiteral(":product"), conflict.productId);
    upsert.bindValue(QStringLiteral(":external"), sql::text(conflict.externalId));
    upsert.bindValue(QStringLiteral(":import"), sql::idOrNull(conflict.importId));
    upsert.bindValue(QStringLiteral(":incoming_hash"), sql::text(conflict.incomingHash));
    upsert.bindValue(
        QStringLiteral(":incoming"),
        QString::fromUtf8(QJsonDocument(toJson(conflict.incoming)).toJson(QJsonDocument::Compact)));
    upsert.bindValue(QStringLiteral(":local_hash"), sql::text(conflict.localHash));
    upsert.bindValue(QStringLiteral(":detected"), conflict.detectedAt);
    sql::exec(upsert);
}

QList<ImportConflict> ImportConflictStore::open(qint64 connectionId)
{
    QSqlQuery &query = m_statements.get(QStringLiteral(
        "SELECT id, connection_id, product_id, external_id, import_id, incoming_hash, incoming, "
        "local_hash, detected_at, resolved_at FROM import_conflicts "
        "WHERE connection_id = :connection AND resolved_at IS NULL ORDER BY id"));
    query.bindValue(QStringLiteral(":connection"), connectionId);
    sql::exec(query);
    QList<ImportConflict> conflicts;
    while (query.next()) {
        ImportConflict conflict;
        conflict.id = query.value(0).toLongLong();
        conflict.connectionId = query.value(1).toLongLong();
        conflict.productId = query.value(2).toLongLong();
        conflict.externalId = query.value(3).toString();
        conflict.importId = query.value(4).toLongLong();
        conflict.incomingHash = query.value(5).toString();
        conflict.incoming = importedProductFromJson(
            QJsonDocument::fromJson(query.value(6).toString().toUtf8()).object());
        conflict.localHash = query.value(7).toString();
        conflict.detectedAt = query.value(8).toLongLong();
        if (!query.value(9).isNull())
            conflict.resolvedAt = query.value(9).toLongLong();
        conflicts.append(conflict);
    }
    query.finish();
    return conflicts;
}

} // namespace storeloom
