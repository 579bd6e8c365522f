#pragma once

#include "bulkinsert.h"
#include "cataloghash.h"
#include "idallocator.h"
#include "importedcatalog.h"
#include "importmappings.h"

#include <QHash>

namespace storeloom {

// What a page's writes need to know about the import around them.
struct ImportContext
{
    qint64 connectionId = 0;
    qint64 importId = 0;
    qint64 now = 0;
    const QHash<QString, qint64> *locations = nullptr;   // external id → location id
    const QHash<QString, qint64> *collections = nullptr; // external id → collection id
};

// Writes one page's new and changed products with their options, variants,
// option values, media, stock levels, collection membership and mappings.
// New rows are gathered into multi-row INSERTs that flush() writes in the
// order foreign keys need; changes to existing rows run at once. Runs inside
// the caller's transaction.
class ProductWriter
{
public:
    ProductWriter(StatementCache &cache, BoundStatements &bound, IdAllocator &ids,
                  ImportMappings &mappings);

    void begin(const ImportContext &context); // forgets anything not flushed
    // `contentHash`: the product's content digest when already known (empty:
    // computed here).
    void create(const ImportedProduct &product, const QString &sourceHash,
                const QString &contentHash = {});
    // Brings a product an earlier import wrote, and nobody edited since, in
    // line with its source: variants matched by their mappings are updated,
    // new ones inserted, gone ones deleted; options, media and membership are
    // replaced.
    void update(const KnownProduct &known, const ImportedProduct &product,
                const QString &sourceHash, const QString &contentHash = {});
    void clearFlag(qint64 productId); // the source lists it again
    void flush();

    // Stock levels left out of this page because their location is unknown.
    int skippedStock() const { return m_skippedStock; }

private:
    void writeChildren(qint64 productId, const ImportedProduct &product,
                       const QHash<QString, qint64> &existingVariants);
    void writeStock(qint64 variantId, const ImportedVariant &variant);
    void updateProductRow(qint64 productId, const ImportedProduct &product,
                          const QString &contentHash);
    void updateVariantRow(qint64 variantId, int position, const ImportedVariant &variant);
    void deleteVariants(const QList<qint64> &variantIds);
    void clearReplacedRows(qint64 productId);
    void addMapping(BulkInsert &insert, const QString &type, qint64 internalId,
                    const QString &externalId, const QString &sourceHash = {},
                    const QString &targetHash = {});
    void run(const QString &statement, std::initializer_list<QVariant> values);

    StatementCache &m_cache;
    IdAllocator &m_ids;
    ImportMappings &m_mappings;
    CatalogHasher m_hasher;
    ImportContext m_context;
    int m_skippedStock = 0;

    BulkInsert m_products;
    BulkInsert m_options;
    BulkInsert m_variants;
    BulkInsert m_optionValues;
    BulkInsert m_media;
    BulkInsert m_stock;
    BulkInsert m_members;
    // One per entity type so each page's product mappings sit together,
    // which keeps marking them seen cheap.
    BulkInsert m_productMappings;
    BulkInsert m_variantMappings;
    BulkInsert m_inventoryMappings;
    BulkInsert m_mediaMappings;
};

} // namespace storeloom
