#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace storeloom::test {

// A large catalog written straight into the tables (portable SQL, one
// transaction), where every value is a function of the product's index `i`
// (0-based, in insertion order) so a test can count what a search or filter
// must match without asking the database:
//   title     "<kind> <i, six digits>", kind = kKinds[i % 5]
//   variants  1 + i % 3, SKU "SKU-<i, six digits>-<A, B, C>", EUR prices
//   source    connection 0 ("Acme Outdoor") for i % 3 == 0, connection 1
//             ("Bolt Bikes") for i % 3 == 1, made here otherwise
//   stock     every variant at "Warehouse" (0 when i % 4 == 0, else
//             variant + 1), odd products also 1 per variant at "Shop"
//   collections "Summer" holds i % 10 == 0, "Winter" holds i % 7 == 0
class CatalogSeed
{
public:
    static const QStringList kKinds;
    static const QStringList kConnections;
    static const QStringList kCollections;
    static const QStringList kLocations; // Warehouse, Shop

    static QString title(int i);
    static int variantCount(int i) { return 1 + i % 3; }
    static QString sku(int i, int variant);
    static qint64 price(int i, int variant) { return 1000 + (i % 50) * 100 + variant * 50; }
    static int connection(int i) { return i % 3 == 2 ? -1 : i % 3; } // -1: made here
    static bool inCollection(int i, int collection);
    static qint64 available(int i, int variant, int location); // -1: no stock level there
    static qint64 totalAvailable(int i);

    // The ids the seed wrote, by the indexes above.
    struct Ids
    {
        QList<qint64> products;
        QList<qint64> connections;
        QList<qint64> collections;
        QList<qint64> locations;
    };

    // Writes `products` products (with their connections, collections and
    // locations); returns what it wrote.
    static Ids seed(const QSqlDatabase &db, int products);
};

} // namespace storeloom::test
