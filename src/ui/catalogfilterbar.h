#pragma once

#include "catalogquery.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace storeloom {

// The Catalog page's search and filters, with the count of what they match:
// a search box (title or SKU; applied kSearchDelayMs after the last key, or
// at once on Enter), the source (all, each connection, made here), the
// collection, and the stock. Object names: catalogSearch,
// catalogSourceFilter, catalogCollectionFilter, catalogStockFilter,
// catalogCount.
class CatalogFilterBar : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kSearchDelayMs = 200;

    explicit CatalogFilterBar(QWidget *parent = nullptr);

    CatalogFilter filter() const;

    // The choices offered; a chosen one that is gone falls back to "all".
    void setSources(const QList<CatalogChoice> &sources);
    void setCollections(const QList<CatalogChoice> &collections);
    // "12,345 products", or "12 of 100,000 match" while filtered.
    void setCounts(qint64 shown, qint64 total, bool filtered);

Q_SIGNALS:
    void filterChanged(const storeloom::CatalogFilter &filter);

private:
    void announce();

    QLineEdit *m_search = nullptr;
    QComboBox *m_source = nullptr;
    QComboBox *m_collection = nullptr;
    QComboBox *m_stock = nullptr;
    QLabel *m_count = nullptr;
    QTimer *m_searchDelay = nullptr;
};

} // namespace storeloom
