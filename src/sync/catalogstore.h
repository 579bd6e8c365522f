#pragma once

#include "catalog.h"

#include <QHash>
#include <QSqlDatabase>
#include <optional>

namespace storeloom {

// A merchant's change to a product; what is not set stays as it is.
struct ProductEdit
{
    std::optional<QString> title;
    std::optional<QString> description;
    QHash<qint64, Money> variantPrices; // variant id → new price
};

// Reads and writes the normalized catalog.
class CatalogStore
{
public:
    explicit CatalogStore(QSqlDatabase db) : m_db(std::move(db)) {}

    // Adds a product with its options and variants in one transaction.
    qint64 addProduct(const Product &product);
    // The product with its options and variants (ids filled in).
    std::optional<Product> product(qint64 id) const;
    // Applies a merchant's edit and refreshes the product's content hash —
    // which is how an import tells a product edited here from one left as it
    // was imported. Throws WorkspaceError::NotFound for an unknown product,
    // InvalidState for a variant that is not the product's.
    void editProduct(qint64 productId, const ProductEdit &edit);
    qint64 addLocation(const QString &name, qint64 sourceConnectionId = 0);
    void setStock(qint64 variantId, qint64 locationId, qint64 available, qint64 onHand);

    QList<ProductSummary> summaries(int limit = -1) const;
    qint64 productCount() const;

private:
    QSqlDatabase m_db;
};

} // namespace storeloom
