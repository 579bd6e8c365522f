#pragma once

#include "importedcatalog.h"

#include <QJsonArray>
#include <QJsonObject>

namespace storeloom::shopify {

class StockMap;

// Reassembles products from a grouped BulkProducts export: a product line,
// then its variants, media and collections as lines of their own carrying
// `__parentId`. A product is complete when the next one starts (or at
// finish()); it is then normalized like a ProductsPage node and given its
// stock from the StockMap.
class JsonlProducts
{
public:
    JsonlProducts(QString currency, const StockMap *stock)
        : m_currency(std::move(currency)), m_stock(stock)
    {}

    // False when the line cannot be read or belongs to no product in hand
    // (`problem` says which).
    bool addLine(const QByteArray &line, QString *problem);
    bool finish(QString *problem);

    qsizetype readyCount() const { return m_ready.size(); }
    QList<ImportedProduct> takeReady() { return std::exchange(m_ready, {}); }

private:
    bool complete(QString *problem);

    QString m_currency;
    const StockMap *m_stock;
    QJsonObject m_product; // the product being assembled, empty between products
    QString m_productId;   // its id, which its lines name as __parentId
    QJsonArray m_variants;
    QJsonArray m_media;
    QJsonArray m_collections;
    QList<ImportedProduct> m_ready;
};

} // namespace storeloom::shopify
