#include "productassembler.h"

#include "jsonlproducts.h"

namespace storeloom::shopify {

ProductAssembler::ProductAssembler(QString currency, const StockMap *stock)
    : m_products(std::make_unique<JsonlProducts>(std::move(currency), stock))
{
    qRegisterMetaType<QList<ImportedProduct>>();
    qRegisterMetaType<QList<ProductDigests>>();
}

ProductAssembler::~ProductAssembler() = default;

void ProductAssembler::feed(const QByteArrayList &lines)
{
    if (m_failed)
        return;
    for (const QByteArray &line : lines) {
        QString problem;
        if (!m_products->addLine(line, &problem)) {
            m_failed = true;
            Q_EMIT failed(problem);
            return;
        }
    }
    emitReady();
}

void ProductAssembler::finish()
{
    if (m_failed)
        return;
    QString problem;
    if (!m_products->finish(&problem)) {
        m_failed = true;
        Q_EMIT failed(problem);
        return;
    }
    emitReady();
    Q_EMIT finished();
}

void ProductAssembler::emitReady()
{
    const QList<ImportedProduct> products = m_products->takeReady();
    QList<ProductDigests> digests;
    digests.reserve(products.size());
    for (const ImportedProduct &product : products)
        digests.append(m_hasher.digests(product));
    Q_EMIT assembled(products, digests);
}

} // namespace storeloom::shopify
