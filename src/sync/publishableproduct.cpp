#include "publishableproduct.h"

#include "catalogstore.h"
#include "sql.h"

#include <QSqlQuery>
#include <QVariant>

namespace storeloom {

qint64 PublishableProduct::totalAvailable() const
{
    qint64 total = 0;
    for (qint64 available : availableByVariant)
        total += std::max<qint64>(0, available);
    return total;
}

std::optional<PublishableProduct> PublishableProductReader::read(qint64 productId) const
{
    auto product = CatalogStore(m_db).product(productId);
    if (!product)
        return std::nullopt;
    PublishableProduct result;
    result.product = std::move(*product);

    QSqlQuery hash = sql::prepare(
        m_db, QStringLiteral("SELECT content_hash FROM products WHERE id = ?"));
    hash.addBindValue(productId);
    sql::exec(hash);
    if (hash.next())
        result.contentHash = hash.value(0).toString();

    QSqlQuery images = sql::prepare(
        m_db, QStringLiteral("SELECT url, alt_text FROM media WHERE product_id = ? "
                             "ORDER BY position, id"));
    images.addBindValue(productId);
    sql::exec(images);
    while (images.next())
        result.images.append({images.value(0).toString(), images.value(1).toString()});

    QSqlQuery stock = sql::prepare(
        m_db, QStringLiteral("SELECT v.id, COALESCE(SUM(s.available), 0) FROM variants v "
                             "LEFT JOIN stock_levels s ON s.variant_id = v.id AND s.location_id "
                             "IN (SELECT id FROM locations WHERE active = 1) "
                             "WHERE v.product_id = ? GROUP BY v.id"));
    stock.addBindValue(productId);
    sql::exec(stock);
    while (stock.next())
        result.availableByVariant.insert(stock.value(0).toLongLong(), stock.value(1).toLongLong());

    QSqlQuery collections = sql::prepare(
        m_db, QStringLiteral("SELECT c.title FROM collections c JOIN collection_products cp "
                             "ON cp.collection_id = c.id WHERE cp.product_id = ? ORDER BY c.title"));
    collections.addBindValue(productId);
    sql::exec(collections);
    while (collections.next())
        result.collections.append(collections.value(0).toString());
    return result;
}

void PublishableProductReader::addImage(qint64 productId, const ProductImage &image)
{
    QSqlQuery insert = sql::prepare(
        m_db, QStringLiteral("INSERT INTO media (product_id, position, url, alt_text) VALUES "
                             "(?, (SELECT COUNT(*) FROM media WHERE product_id = ?), ?, ?)"));
    insert.addBindValue(productId);
    insert.addBindValue(productId);
    insert.addBindValue(sql::text(image.url));
    insert.addBindValue(sql::text(image.altText));
    sql::exec(insert);
}

} // namespace storeloom
