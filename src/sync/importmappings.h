#pragma once

#include "statementcache.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace storeloom {

// Entity types of the mappings an import keeps.
namespace entity {
inline QString product()
{
    return QStringLiteral("product");
}
inline QString variant()
{
    return QStringLiteral("variant");
}
inline QString inventoryItem()
{
    return QStringLiteral("inventory_item");
} // internal id: the variant
inline QString media()
{
    return QStringLiteral("media");
}
inline QString location()
{
    return QStringLiteral("location");
}
inline QString collection()
{
    return QStringLiteral("collection");
}
} // namespace entity

// A product an earlier import brought in, as its mapping and row stand now.
struct KnownProduct
{
    qint64 mappingId = 0;
    qint64 productId = 0; // 0: the product was deleted here since
    QString sourceHash;   // the source's digest when the import last wrote it
    QString importedHash; // its content digest as that import wrote it (mappings.target_hash)
    QString contentHash;  // its content digest now
    bool flagged = false; // marked as gone from the source
    qint64 seenInImport = 0; // the last import that saw it at the source

    // Someone changed it here since the import last wrote it.
    bool editedLocally() const { return contentHash != importedHash; }
};

// The import's reads and writes of `mappings` for one connection. Lookups go
// by page (one IN (…) query), not by row.
class ImportMappings
{
public:
    ImportMappings(StatementCache &cache, qint64 connectionId)
        : m_cache(cache), m_connectionId(connectionId)
    {}

    // "INSERT … ON CONFLICT DO UPDATE" head and tail for BulkInsert, columns:
    // connection_id, entity_type, internal_id, external_id, source_hash,
    // target_hash, state, last_synced_at, seen_in_import.
    static QString upsertHead();
    static QString upsertTail();
    static constexpr int kUpsertColumns = 9;

    QHash<QString, KnownProduct> products(const QStringList &externalIds);
    // External id → internal id of a table's rows mapped under `entityType`.
    QHash<QString, qint64> all(const QString &entityType, const QString &table);
    QHash<QString, qint64> variantsOf(qint64 productId);

    void markSeen(const QList<qint64> &mappingIds, qint64 importId);
    void markSeenByInternalId(const QString &entityType, const QList<qint64> &internalIds,
                              qint64 importId);
    void remove(const QString &entityType, const QList<qint64> &internalIds);
    void removeMapping(qint64 mappingId);
    void removeMediaOf(qint64 productId);

    // Flags products mapped for this connection that `importId` did not see;
    // returns how many were newly flagged.
    qint64 flagUnseenProducts(qint64 importId, qint64 now);

private:
    StatementCache &m_cache;
    qint64 m_connectionId;
};

} // namespace storeloom
