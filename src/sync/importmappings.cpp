#include "importmappings.h"

#include "bulkinsert.h"
#include "sql.h"

namespace storeloom {

namespace {
QVariantList toVariants(const QList<qint64> &ids)
{
    QVariantList list;
    list.reserve(ids.size());
    for (qint64 id : ids)
        list.append(id);
    return list;
}
} // namespace

QString ImportMappings::upsertHead()
{
    return QStringLiteral("INSERT INTO mappings (connection_id, entity_type, internal_id, "
                          "external_id, source_hash, target_hash, state, last_synced_at, "
                          "seen_in_import)");
}

QString ImportMappings::upsertTail()
{
    return QStringLiteral(
        "ON CONFLICT (connection_id, entity_type, internal_id) DO UPDATE SET "
        "external_id = excluded.external_id, source_hash = excluded.source_hash, "
        "target_hash = excluded.target_hash, state = excluded.state, last_error = '', "
        "last_synced_at = excluded.last_synced_at, seen_in_import = excluded.seen_in_import");
}

QHash<QString, KnownProduct> ImportMappings::products(const QStringList &externalIds)
{
    QVariantList keys;
    keys.reserve(externalIds.size());
    for (const QString &id : externalIds)
        keys.append(id);
    QHash<QString, KnownProduct> known;
    known.reserve(externalIds.size());
    forEachInChunks(
        m_cache,
        QStringLiteral("SELECT m.external_id, m.id, m.source_hash, m.target_hash, p.id, "
                       "p.content_hash, p.source_deleted_at, m.seen_in_import FROM mappings m "
                       "LEFT JOIN products p ON p.id = m.internal_id "
                       "WHERE m.connection_id = ? AND m.entity_type = 'product' "
                       "AND m.external_id IN (%1)"),
        {m_connectionId}, keys, [&](QSqlQuery &row) {
            KnownProduct product;
            product.mappingId = row.value(1).toLongLong();
            product.sourceHash = row.value(2).toString();
            product.importedHash = row.value(3).toString();
            product.productId = row.value(4).toLongLong();
            product.contentHash = row.value(5).toString();
            product.flagged = !row.value(6).isNull();
            product.seenInImport = row.value(7).toLongLong();
            known.insert(row.value(0).toString(), product);
        });
    return known;
}

QHash<QString, qint64> ImportMappings::all(const QString &entityType, const QString &table)
{
    QSqlQuery &query =
        m_cache.get(QStringLiteral("SELECT m.external_id, m.internal_id FROM mappings m "
                                   "JOIN %1 t ON t.id = m.internal_id "
                                   "WHERE m.connection_id = :connection AND m.entity_type = :type")
                        .arg(table));
    query.bindValue(QStringLiteral(":connection"), m_connectionId);
    query.bindValue(QStringLiteral(":type"), entityType);
    sql::exec(query);
    QHash<QString, qint64> ids;
    while (query.next())
        ids.insert(query.value(0).toString(), query.value(1).toLongLong());
    query.finish();
    return ids;
}

QHash<QString, qint64> ImportMappings::variantsOf(qint64 productId)
{
    QSqlQuery &query = m_cache.get(
        QStringLiteral("SELECT m.external_id, m.internal_id FROM mappings m "
                       "JOIN variants v ON v.id = m.internal_id "
                       "WHERE m.connection_id = :connection AND m.entity_type = 'variant' "
                       "AND v.product_id = :product"));
    query.bindValue(QStringLiteral(":connection"), m_connectionId);
    query.bindValue(QStringLiteral(":product"), productId);
    sql::exec(query);
    QHash<QString, qint64> ids;
    while (query.next())
        ids.insert(query.value(0).toString(), query.value(1).toLongLong());
    query.finish();
    return ids;
}

void ImportMappings::markSeen(const QList<qint64> &mappingIds, qint64 importId)
{
    forEachInChunks(m_cache,
                    QStringLiteral("UPDATE mappings SET seen_in_import = ? WHERE id IN (%1)"),
                    {importId}, toVariants(mappingIds));
}

void ImportMappings::markSeenByInternalId(const QString &entityType,
                                          const QList<qint64> &internalIds, qint64 importId)
{
    forEachInChunks(m_cache,
                    QStringLiteral("UPDATE mappings SET seen_in_import = ? WHERE connection_id = ? "
                                   "AND entity_type = ? AND internal_id IN (%1)"),
                    {importId, m_connectionId, entityType}, toVariants(internalIds));
}

void ImportMappings::remove(const QString &entityType, const QList<qint64> &internalIds)
{
    forEachInChunks(m_cache,
                    QStringLiteral("DELETE FROM mappings WHERE connection_id = ? "
                                   "AND entity_type = ? AND internal_id IN (%1)"),
                    {m_connectionId, entityType}, toVariants(internalIds));
}

void ImportMappings::removeMapping(qint64 mappingId)
{
    QSqlQuery &query = m_cache.get(QStringLiteral("DELETE FROM mappings WHERE id = :id"));
    query.bindValue(QStringLiteral(":id"), mappingId);
    sql::exec(query);
}

void ImportMappings::removeMediaOf(qint64 productId)
{
    QSqlQuery &query = m_cache.get(QStringLiteral(
        "DELETE FROM mappings WHERE connection_id = :connection AND entity_type = 'media' "
        "AND internal_id IN (SELECT id FROM media WHERE product_id = :product)"));
    query.bindValue(QStringLiteral(":connection"), m_connectionId);
    query.bindValue(QStringLiteral(":product"), productId);
    sql::exec(query);
}

qint64 ImportMappings::flagUnseenProducts(qint64 importId, qint64 now)
{
    QSqlQuery &query = m_cache.get(QStringLiteral(
        "UPDATE products SET source_deleted_at = :now WHERE source_deleted_at IS NULL "
        "AND id IN (SELECT internal_id FROM mappings WHERE connection_id = :connection "
        "AND entity_type = 'product' AND (seen_in_import IS NULL OR seen_in_import <> :import))"));
    query.bindValue(QStringLiteral(":now"), now);
    query.bindValue(QStringLiteral(":connection"), m_connectionId);
    query.bindValue(QStringLiteral(":import"), importId);
    sql::exec(query);
    return query.numRowsAffected();
}

} // namespace storeloom
