#include "catalogstore.h"

#include "cataloghash.h"
#include "sql.h"
#include "workspaceerror.h"

#include <algorithm>

namespace storeloom {

qint64 CatalogStore::addProduct(const Product &product)
{
    sql::WriteTransaction transaction(m_db);
    const qint64 now = sql::nowMs();
    QSqlQuery insert = sql::prepare(
        m_db, QStringLiteral("INSERT INTO products (title, description, vendor, product_type, "
                             "status, tags, source_connection_id, content_hash, created_at, "
                             "updated_at) VALUES (:title, :description, :vendor, :type, :status, "
                             ":tags, :source, :hash, :created, :updated) RETURNING id"));
    insert.bindValue(QStringLiteral(":title"), sql::text(product.title));
    insert.bindValue(QStringLiteral(":description"), sql::text(product.description));
    insert.bindValue(QStringLiteral(":vendor"), sql::text(product.vendor));
    insert.bindValue(QStringLiteral(":type"), sql::text(product.productType));
    insert.bindValue(QStringLiteral(":status"), sql::text(product.status));
    insert.bindValue(QStringLiteral(":tags"), sql::text(product.tags.join(QLatin1Char(','))));
    insert.bindValue(QStringLiteral(":source"), sql::idOrNull(product.sourceConnectionId));
    insert.bindValue(QStringLiteral(":hash"), CatalogHasher().content(product));
    insert.bindValue(QStringLiteral(":created"), now);
    insert.bindValue(QStringLiteral(":updated"), now);
    sql::exec(insert);
    insert.next();
    const qint64 productId = insert.value(0).toLongLong();
    insert.finish();

    QList<qint64> optionIds;
    QSqlQuery option = sql::prepare(
        m_db, QStringLiteral("INSERT INTO product_options (product_id, position, name) "
                             "VALUES (:product, :position, :name) RETURNING id"));
    for (int i = 0; i < product.optionNames.size(); ++i) {
        option.bindValue(QStringLiteral(":product"), productId);
        option.bindValue(QStringLiteral(":position"), i);
        option.bindValue(QStringLiteral(":name"), sql::text(product.optionNames.at(i)));
        sql::exec(option);
        option.next();
        optionIds.append(option.value(0).toLongLong());
        option.finish();
    }

    QSqlQuery variant = sql::prepare(
        m_db, QStringLiteral("INSERT INTO variants (product_id, position, title, sku, barcode, "
                             "price_amount, compare_at_amount, currency, weight_grams) VALUES "
                             "(:product, :position, :title, :sku, :barcode, :price, :compare, "
                             ":currency, :weight) RETURNING id"));
    QSqlQuery value = sql::prepare(
        m_db, QStringLiteral("INSERT INTO variant_option_values (variant_id, option_id, value) "
                             "VALUES (:variant, :option, :value)"));
    const QVariant nullInt(QMetaType::fromType<qint64>());
    for (int i = 0; i < product.variants.size(); ++i) {
        const Variant &v = product.variants.at(i);
        variant.bindValue(QStringLiteral(":product"), productId);
        variant.bindValue(QStringLiteral(":position"), i);
        variant.bindValue(QStringLiteral(":title"), sql::text(v.title));
        variant.bindValue(QStringLiteral(":sku"), sql::text(v.sku));
        variant.bindValue(QStringLiteral(":barcode"), sql::text(v.barcode));
        variant.bindValue(QStringLiteral(":price"), v.price.minorUnits);
        variant.bindValue(QStringLiteral(":compare"),
                          v.compareAtMinorUnits ? QVariant(*v.compareAtMinorUnits) : nullInt);
        variant.bindValue(QStringLiteral(":currency"), sql::text(v.price.currency));
        variant.bindValue(QStringLiteral(":weight"),
                          v.weightGrams ? QVariant(*v.weightGrams) : nullInt);
        sql::exec(variant);
        variant.next();
        const qint64 variantId = variant.value(0).toLongLong();
        variant.finish();
        for (int o = 0; o < std::min(optionIds.size(), v.optionValues.size()); ++o) {
            value.bindValue(QStringLiteral(":variant"), variantId);
            value.bindValue(QStringLiteral(":option"), optionIds.at(o));
            value.bindValue(QStringLiteral(":value"), sql::text(v.optionValues.at(o)));
            sql::exec(value);
        }
    }
    transaction.commit();
    return productId;
}

std::optional<Product> CatalogStore::product(qint64 id) const
{
    QSqlQuery row = sql::prepare(
        m_db, QStringLiteral("SELECT title, description, vendor, product_type, status, tags, "
                             "source_connection_id FROM products WHERE id = :id"));
    row.bindValue(QStringLiteral(":id"), id);
    sql::exec(row);
    if (!row.next())
        return std::nullopt;
    Product product;
    product.id = id;
    product.title = row.value(0).toString();
    product.description = row.value(1).toString();
    product.vendor = row.value(2).toString();
    product.productType = row.value(3).toString();
    product.status = row.value(4).toString();
    const QString tags = row.value(5).toString();
    // Kept as stored: joining them again gives back exactly the stored text.
    product.tags = tags.isEmpty() ? QStringList() : tags.split(QLatin1Char(','));
    product.sourceConnectionId = row.value(6).toLongLong();
    row.finish();

    QSqlQuery options =
        sql::prepare(m_db, QStringLiteral("SELECT name FROM product_options WHERE product_id = :id "
                                          "ORDER BY position"));
    options.bindValue(QStringLiteral(":id"), id);
    sql::exec(options);
    while (options.next())
        product.optionNames.append(options.value(0).toString());

    QSqlQuery variants = sql::prepare(
        m_db, QStringLiteral("SELECT id, title, sku, barcode, price_amount, compare_at_amount, "
                             "currency, weight_grams FROM variants WHERE product_id = :id "
                             "ORDER BY position, id"));
    variants.bindValue(QStringLiteral(":id"), id);
    sql::exec(variants);
    QHash<qint64, qsizetype> indexOf;
    while (variants.next()) {
        Variant variant;
        variant.id = variants.value(0).toLongLong();
        variant.title = variants.value(1).toString();
        variant.sku = variants.value(2).toString();
        variant.barcode = variants.value(3).toString();
        variant.price = {variants.value(4).toLongLong(), variants.value(6).toString()};
        if (!variants.value(5).isNull())
            variant.compareAtMinorUnits = variants.value(5).toLongLong();
        if (!variants.value(7).isNull())
            variant.weightGrams = variants.value(7).toLongLong();
        indexOf.insert(variant.id, product.variants.size());
        product.variants.append(variant);
    }

    QSqlQuery values = sql::prepare(
        m_db, QStringLiteral("SELECT vov.variant_id, vov.value FROM variant_option_values vov "
                             "JOIN product_options o ON o.id = vov.option_id "
                             "WHERE o.product_id = :id ORDER BY vov.variant_id, o.position"));
    values.bindValue(QStringLiteral(":id"), id);
    sql::exec(values);
    while (values.next()) {
        const auto index = indexOf.find(values.value(0).toLongLong());
        if (index != indexOf.end())
            product.variants[*index].optionValues.append(values.value(1).toString());
    }
    return product;
}

void CatalogStore::editProduct(qint64 productId, const ProductEdit &edit)
{
    sql::WriteTransaction transaction(m_db);
    std::optional<Product> product = this->product(productId);
    if (!product)
        throw WorkspaceError(WorkspaceError::Kind::NotFound,
                             QStringLiteral("Product %1 does not exist.").arg(productId));
    if (edit.title)
        product->title = *edit.title;
    if (edit.description)
        product->description = *edit.description;
    for (auto it = edit.variantPrices.cbegin(); it != edit.variantPrices.cend(); ++it) {
        const auto variant = std::find_if(product->variants.begin(), product->variants.end(),
                                          [&](const Variant &v) { return v.id == it.key(); });
        if (variant == product->variants.end())
            throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                                 QStringLiteral("Variant %1 is not a variant of product %2.")
                                     .arg(it.key())
                                     .arg(productId));
        variant->price = it.value();
    }

