#include "productassembler.h"

#include "jsonlproducts.h"

namespace storeloom::shopify {

ProductAssembler::ProductAssembler(QString currency, const StockMap *stock, int pageSize)
    : m_products(std::make_unique<JsonlProducts>(std::move(currency), stock)),
      m_pageSize(std::max(1, pageSize))
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
    emitPages(false);
    Q_EMIT fed();
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
    emitPages(true);
    Q_EMIT finished();
}

// Whole pages leave as they fill up (`all`: the rest too). The receiver gets
// them as they are: nothing is copied on the writing thread.
void ProductAssembler::emitPages(bool all)
{
    for (ImportedProduct &product : m_products->takeReady()) {
        m_digests.append(m_hasher.digests(product));
        m_page.append(std::move(product));
        if (m_page.size() >= m_pageSize)
            Q_EMIT pageReady(std::exchange(m_page, {}), std::exchange(m_digests, {}));
    }
    if (all && !m_page.isEmpty())
        Q_EMIT pageReady(std::exchange(m_page, {}), std::exchange(m_digests, {}));
}

} // namespace storeloom::shopify
