#include "catalogseed.h"

#include "sql.h"

#include <QSqlQuery>

namespace storeloom::test {

const QStringList CatalogSeed::kKinds = {QStringLiteral("Trail Jacket"), QStringLiteral("Wool Socks"),
                                         QStringLiteral("Canvas Tote"), QStringLiteral("Rain Boots"),
                                         QStringLiteral("Linen Shirt")};
const QStringList CatalogSeed::kConnections = {QStringLiteral("Acme Outdoor"),
                                               QStringLiteral("Bolt Bikes")};
const QStringList CatalogSeed::kCollections = {QStringLiteral("Summer"), QStringLiteral("Winter")};
const QStringList CatalogSeed::kLocations = {QStringLiteral("Warehouse"), QStringLiteral("Shop")};

QString CatalogSeed::title(int i)
{
    return QStringLiteral("%1 %2").arg(kKinds.at(i % kKinds.size())).arg(i, 6, 10, QLatin1Char('0'));
}

QString CatalogSeed::sku(int i, int variant)
{
    return QStringLiteral("SKU-%1-%2").arg(i, 6, 10, QLatin1Char('0')).arg(QChar(u'A' + variant));
}

bool CatalogSeed::inCollection(int i, int collection)
{
    return collection == 0 ? i % 10 == 0 : i % 7 == 0;
}

qint64 CatalogSeed::available(int i, int variant, int location)
{
    if (location == 0)
        return i % 4 == 0 ? 0 : variant + 1;
    return i % 2 == 1 ? 1 : -1;
}

qint64 CatalogSeed::totalAvailable(int i)
{
    qint64 total = 0;
    for (int v = 0; v < variantCount(i); ++v) {
        for (int location = 0; location < kLocations.size(); ++location)
            total += qMax<qint64>(0, available(i, v, location));
    }
    return total;
}

namespace {

qint64 insertReturningId(QSqlQuery &query)
{
    sql::exec(query);
    query.next();
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

} // namespace

CatalogSeed::Ids CatalogSeed::seed(const QSqlDatabase &db, int products)
{
    Ids ids;
    const qint64 now = sql::nowMs();
    sql::WriteTransaction transaction(db);

    QSqlQuery addConnection = sql::prepare(
        db, QStringLiteral("INSERT INTO connections (provider, external_shop_id, name, created_at) "
                           "VALUES (?, ?, ?, ?) RETURNING id"));
    for (const QString &name : kConnections) {
        addConnection.addBindValue(QStringLiteral("test"));
        addConnection.addBindValue(name.toLower());
        addConnection.addBindValue(name);
        addConnection.addBindValue(now);
        ids.connections.append(insertReturningId(addConnection));
    }
    QSqlQuery collection = sql::prepare(
        db, QStringLiteral("INSERT INTO collections (title) VALUES (?) RETURNING id"));
    for (const QString &title : kCollections) {
        collection.addBindValue(title);
        ids.collections.append(insertReturningId(collection));
    }
    QSqlQuery location = sql::prepare(
        db, QStringLiteral("INSERT INTO locations (name) VALUES (?) RETURNING id"));
    for (const QString &name : kLocations) {
        location.addBindValue(name);
        ids.locations.append(insertReturningId(location));
    }

    QSqlQuery product = sql::prepare(
        db, QStringLiteral("INSERT INTO products (title, source_connection_id, created_at, "
                           "updated_at) VALUES (?, ?, ?, ?) RETURNING id"));
    QSqlQuery variant = sql::prepare(
        db, QStringLiteral("INSERT INTO variants (product_id, position, title, sku, price_amount, "
                           "currency) VALUES (?, ?, ?, ?, ?, 'EUR') RETURNING id"));
    QSqlQuery stock = sql::prepare(
        db, QStringLiteral("INSERT INTO stock_levels (variant_id, location_id, available, "
                           "on_hand, updated_at) VALUES (?, ?, ?, ?, ?)"));
    QSqlQuery member = sql::prepare(
        db, QStringLiteral("INSERT INTO collection_products (collection_id, product_id) "
                           "VALUES (?, ?)"));
    ids.products.reserve(products);
    for (int i = 0; i < products; ++i) {
        product.addBindValue(title(i));
        product.addBindValue(connection(i) < 0 ? sql::idOrNull(0)
                                               : QVariant(ids.connections.at(connection(i))));
        product.addBindValue(now);
        product.addBindValue(now);
        const qint64 productId = insertReturningId(product);
        ids.products.append(productId);
        for (int v = 0; v < variantCount(i); ++v) {
            variant.addBindValue(productId);
            variant.addBindValue(v);
            variant.addBindValue(sku(i, v));
            variant.addBindValue(sku(i, v));
            variant.addBindValue(price(i, v));
            const qint64 variantId = insertReturningId(variant);
            for (int l = 0; l < kLocations.size(); ++l) {
                if (available(i, v, l) < 0)
                    continue;
                stock.addBindValue(variantId);
                stock.addBindValue(ids.locations.at(l));
                stock.addBindValue(available(i, v, l));
                stock.addBindValue(available(i, v, l));
                stock.addBindValue(now);
                sql::exec(stock);
            }
        }
        for (int c = 0; c < kCollections.size(); ++c) {
            if (!inCollection(i, c))
                continue;
            member.addBindValue(ids.collections.at(c));
            member.addBindValue(productId);
            sql::exec(member);
        }
    }
    transaction.commit();
    return ids;
}

} // namespace storeloom::test
