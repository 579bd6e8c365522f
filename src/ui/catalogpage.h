#pragma once

#include "areapage.h"

namespace storeloom {

class CatalogFilterBar;
class CatalogModel;

// The Catalog area: the products table (sorted by clicking a header, in SQL)
// under a bar with search, filters and the count of what matches. The bar
// shows once the catalog has products.
class CatalogPage : public AreaPage
{
    Q_OBJECT

public:
    explicit CatalogPage(CatalogModel *model, QWidget *parent = nullptr);

    CatalogModel *catalogModel() const { return m_catalog; }
    CatalogFilterBar *filterBar() const { return m_bar; }

private:
    void setUpTable();
    void updateCounts();

    CatalogModel *m_catalog;
    CatalogFilterBar *m_bar;
};

} // namespace storeloom
