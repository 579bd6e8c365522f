#pragma once

#include "catalog.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace storeloom {

struct ProductImage
{
    QString url;
    QString altText;
};

// Everything a channel adapter needs to turn a catalog product into a
// listing: the product with its variants, images in order, what is in stock,
// and the content hash the product had when it was read.
struct PublishableProduct
{
    Product product;
    QList<ProductImage> images;
    QHash<qint64, qint64> availableByVariant; // summed over active locations
    QStringList collections;
    QString contentHash;

    qint64 totalAvailable() const;
};

// Reads PublishableProducts from the workspace (any thread, its own connection).
class PublishableProductReader
{
public:
    explicit PublishableProductReader(QSqlDatabase db) : m_db(std::move(db)) {}

    std::optional<PublishableProduct> read(qint64 productId) const;
    // Adds an image to a product (products made here, tests).
    void addImage(qint64 productId, const ProductImage &image);

private:
    QSqlDatabase m_db;
};

} // namespace storeloom
