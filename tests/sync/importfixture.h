#pragma once

#include "catalogimport.h"
#include "importedcatalog.h"
#include "publishseed.h" // addTestConnection

#include <QByteArray>
#include <QSqlDatabase>
#include <optional>

namespace storeloom::test {

// A store's catalog for import tests: deterministic products with two
// options, three variants each stocked at three locations, two media and one
// or two collections.
QString gid(const QString &type, qint64 number);
QList<ImportedLocation> sampleLocations();
QList<ImportedCollection> sampleCollections();
ImportedProduct sampleProduct(int n);
QList<ImportedProduct> sampleProducts(int count, int first = 0);

// The product as its store changes it: a new title, a price, one variant gone
// and one added, stock at one location, one image swapped, other collections.
ImportedProduct changedAtSource(ImportedProduct product);

// Sets (stock per location, collections) in the order readBack() returns them.
ImportedProduct normalized(ImportedProduct product);

// The product as the workspace holds it, rebuilt through its mappings.
std::optional<ImportedProduct> readBack(const QSqlDatabase &db, qint64 connectionId,
                                        const QString &externalId);


// begin, locations, collections, pages of `pageSize`, finish.
ImportCheckpoint importAll(const QSqlDatabase &db, qint64 connectionId,
                           const QList<ImportedProduct> &products, int pageSize,
                           CatalogImport::Writes writes = CatalogImport::Writes::Fastest);

qint64 scalarOf(const QSqlDatabase &db, const QString &statement);
// A digest of every row `select` returns (NULL told apart from '').
QByteArray rowsDigest(const QSqlDatabase &db, const QString &select);

} // namespace storeloom::test
