#pragma once

#include "cataloghash.h"
#include "importedcatalog.h"

#include <QByteArray>
#include <QObject>
#include <deque>
#include <memory>

namespace storeloom::shopify {

class JsonlProducts;
class StockMap;

// Parses and assembles a BulkProducts export on a thread of their own while
// the import's thread writes the products already assembled: the two halves
// of a bulk import run side by side. Lines arrive in batches of whole lines
// (feed; each is answered by fed()), products leave in pages of `pageSize`,
// each with its digests (hashing here spares the writing thread), the last
// one at finish().
class ProductAssembler : public QObject
{
    Q_OBJECT

public:
    // `stock` is only read, and must not change while the assembler runs.
    ProductAssembler(QString currency, const StockMap *stock, int pageSize);
    ~ProductAssembler() override;

public Q_SLOTS:
    void feed(const QByteArray &lines); // JSONL: whole lines, blank ones skipped
    void finish(); // the last product is complete: the last page, then finished()

Q_SIGNALS:
    void pageReady(const QList<storeloom::ImportedProduct> &products,
                   const QList<storeloom::ProductDigests> &digests);
    void fed();
    void finished();
    void failed(const QString &problem);

private:
    // A page as handed to the writing thread, kept here until the writer has
    // let go of it, so that its thousands of strings are freed on this thread.
    struct Handed
    {
        QList<ImportedProduct> products;
        QList<ProductDigests> digests;
    };

    void emitPages(bool all);
    void emitPage();
    void releaseWritten();

    std::unique_ptr<JsonlProducts> m_products;
    const int m_pageSize;
    CatalogHasher m_hasher;
    QList<ImportedProduct> m_page;
    QList<ProductDigests> m_digests;
    std::deque<Handed> m_handed; // oldest first, as the writer takes them
    bool m_failed = false;
};

} // namespace storeloom::shopify
