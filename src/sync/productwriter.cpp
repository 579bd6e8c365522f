#include "productwriter.h"

#include "sql.h"
#include "workspaceerror.h"

#include <QSet>
#include <QVarLengthArray>
#include <algorithm>

namespace storeloom {

namespace {

// True when list[index] repeats an earlier item's key. Small lists (the
// usual case) are scanned; long ones are indexed once.
template<typename T, typename Key> class RepeatFinder
{
public:
    RepeatFinder(const QList<T> &list, Key key) : m_list(list), m_key(key)
    {
        if (list.size() > 32) {
            m_indexed = true;
            m_seen.reserve(list.size());
        }
    }
    bool isRepeat(qsizetype index)
    {
        const QString key = m_key(m_list.at(index));
        if (m_indexed) {
            if (m_seen.contains(key))
                return true;
            m_seen.insert(key);
            return false;
        }
        for (qsizetype i = 0; i < index; ++i) {
            if (m_key(m_list.at(i)) == key)
                return true;
        }
        return false;
    }

private:
    const QList<T> &m_list;
    Key m_key;
    bool m_indexed = false;
    QSet<QString> m_seen;
};

QString stockTail()
{
    return QStringLiteral("ON CONFLICT (variant_id, location_id) DO UPDATE SET "
                          "available = excluded.available, on_hand = excluded.on_hand, "
                          "updated_at = excluded.updated_at");
}

[[noreturn]] void missingExternalId(const QString &what, const QString &owner)
{
    throw WorkspaceError(
        WorkspaceError::Kind::InvalidState,
        QStringLiteral("The store sent a %1 without an id%2; the import "
                       "cannot tell it apart from others.")
            .arg(what, owner.isEmpty() ? QString() : QStringLiteral(" (in %1)").arg(owner)));
}

} // namespace

ProductWriter::ProductWriter(StatementCache &cache, BoundStatements &bound, IdAllocator &ids,
                             ImportMappings &mappings)
    : m_cache(cache), m_ids(ids), m_mappings(mappings),
      m_products(bound,
                 QStringLiteral("INSERT INTO products (id, title, description, vendor, "
                                "product_type, status, tags, source_connection_id, "
                                "content_hash, created_at, updated_at)"),
                 11),
      m_options(bound,
                QStringLiteral("INSERT INTO product_options (id, product_id, position, name)"), 4),
      m_variants(bound,
                 QStringLiteral("INSERT INTO variants (id, product_id, position, title, sku, "
                                "barcode, price_amount, compare_at_amount, currency, "
                                "weight_grams)"),
                 10),
      m_optionValues(bound,
                     QStringLiteral("INSERT INTO variant_option_values (variant_id, option_id, "
                                    "value)"),
                     3),
      m_media(bound,
              QStringLiteral("INSERT INTO media (id, product_id, position, url, alt_text, "
                             "mime_type)"),
              6),
      m_stock(bound,
              QStringLiteral("INSERT INTO stock_levels (variant_id, location_id, available, "
                             "on_hand, updated_at)"),
              5, stockTail()),
      m_members(bound,
                QStringLiteral("INSERT INTO collection_products (collection_id, product_id, "
                               "position)"),
                3, QStringLiteral("ON CONFLICT (collection_id, product_id) DO NOTHING")),
      m_productMappings(bound, ImportMappings::upsertHead(), ImportMappings::kUpsertColumns,
                        ImportMappings::upsertTail()),
      m_variantMappings(bound, ImportMappings::upsertHead(), ImportMappings::kUpsertColumns,
                        ImportMappings::upsertTail()),
      m_inventoryMappings(bound, ImportMappings::upsertHead(), ImportMappings::kUpsertColumns,
                          ImportMappings::upsertTail()),
      m_mediaMappings(bound, ImportMappings::upsertHead(), ImportMappings::kUpsertColumns,
                      ImportMappings::upsertTail())
{}

void ProductWriter::begin(const ImportContext &context)
{
    m_context = context;
    m_skippedStock = 0;
    for (BulkInsert *insert :
         {&m_products, &m_options, &m_variants, &m_optionValues, &m_media, &m_stock, &m_members,
          &m_productMappings, &m_variantMappings, &m_inventoryMappings, &m_mediaMappings})
        insert->clear();
}

void ProductWriter::flush()
{
    // Parents before children: SQLite checks foreign keys per statement.
    for (BulkInsert *insert :
         {&m_products, &m_options, &m_variants, &m_optionValues, &m_media, &m_stock, &m_members,
          &m_productMappings, &m_variantMappings, &m_inventoryMappings, &m_mediaMappings})
        insert->flush();
}

void ProductWriter::addMapping(BulkInsert &insert, const QString &type, qint64 internalId,
                               const QString &externalId, const QString &sourceHash,
                               const QString &targetHash)
{
    insert.add({m_context.connectionId, type, internalId, externalId, sourceHash, targetHash,
                QStringLiteral("synced"), m_context.now, m_context.importId});
}

void ProductWriter::create(const ImportedProduct &product, const QString &sourceHash,
                           const QString &knownContentHash)
{
    if (product.externalId.isEmpty())
        missingExternalId(QStringLiteral("product"), product.title);
    const qint64 productId = m_ids.next(IdAllocator::Products);
    const QString contentHash =
        knownContentHash.isEmpty() ? m_hasher.content(product) : knownContentHash;
    m_products.add({productId, product.title, product.description, product.vendor,
                    product.productType, product.status, product.tags.join(QLatin1Char(',')),
                    m_context.connectionId, contentHash, m_context.now, m_context.now});
    writeChildren(productId, product, {});
    addMapping(m_productMappings, entity::product(), productId, product.externalId, sourceHash,
               contentHash);
}

void ProductWriter::update(const KnownProduct &known, const ImportedProduct &product,
                           const QString &sourceHash, const QString &knownContentHash)
{
    const qint64 productId = known.productId;
    const QString contentHash =
        knownContentHash.isEmpty() ? m_hasher.content(product) : knownContentHash;
    updateProductRow(productId, product, contentHash);
    clearReplacedRows(productId);

    QHash<QString, qint64> existing = m_mappings.variantsOf(productId);
    QList<qint64> gone;
    for (auto it = existing.cbegin(); it != existing.cend(); ++it) {
        const bool kept =
            std::any_of(product.variants.cbegin(), product.variants.cend(),
                        [&](const ImportedVariant &v) { return v.externalId == it.key(); });
        if (!kept)
            gone.append(it.value());
    }
    deleteVariants(gone);
    writeChildren(productId, product, existing);
    addMapping(m_productMappings, entity::product(), productId, product.externalId, sourceHash,
               contentHash);
}

void ProductWriter::writeChildren(qint64 productId, const ImportedProduct &product,
                                  const QHash<QString, qint64> &existingVariants)
{
    QVarLengthArray<qint64, 8> optionIds;
    for (qsizetype i = 0; i < product.optionNames.size(); ++i) {
        const qint64 optionId = m_ids.next(IdAllocator::ProductOptions);
        optionIds.append(optionId);
        m_options.add({optionId, productId, qint64(i), product.optionNames.at(i)});
    }

    const auto variantKey = [](const ImportedVariant &v) { return v.externalId; };
    RepeatFinder repeats(product.variants, variantKey);
    for (qsizetype i = 0; i < product.variants.size(); ++i) {
        const ImportedVariant &variant = product.variants.at(i);
        if (variant.externalId.isEmpty())
            missingExternalId(QStringLiteral("variant"), product.externalId);
        if (repeats.isRepeat(i))
            continue; // a platform listing a variant twice; the first one counts
        qint64 variantId = existingVariants.value(variant.externalId);
        if (variantId != 0) {
            updateVariantRow(variantId, int(i), variant);
        } else {
            variantId = m_ids.next(IdAllocator::Variants);
            m_variants.add({variantId, productId, qint64(i), variant.title, variant.sku,
                            variant.barcode, variant.price.minorUnits,
                            sqlOptional(variant.compareAtMinorUnits), variant.price.currency,
                            sqlOptional(variant.weightGrams)});
        }
        const qsizetype values = std::min<qsizetype>(optionIds.size(), variant.optionValues.size());
        for (qsizetype o = 0; o < values; ++o)
            m_optionValues.add({variantId, optionIds.at(o), variant.optionValues.at(o)});
        writeStock(variantId, variant);
        addMapping(m_variantMappings, entity::variant(), variantId, variant.externalId);
        if (!variant.inventoryItemExternalId.isEmpty())
            addMapping(m_inventoryMappings, entity::inventoryItem(), variantId,
                       variant.inventoryItemExternalId);
    }

    for (qsizetype i = 0; i < product.media.size(); ++i) {
        const ImportedMedia &media = product.media.at(i);
        const qint64 mediaId = m_ids.next(IdAllocator::Media);
        m_media.add({mediaId, productId, qint64(i), media.url, media.altText, media.mimeType});
        if (!media.externalId.isEmpty())
            addMapping(m_mediaMappings, entity::media(), mediaId, media.externalId);
    }

    for (const QString &collection : product.collectionExternalIds) {
        // Collections the import has not seen yet join through
        // applyCollectionMembers() once they are known.
        const qint64 collectionId = m_context.collections->value(collection);
        if (collectionId != 0)
            m_members.add({collectionId, productId, qint64(0)});
    }
}

void ProductWriter::writeStock(qint64 variantId, const ImportedVariant &variant)
{
    for (qsizetype i = 0; i < variant.stock.size(); ++i) {
        const ImportedStock &stock = variant.stock.at(i);
        const qint64 locationId = m_context.locations->value(stock.locationExternalId);
        if (locationId == 0) {
            ++m_skippedStock;
            continue;
        }
        // One row per location: PostgreSQL refuses an upsert that touches a
        // row twice, so a repeated location keeps its last level.
        const bool repeatedLater = std::any_of(
            variant.stock.cbegin() + i + 1, variant.stock.cend(), [&](const ImportedStock &s) {
                return s.locationExternalId == stock.locationExternalId;
            });
        if (repeatedLater)
            continue;
        m_stock.add({variantId, locationId, stock.available, stock.onHand, m_context.now});
    }
}

void ProductWriter::clearFlag(qint64 productId)
{
    run(QStringLiteral("UPDATE products SET source_deleted_at = NULL WHERE id = ?"), {productId});
}

void ProductWriter::run(const QString &statement, std::initializer_list<QVariant> values)
{
    QSqlQuery &query = m_cache.get(statement);
    int position = 0;
    for (const QVariant &value : values)
        query.bindValue(position++, value);
    sql::exec(query);
}

void ProductWriter::updateProductRow(qint64 productId, const ImportedProduct &product,
                                     const QString &contentHash)
{
    run(QStringLiteral("UPDATE products SET title = ?, description = ?, vendor = ?, "
                       "product_type = ?, status = ?, tags = ?, content_hash = ?, updated_at = ?, "
                       "source_deleted_at = NULL WHERE id = ?"),
        {sql::text(product.title), sql::text(product.description), sql::text(product.vendor),
         sql::text(product.productType), sql::text(product.status),
         sql::text(product.tags.join(QLatin1Char(','))), contentHash, m_context.now, productId});
}

void ProductWriter::updateVariantRow(qint64 variantId, int position, const ImportedVariant &variant)
{
    const QVariant nullNumber(QMetaType::fromType<qint64>());
    run(QStringLiteral("UPDATE variants SET position = ?, title = ?, sku = ?, barcode = ?, "
                       "price_amount = ?, compare_at_amount = ?, currency = ?, weight_grams = ? "
                       "WHERE id = ?"),
        {position, sql::text(variant.title), sql::text(variant.sku), sql::text(variant.barcode),
         variant.price.minorUnits,
         variant.compareAtMinorUnits ? QVariant(*variant.compareAtMinorUnits) : nullNumber,
         sql::text(variant.price.currency),
         variant.weightGrams ? QVariant(*variant.weightGrams) : nullNumber, variantId});
}

void ProductWriter::clearReplacedRows(qint64 productId)
{
    // Deleted explicitly rather than through ON DELETE CASCADE, so nothing is
    // left behind on a connection without foreign keys enforced.
    run(QStringLiteral("DELETE FROM variant_option_values WHERE variant_id IN "
                       "(SELECT id FROM variants WHERE product_id = ?)"),
        {productId});
    run(QStringLiteral("DELETE FROM product_options WHERE product_id = ?"), {productId});
    m_mappings.removeMediaOf(productId);
    run(QStringLiteral("DELETE FROM media WHERE product_id = ?"), {productId});
    run(QStringLiteral("DELETE FROM collection_products WHERE product_id = ? AND collection_id IN "
                       "(SELECT id FROM collections WHERE source_connection_id = ?)"),
        {productId, m_context.connectionId});
}

void ProductWriter::deleteVariants(const QList<qint64> &variantIds)
{
    if (variantIds.isEmpty())
        return;
    for (qint64 variantId : variantIds) {
        run(QStringLiteral("DELETE FROM stock_levels WHERE variant_id = ?"), {variantId});
        run(QStringLiteral("DELETE FROM variants WHERE id = ?"), {variantId});
    }
    m_mappings.remove(entity::variant(), variantIds);
    m_mappings.remove(entity::inventoryItem(), variantIds);
}

} // namespace storeloom
