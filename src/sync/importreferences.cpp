#include "importreferences.h"

#include "logging.h"
#include "sql.h"

namespace storeloom {

ImportReferences::ImportReferences(StatementCache &cache, BoundStatements &bound, IdAllocator &ids,
                                   ImportMappings &mappings, qint64 connectionId)
    : m_cache(cache), m_ids(ids), m_mappings(mappings), m_connectionId(connectionId),
      m_mappingUpserts(bound, ImportMappings::upsertHead(), ImportMappings::kUpsertColumns,
                       ImportMappings::upsertTail()),
      m_members(bound,
                QStringLiteral("INSERT INTO collection_products (collection_id, product_id, "
                               "position)"),
                3, QStringLiteral("ON CONFLICT (collection_id, product_id) DO NOTHING"))
{}

void ImportReferences::load()
{
    m_locations = m_mappings.all(entity::location(), QStringLiteral("locations"));
    m_collections = m_mappings.all(entity::collection(), QStringLiteral("collections"));
}

ImportReferences::IdMap ImportReferences::writeLocations(const QList<ImportedLocation> &locations,
                                                         qint64 importId, qint64 now)
{
    IdMap map = m_locations;
    QList<qint64> seen;
    m_mappingUpserts.clear();
    for (const ImportedLocation &location : locations) {
        qint64 id = map.value(location.externalId);
        if (id != 0) {
            // Only what changed is written: re-importing a store writes nothing new.
            QSqlQuery &update =
                m_cache.get(QStringLiteral("UPDATE locations SET name = ?, active = ? WHERE id = ? "
                                           "AND (name <> ? OR active <> ?)"));
            const QVariant name = sql::text(location.name);
            const int active = location.active ? 1 : 0;
            for (int i = 0; const QVariant &value :
                            {name, QVariant(active), QVariant(id), name, QVariant(active)})
                update.bindValue(i++, value);
            sql::exec(update);
            seen.append(id);
        } else {
            id = m_ids.next(IdAllocator::Locations);
            QSqlQuery &insert = m_cache.get(
                QStringLiteral("INSERT INTO locations (id, name, source_connection_id, active) "
                               "VALUES (:id, :name, :connection, :active)"));
            insert.bindValue(QStringLiteral(":id"), id);
            insert.bindValue(QStringLiteral(":name"), sql::text(location.name));
            insert.bindValue(QStringLiteral(":connection"), m_connectionId);
            insert.bindValue(QStringLiteral(":active"), location.active ? 1 : 0);
            sql::exec(insert);
            map.insert(location.externalId, id);
            m_mappingUpserts.add({m_connectionId, entity::location(), id, location.externalId,
                                  QString(), QString(), QStringLiteral("synced"), now, importId});
        }
    }
    m_mappingUpserts.flush();
    m_mappings.markSeenByInternalId(entity::location(), seen, importId);
    return map;
}

ImportReferences::IdMap
ImportReferences::writeCollections(const QList<ImportedCollection> &collections, qint64 importId,
                                   qint64 now)
{
    IdMap map = m_collections;
    QList<qint64> seen;
    m_mappingUpserts.clear();
    for (const ImportedCollection &collection : collections) {
        qint64 id = map.value(collection.externalId);
        if (id != 0) {
            QSqlQuery &update = m_cache.get(
                QStringLiteral("UPDATE collections SET title = ?, handle = ? WHERE id = ? "
                               "AND (title <> ? OR handle <> ?)"));
            const QVariant title = sql::text(collection.title);
            const QVariant handle = sql::text(collection.handle);
            for (int i = 0; const QVariant &value : {title, handle, QVariant(id), title, handle})
                update.bindValue(i++, value);
            sql::exec(update);
            seen.append(id);
        } else {
            id = m_ids.next(IdAllocator::Collections);
            QSqlQuery &insert = m_cache.get(
                QStringLiteral("INSERT INTO collections (id, title, handle, source_connection_id) "
                               "VALUES (:id, :title, :handle, :connection)"));
            insert.bindValue(QStringLiteral(":id"), id);
            insert.bindValue(QStringLiteral(":title"), sql::text(collection.title));
            insert.bindValue(QStringLiteral(":handle"), sql::text(collection.handle));
            insert.bindValue(QStringLiteral(":connection"), m_connectionId);
            sql::exec(insert);
            map.insert(collection.externalId, id);
            m_mappingUpserts.add({m_connectionId, entity::collection(), id, collection.externalId,
                                  QString(), QString(), QStringLiteral("synced"), now, importId});
        }
    }
    m_mappingUpserts.flush();
    m_mappings.markSeenByInternalId(entity::collection(), seen, importId);
    return map;
}

int ImportReferences::addMembers(const QString &collectionExternalId,
                                 const QStringList &productExternalIds)
{
    const qint64 collectionId = m_collections.value(collectionExternalId);
    if (collectionId == 0) {
        qCWarning(lcImport) << "members of an unknown collection skipped:" << collectionExternalId;
        return 0;
    }
    const QHash<QString, KnownProduct> products = m_mappings.products(productExternalIds);

    // Positions continue after the collection's members; read once per
    // collection, then counted here (a rolled-back page only leaves a gap).
    auto next = m_nextPosition.find(collectionId);
    if (next == m_nextPosition.end()) {
        QSqlQuery &last =
            m_cache.get(QStringLiteral("SELECT COALESCE(MAX(position), -1) FROM "
                                       "collection_products WHERE collection_id = :id"));
        last.bindValue(QStringLiteral(":id"), collectionId);
        sql::exec(last);
        last.next();
        next = m_nextPosition.insert(collectionId, last.value(0).toLongLong() + 1);
        last.finish();
    }
    m_members.clear();
    for (const QString &externalId : productExternalIds) {
        const qint64 productId = products.value(externalId).productId;
        if (productId != 0)
            m_members.add({collectionId, productId, (*next)++});
    }
    return int(m_members.flush());
}

} // namespace storeloom