    QSqlQuery update = sql::prepare(
        m_db, QStringLiteral("UPDATE products SET title = :title, description = :description, "
                             "content_hash = :hash, updated_at = :now WHERE id = :id"));
    update.bindValue(QStringLiteral(":title"), sql::text(product->title));
    update.bindValue(QStringLiteral(":description"), sql::text(product->description));
    update.bindValue(QStringLiteral(":hash"), CatalogHasher().content(*product));
    update.bindValue(QStringLiteral(":now"), sql::nowMs());
    update.bindValue(QStringLiteral(":id"), productId);
    sql::exec(update);

    QSqlQuery price = sql::prepare(
        m_db, QStringLiteral("UPDATE variants SET price_amount = :amount, currency = :currency "
                             "WHERE id = :id"));
    for (auto it = edit.variantPrices.cbegin(); it != edit.variantPrices.cend(); ++it) {
        price.bindValue(QStringLiteral(":amount"), it.value().minorUnits);
        price.bindValue(QStringLiteral(":currency"), sql::text(it.value().currency));
        price.bindValue(QStringLiteral(":id"), it.key());
        sql::exec(price);
    }
    transaction.commit();
}

qint64 CatalogStore::addLocation(const QString &name, qint64 sourceConnectionId)
{
    QSqlQuery insert =
        sql::prepare(m_db, QStringLiteral("INSERT INTO locations (name, source_connection_id) "
                                          "VALUES (:name, :source) RETURNING id"));
    insert.bindValue(QStringLiteral(":name"), sql::text(name));
    insert.bindValue(QStringLiteral(":source"), sql::idOrNull(sourceConnectionId));
    sql::exec(insert);
    insert.next();
    return insert.value(0).toLongLong();
}

