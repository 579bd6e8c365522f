#include "productassembler.h"

#include "jsonlproducts.h"

#include <atomic>

namespace storeloom::shopify {

namespace {
template<typename T> bool onlyHere(const QList<T> &list)
{
    return list.isEmpty() || list.isDetached();
}
} // namespace

ProductAssembler::ProductAssembler(QString currency, const StockMap *stock, int pageSize)
    : m_products(std::make_unique<JsonlProducts>(std::move(currency), stock)),
      m_pageSize(std::max(1, pageSize))
{
    qRegisterMetaType<QList<ImportedProduct>>();
    qRegisterMetaType<QList<ProductDigests>>();
}

ProductAssembler::~ProductAssembler() = default;

void ProductAssembler::feed(const QByteArray &lines)
{
    releaseWritten();
    if (m_failed)
        return;
    for (qsizetype start = 0; start < lines.size();) {
        qsizetype end = lines.indexOf('\n', start);
        if (end < 0)
            end = lines.size();
        // A view of the line: parsing copies what it keeps.
        const QByteArray line = QByteArray::fromRawData(lines.constData() + start, end - start);
        start = end + 1;
        if (QByteArrayView(line).trimmed().isEmpty())
            continue;
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
    releaseWritten();
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
            emitPage();
    }
    if (all && !m_page.isEmpty())
        emitPage();
}

void ProductAssembler::emitPage()
{
    m_handed.push_back({m_page, m_digests});
    Q_EMIT pageReady(std::exchange(m_page, {}), std::exchange(m_digests, {}));
}

// Frees the pages only this thread still holds. Whoever drops a page last
// frees it, and the writer's queued signal otherwise often does (~9% of the
// writing thread's time in profiles of a bulk import).
void ProductAssembler::releaseWritten()
{
    while (!m_handed.empty() && onlyHere(m_handed.front().products) &&
           onlyHere(m_handed.front().digests)) {
        // Pairs with the writer's releasing decrement of the count.
        std::atomic_thread_fence(std::memory_order_acquire);
        m_handed.pop_front();
    }
}

} // namespace storeloom::shopify
