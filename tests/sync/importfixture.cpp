#include "importfixture.h"

#include "connectionstore.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSqlRecord>
#include <algorithm>

namespace storeloom::test {

QString gid(const QString &type, qint64 number)
{
    return QStringLiteral("gid://store/%1/%2").arg(type).arg(number);
}

QList<ImportedLocation> sampleLocations()
{
    return {{gid(QStringLiteral("Location"), 1), QStringLiteral("Warehouse"), true},
            {gid(QStringLiteral("Location"), 2), QStringLiteral("Shop floor"), true},
            {gid(QStringLiteral("Location"), 3), QStringLiteral("Old depot"), false}};
}

QList<ImportedCollection> sampleCollections()
{
    return {
        {gid(QStringLiteral("Collection"), 1), QStringLiteral("Summer"), QStringLiteral("summer")},
        {gid(QStringLiteral("Collection"), 2), QStringLiteral("Sale"), QStringLiteral("sale")}};
}

ImportedProduct sampleProduct(int n)
{
    static const QStringList sizes{QStringLiteral("S"), QStringLiteral("M"), QStringLiteral("L")};
    ImportedProduct product;
    product.externalId = gid(QStringLiteral("Product"), n);
    product.title = QStringLiteral("Product %1").arg(n);
    product.description = QStringLiteral("<p>Description of product %1</p>").arg(n);
    product.vendor = QStringLiteral("Vendor %1").arg(n % 3);
    product.productType = QStringLiteral("Shirt");
    product.status = n % 5 == 4 ? QStringLiteral("draft") : QStringLiteral("active");
    product.tags = {QStringLiteral("cotton"), QStringLiteral("tag-%1").arg(n)};
    product.optionNames = {QStringLiteral("Size"), QStringLiteral("Colour")};
    for (int v = 0; v < 3; ++v) {
        ImportedVariant variant;
        variant.externalId = gid(QStringLiteral("Variant"), n * 10 + v);
        variant.inventoryItemExternalId = gid(QStringLiteral("InventoryItem"), n * 10 + v);
        variant.title = sizes.at(v) + QStringLiteral(" / Red");
        variant.sku = QStringLiteral("SKU-%1-%2").arg(n).arg(v);
        variant.barcode = v == 1 ? QString() : QStringLiteral("4006381%1").arg(n * 10 + v);
        variant.price = {1000 + n * 10 + v, QStringLiteral("EUR")};
        if (v == 0)
            variant.compareAtMinorUnits = 2000 + n;
        if (v != 2)
            variant.weightGrams = 100 + v;
        variant.optionValues = {sizes.at(v), QStringLiteral("Red")};
        for (const ImportedLocation &location : sampleLocations())
            variant.stock.append({location.externalId, n + v, n + v + 1});
        product.variants.append(variant);
    }
    for (int m = 0; m < 2; ++m)
        product.media.append({gid(QStringLiteral("Media"), n * 10 + m),
                              QStringLiteral("https://cdn.example/%1/%2.jpg").arg(n).arg(m),
                              m == 0 ? QStringLiteral("Front") : QString(),
                              QStringLiteral("image/jpeg")});
    product.collectionExternalIds.append(gid(QStringLiteral("Collection"), 1));
    if (n % 2 == 0)
        product.collectionExternalIds.append(gid(QStringLiteral("Collection"), 2));
    return product;
}

QList<ImportedProduct> sampleProducts(int count, int first)
{
    QList<ImportedProduct> products;
    for (int n = first; n < first + count; ++n)
        products.append(sampleProduct(n));
    return products;
}

ImportedProduct changedAtSource(ImportedProduct product)
{
    product.title += QStringLiteral(" (new season)");
    product.variants[0].price.minorUnits += 500;
    product.variants.removeAt(2);
    ImportedVariant added = product.variants.at(1);
    added.externalId = gid(QStringLiteral("Variant"), 99901);
    added.inventoryItemExternalId = gid(QStringLiteral("InventoryItem"), 99901);
    added.sku = QStringLiteral("SKU-NEW");
    added.optionValues = {QStringLiteral("XL"), QStringLiteral("Red")};
    product.variants.append(added);
    product.variants[1].stock[1].available = 77;
    product.media[1] = {gid(QStringLiteral("Media"), 99901),
                        QStringLiteral("https://cdn.example/new.png"), QStringLiteral("New"),
                        QStringLiteral("image/png")};
    product.collectionExternalIds = {gid(QStringLiteral("Collection"), 2)};
    return product;
}

ImportedProduct normalized(ImportedProduct product)
{
    for (ImportedVariant &variant : product.variants)
        std::sort(variant.stock.begin(), variant.stock.end(),
                  [](const ImportedStock &a, const ImportedStock &b) {
                      return a.locationExternalId < b.locationExternalId;
                  });
    product.collectionExternalIds.sort();
    return product;
}

namespace {

QSqlQuery run(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    query.prepare(statement);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    query.exec();
    return query;
}

QString externalIdOf(const QSqlDatabase &db, qint64 connectionId, const QString &type,
                     qint64 internalId)
{
    QSqlQuery query = run(db,
                          QStringLiteral("SELECT external_id FROM mappings WHERE connection_id = ? "
                                         "AND entity_type = ? AND internal_id = ?"),
                          {connectionId, type, internalId});
    return query.next() ? query.value(0).toString() : QString();
}

} // namespace

std::optional<ImportedProduct> readBack(const QSqlDatabase &db, qint64 connectionId,
                                        const QString &externalId)
{
    QSqlQuery mapping = run(db,
                            QStringLiteral("SELECT internal_id FROM mappings WHERE connection_id "
                                           "= ? AND entity_type = 'product' AND external_id = ?"),
                            {connectionId, externalId});
    if (!mapping.next())
        return std::nullopt;
    const qint64 productId = mapping.value(0).toLongLong();
    QSqlQuery row = run(db,
                        QStringLiteral("SELECT title, description, vendor, product_type, status, "
                                       "tags FROM products WHERE id = ?"),
                        {productId});
    if (!row.next())
        return std::nullopt;
    ImportedProduct product;
    product.externalId = externalId;
    product.title = row.value(0).toString();
    product.description = row.value(1).toString();
    product.vendor = row.value(2).toString();
    product.productType = row.value(3).toString();
    product.status = row.value(4).toString();
    const QString tags = row.value(5).toString();
    product.tags = tags.isEmpty() ? QStringList() : tags.split(QLatin1Char(','));

    QSqlQuery options = run(
        db,
        QStringLiteral("SELECT name FROM product_options WHERE product_id = ? ORDER BY position"),
        {productId});
    while (options.next())
        product.optionNames.append(options.value(0).toString());

    QSqlQuery variants = run(db,
                             QStringLiteral("SELECT id, title, sku, barcode, price_amount, "
                                            "compare_at_amount, currency, weight_grams FROM "
                                            "variants WHERE product_id = ? ORDER BY position"),
                             {productId});
    while (variants.next()) {
        const qint64 variantId = variants.value(0).toLongLong();
        ImportedVariant variant;
        variant.externalId = externalIdOf(db, connectionId, QStringLiteral("variant"), variantId);
        variant.inventoryItemExternalId =
            externalIdOf(db, connectionId, QStringLiteral("inventory_item"), variantId);
        variant.title = variants.value(1).toString();
        variant.sku = variants.value(2).toString();
        variant.barcode = variants.value(3).toString();
        variant.price = {variants.value(4).toLongLong(), variants.value(6).toString()};
        if (!variants.value(5).isNull())
            variant.compareAtMinorUnits = variants.value(5).toLongLong();
        if (!variants.value(7).isNull())
            variant.weightGrams = variants.value(7).toLongLong();
        QSqlQuery values = run(db,
                               QStringLiteral("SELECT v.value FROM variant_option_values v JOIN "
                                              "product_options o ON o.id = v.option_id WHERE "
                                              "v.variant_id = ? ORDER BY o.position"),
                               {variantId});
        while (values.next())
            variant.optionValues.append(values.value(0).toString());
        QSqlQuery stock = run(db,
                              QStringLiteral("SELECT m.external_id, s.available, s.on_hand FROM "
                                             "stock_levels s JOIN mappings m ON m.internal_id = "
                                             "s.location_id AND m.entity_type = 'location' AND "
                                             "m.connection_id = ? WHERE s.variant_id = ? "
                                             "ORDER BY m.external_id"),
                              {connectionId, variantId});
        while (stock.next())
            variant.stock.append({stock.value(0).toString(), stock.value(1).toLongLong(),
                                  stock.value(2).toLongLong()});
        product.variants.append(variant);
    }

    QSqlQuery media = run(db,
                          QStringLiteral("SELECT id, url, alt_text, mime_type FROM media WHERE "
                                         "product_id = ? ORDER BY position"),
                          {productId});
    while (media.next())
        product.media.append(
            {externalIdOf(db, connectionId, QStringLiteral("media"), media.value(0).toLongLong()),
             media.value(1).toString(), media.value(2).toString(), media.value(3).toString()});

    QSqlQuery collections = run(db,
                                QStringLiteral("SELECT m.external_id FROM collection_products c "
                                               "JOIN mappings m ON m.internal_id = "
                                               "c.collection_id AND m.entity_type = 'collection' "
                                               "AND m.connection_id = ? WHERE c.product_id = ? "
                                               "ORDER BY m.external_id"),
                                {connectionId, productId});
    while (collections.next())
        product.collectionExternalIds.append(collections.value(0).toString());
    return product;
}

ImportCheckpoint importAll(const QSqlDatabase &db, qint64 connectionId,
                           const QList<ImportedProduct> &products, int pageSize,
                           CatalogImport::Writes writes)
{
    CatalogImport import(db, connectionId, writes);
    import.begin();
    import.applyLocations(sampleLocations());
    import.applyCollections(sampleCollections());
    for (qsizetype start = 0; start < products.size(); start += pageSize) {
        const qsizetype end = std::min<qsizetype>(start + pageSize, products.size());
        import.applyProductPage(products.mid(start, end - start), QStringLiteral("products"),
                                end < products.size() ? QString::number(end) : QString());
    }
    return import.finish();
}

qint64 scalarOf(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QByteArray rowsDigest(const QSqlDatabase &db, const QString &select)
{
    QSqlQuery query(db);
    QCryptographicHash hash(QCryptographicHash::Sha1);
    if (!query.exec(select))
        return QByteArrayLiteral("query failed");
    while (query.next()) {
        for (int i = 0; i < query.record().count(); ++i) {
            const QVariant value = query.value(i);
            hash.addData(value.isNull() ? QByteArrayLiteral("\x01NULL")
                                        : QByteArray("\x01" + value.toString().toUtf8()));
        }
        hash.addData(QByteArrayLiteral("\n"));
    }
    return hash.result().toHex();
}

} // namespace storeloom::test
