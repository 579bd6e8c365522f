#pragma once

#include "catalog.h"

#include <QSqlDatabase>

namespace storeloom {

// Reads and writes the normalized catalog.
class CatalogStore
{
public:
    explicit CatalogStore(QSqlDatabase db) : m_db(std::move(db)) {}

    // Adds a product with its options and variants in one transaction.
    qint64 addProduct(const Product &product);
    qint64 addLocation(const QString &name, qint64 sourceConnectionId = 0);
    void setStock(qint64 variantId, qint64 locationId, qint64 available, qint64 onHand);

    QList<ProductSummary> summaries(int limit = -1) const;
    qint64 productCount() const;

private:
    QSqlDatabase m_db;
};

} // namespace storeloom
