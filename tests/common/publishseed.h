#pragma once

// Small seeds for the publishing tests: a connection, a product, a listing
// already on a channel, a publish item, and one-number queries.

#include "catalog.h"
#include "connection.h"
#include "syncitem.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

namespace storeloom::test {

// A connection as ConnectionStore::add() takes it.
Connection connection(const QString &provider, const QString &shopId, const QString &name,
                      Connection::Status status = Connection::Status::Inactive);

// Adds connection(provider, shopId, name); returns its id.
qint64 addConnection(const QSqlDatabase &db, const QString &provider, const QString &shopId,
                     const QString &name);

// A "test" connection whose shop id and name are both `shop`.
qint64 addTestConnection(const QSqlDatabase &db, const QString &shop);

// A variant priced in EUR (`price` in cents).
Variant eurVariant(const QString &sku, qint64 price, const QString &title = {});

// A product made here (or imported from `sourceConnectionId`) with one variant.
qint64 addProduct(const QSqlDatabase &db, const QString &title, const Variant &variant,
                  qint64 sourceConnectionId = 0);

// The product's content hash as the catalog stored it; empty when there is no such product.
QString contentHashOf(const QSqlDatabase &db, qint64 productId);

// The product is on the channel as `externalId` (at `url`), synced as it is
// now with `targetHash`.
void recordSyncedListing(const QSqlDatabase &db, qint64 connectionId, qint64 productId,
                         const QString &externalId, const QString &targetHash,
                         const QString &url = {});

// A listing.publish item for the product, with `key` as its idempotency key.
NewItem publishItem(qint64 connectionId, qint64 productId, const QString &key);

// The first column of the first row `sql` gives (with `values` bound); -1 when none.
qint64 scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});

} // namespace storeloom::test
