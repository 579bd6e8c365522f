#pragma once

#include "cataloghash.h"
#include "importedcatalog.h"

#include <QByteArrayList>
#include <QObject>
#include <memory>

namespace storeloom::shopify {

class JsonlProducts;
class StockMap;

// Parses and assembles a BulkProducts export on a thread of its own while
// the import's thread writes the products already assembled: the two halves
// of a bulk import run side by side. Lines arrive in batches (feed), products
// leave in batches (assembled), each with its digests (hashing here spares
// the writing thread); one `assembled` answers each feed.
class ProductAssembler : public QObject
{
    Q_OBJECT

public:
    // `stock` is only read, and must not change while the assembler runs.
    ProductAssembler(QString currency, const StockMap *stock);
    ~ProductAssembler() override;

public Q_SLOTS:
    void feed(const QByteArrayList &lines);
    void finish(); // the last product is complete: assembled(), then finished()

Q_SIGNALS:
    void assembled(const QList<storeloom::ImportedProduct> &products,
                   const QList<storeloom::ProductDigests> &digests);
    void finished();
    void failed(const QString &problem);

private:
    void emitReady();

    std::unique_ptr<JsonlProducts> m_products;
    CatalogHasher m_hasher;
    bool m_failed = false;
};

} // namespace storeloom::shopify
