#include "productassembler.h"

#include "jsonlproducts.h"

namespace storeloom::shopify {

ProductAssembler::ProductAssembler(QString currency, const StockMap *stock)
    : m_products(std::make_unique<JsonlProducts>(std::move(currency), stock))
{
    qRegisterMetaType<QList<ImportedProduct>>();
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
    Q_EMIT assembled(m_products->takeReady());
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
    Q_EMIT assembled(m_products->takeReady());
    Q_EMIT finished();
}

} // namespace storeloom::shopify
