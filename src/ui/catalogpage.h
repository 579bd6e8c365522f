#pragma once

#include "areapage.h"

class QPushButton;

namespace storeloom {

class CatalogFilterBar;
class CatalogModel;

// The Catalog area: the products table (sorted by clicking a header, in SQL;
// multi-select) with each product's state on its channels as badges, under a
// bar with search, filters and the count of what matches. The bar shows once
// the catalog has products. "Publish to…" (publishButton) asks to publish the
// selected products.
class CatalogPage : public AreaPage
{
    Q_OBJECT

public:
    explicit CatalogPage(CatalogModel *model, QWidget *parent = nullptr);

    CatalogModel *catalogModel() const { return m_catalog; }
    CatalogFilterBar *filterBar() const { return m_bar; }
    // The selected products, in the table's order.
    QList<qint64> selectedProductIds() const;

Q_SIGNALS:
    void publishRequested(const QList<qint64> &productIds);

private:
    void setUpTable();
    void updateCounts();
    void updatePublish();
    void keepSortable(int section, Qt::SortOrder order);

    CatalogModel *m_catalog;
    CatalogFilterBar *m_bar;
    QPushButton *m_publish = nullptr;
    int m_sortSection = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace storeloom
