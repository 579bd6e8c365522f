#pragma once

#include "bulkinsert.h"
#include "idallocator.h"
#include "importedcatalog.h"
#include "importmappings.h"

#include <QHash>

namespace storeloom {

// What products refer to: locations (stock) and collections (membership),
// upserted through their mappings. Keeps external id → internal id for both,
// read once when an import begins. Writes run inside the caller's
// transaction; the maps change only through commit*(), after it committed,
// so a rolled-back write leaves them true.
class ImportReferences
{
public:
    using IdMap = QHash<QString, qint64>;

    ImportReferences(StatementCache &cache, BoundStatements &bound, IdAllocator &ids,
                     ImportMappings &mappings, qint64 connectionId);

    void load();
    const IdMap &locations() const { return m_locations; }
    const IdMap &collections() const { return m_collections; }

    // Return the maps as they are after the write; pass them to commit*().
    IdMap writeLocations(const QList<ImportedLocation> &locations, qint64 importId, qint64 now);
    IdMap writeCollections(const QList<ImportedCollection> &collections, qint64 importId,
                           qint64 now);
    void commitLocations(IdMap map) { m_locations = std::move(map); }
    void commitCollections(IdMap map) { m_collections = std::move(map); }

    // Adds products (known to earlier pages) to a known collection, after its
    // current members; returns how many joined (products not imported yet
    // are skipped). Never removes a member.
    int addMembers(const QString &collectionExternalId, const QStringList &productExternalIds);

private:
    StatementCache &m_cache;
    IdAllocator &m_ids;
    ImportMappings &m_mappings;
    qint64 m_connectionId;
    BulkInsert m_mappingUpserts;
    BulkInsert m_members;
    IdMap m_locations;
    IdMap m_collections;
    QHash<qint64, qint64> m_nextPosition; // collection id → position of its next member
};

} // namespace storeloom
