#include "publishseed.h"

#include "catalogstore.h"
#include "channelmappings.h"
#include "connectionstore.h"

#include <QSqlQuery>

namespace storeloom::test {

Connection connection(const QString &provider, const QString &shopId, const QString &name,
                      Connection::Status status)
{
    Connection connection;
    connection.provider = provider;
    connection.externalShopId = shopId;
    connection.name = name;
    connection.status = status;
    return connection;
}

qint64 addConnection(const QSqlDatabase &db, const QString &provider, const QString &shopId,
                     const QString &name)
{
    return ConnectionStore(db).add(connection(provider, shopId, name));
}

qint64 addTestConnection(const QSqlDatabase &db, const QString &shop)
{
    return addConnection(db, QStringLiteral("test"), shop, shop);
}

Variant eurVariant(const QString &sku, qint64 price, const QString &title)
{
    Variant variant;
    variant.title = title;
    variant.sku = sku;
    variant.price = Money{price, QStringLiteral("EUR")};
    return variant;
}

qint64 addProduct(const QSqlDatabase &db, const QString &title, const Variant &variant,
                  qint64 sourceConnectionId)
{
    Product product;
    product.title = title;
    product.sourceConnectionId = sourceConnectionId;
    product.variants = {variant};
    return CatalogStore(db).addProduct(product);
}

QString contentHashOf(const QSqlDatabase &db, qint64 productId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT content_hash FROM products WHERE id = ?"));
    query.addBindValue(productId);
    query.exec();
    return query.next() ? query.value(0).toString() : QString();
}

void recordSyncedListing(const QSqlDatabase &db, qint64 connectionId, qint64 productId,
                         const QString &externalId, const QString &targetHash, const QString &url)
{
    ChannelMappings mappings(db);
    mappings.recordExternalId(connectionId, productId, externalId, url);
    mappings.recordSynced(connectionId, productId, contentHashOf(db, productId), targetHash, {});
}

NewItem publishItem(qint64 connectionId, qint64 productId, const QString &key)
{
    NewItem item;
    item.operation = QStringLiteral("listing.publish");
    item.direction = Direction::Outbound;
    item.idempotencyKey = key;
    item.connectionId = connectionId;
    item.entityType = QStringLiteral("product");
    item.entityId = productId;
    return item;
}

qint64 scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.exec();
    const qint64 value = query.next() ? query.value(0).toLongLong() : -1;
    query.finish();
    return value;
}

} // namespace storeloom::test
