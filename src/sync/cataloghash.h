#pragma once

#include "catalog.h"
#include "importedcatalog.h"

#include <QByteArray>
#include <QString>

namespace storeloom {

// Digests of catalog content (SHA-1, hex). They are stored in the workspace
// and compared across runs, so they depend only on the content: never on the
// process, the build or the machine's byte order.
//  - source(): everything an adapter reported about a product. Equal digests
//    mean nothing changed at the source. Stock levels and collections count
//    as sets (a platform may list them in any order); all else in order.
//  - content(): what the workspace stores of a product a merchant can edit —
//    its fields, options and variants, as stored. CatalogStore keeps it in
//    products.content_hash and an import records it in the product's mapping,
//    so a difference between the two is a local edit.
// One instance reuses its buffer; it is not thread-safe.

// Both digests an import records of a product.
struct ProductDigests
{
    QString source;
    QString content;

    friend bool operator==(const ProductDigests &, const ProductDigests &) = default;
};

class CatalogHasher
{
public:
    ProductDigests digests(const ImportedProduct &product)
    {
        return {source(product), content(product)};
    }
    QString source(const ImportedProduct &product);
    QString content(const Product &product);
    // The content digest `product` will have once stored.
    QString content(const ImportedProduct &product);

private:
    QByteArray m_buffer;
};

} // namespace storeloom