void CatalogStore::setStock(qint64 variantId, qint64 locationId, qint64 available, qint64 onHand)
{
    QSqlQuery upsert = sql::prepare(
        m_db, QStringLiteral("INSERT INTO stock_levels (variant_id, location_id, available, "
                             "on_hand, updated_at) VALUES (:variant, :location, :available, "
                             ":on_hand, :now) ON CONFLICT (variant_id, location_id) DO UPDATE SET "
                             "available = excluded.available, on_hand = excluded.on_hand, "
                             "updated_at = excluded.updated_at"));
    upsert.bindValue(QStringLiteral(":variant"), variantId);
    upsert.bindValue(QStringLiteral(":location"), locationId);
    upsert.bindValue(QStringLiteral(":available"), available);
    upsert.bindValue(QStringLiteral(":on_hand"), onHand);
    upsert.bindValue(QStringLiteral(":now"), sql::nowMs());
    sql::exec(upsert);
}

QList<ProductSummary> CatalogStore::summaries(int limit) const
{
    const QString joinSkus = sql::dialectOf(m_db) == sql::Dialect::Sqlite
                                 ? QStringLiteral("group_concat(v.sku, ' ')")
                                 : QStringLiteral("string_agg(v.sku, ' ')");
    QSqlQuery query = sql::prepare(
        m_db, QStringLiteral(
                  "SELECT p.id, p.title, COALESCE(c.name, ''), "
                  "  (SELECT COUNT(*) FROM variants v WHERE v.product_id = p.id), "
                  "  (SELECT MIN(v.price_amount) FROM variants v WHERE v.product_id = p.id), "
                  "  (SELECT MAX(v.price_amount) FROM variants v WHERE v.product_id = p.id), "
                  "  (SELECT MIN(v.currency) FROM variants v WHERE v.product_id = p.id), "
                  "  (SELECT COALESCE(SUM(s.available), 0) FROM variants v "
                  "     JOIN stock_levels s ON s.variant_id = v.id WHERE v.product_id = p.id), "
                  "  (SELECT %1 FROM variants v "
                  "     WHERE v.product_id = p.id AND v.sku <> '') "
                  "FROM products p LEFT JOIN connections c ON c.id = p.source_connection_id "
                  "ORDER BY p.title, p.id LIMIT :limit")
                  .arg(joinSkus));
    query.bindValue(QStringLiteral(":limit"), sql::limitValue(limit));
    sql::exec(query);
    QList<ProductSummary> rows;
    while (query.next()) {
        ProductSummary row;
        row.id = query.value(0).toLongLong();
        row.title = query.value(1).toString();
        row.sourceName = query.value(2).toString();
        row.variantCount = query.value(3).toInt();
        const QString currency = query.value(6).toString();
        row.minPrice = {query.value(4).toLongLong(), currency};
        row.maxPrice = {query.value(5).toLongLong(), currency};
        row.totalAvailable = query.value(7).toLongLong();
        row.skus = query.value(8).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        rows.append(row);
    }
    return rows;
}

qint64 CatalogStore::productCount() const
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM products")) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

} // namespace storeloom
