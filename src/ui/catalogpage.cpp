#include "catalogpage.h"

#include "catalogfilterbar.h"
#include "catalogmodel.h"

#include <QHeaderView>
#include <QTableView>

namespace storeloom {

CatalogPage::CatalogPage(CatalogModel *model, QWidget *parent)
    : AreaPage(QStringLiteral("catalog"), tr("Catalog"), model,
               tr("Your catalog is empty. Connect a store and import its products."), parent),
      m_catalog(model), m_bar(new CatalogFilterBar(this))
{
    m_bar->setObjectName(QStringLiteral("catalogFilterBar"));
    m_bar->setVisible(false); // until there is something to search
    addFilterBar(m_bar);
    setUpTable();

    connect(m_bar, &CatalogFilterBar::filterChanged, model, &CatalogModel::setFilter);
    connect(model, &CatalogModel::choicesChanged, this, [this] {
        m_bar->setSources(m_catalog->sources());
        m_bar->setCollections(m_catalog->collections());
    });
    connect(model, &CatalogModel::countsChanged, this, &CatalogPage::updateCounts);
    // A new search starts at its first match; a refresh keeps the place.
    connect(model, &CatalogModel::filterApplied, view(), &QTableView::scrollToTop);
}

void CatalogPage::setUpTable()
{
    QTableView *table = view();
    // Widths from the font rather than from the rows: most rows are not read.
    setSizeColumnsToContents(false);
    const int em = table->fontMetrics().averageCharWidth();
    const int widths[CatalogModel::ColumnCount - 1] = {36 * em, 22 * em, 9 * em, 20 * em, 9 * em};
    for (int column = 0; column < CatalogModel::ColumnCount - 1; ++column)
        table->setColumnWidth(column, widths[column]);

    QHeaderView *header = table->horizontalHeader();
    header->setSortIndicator(CatalogModel::Title, Qt::AscendingOrder);
    table->setSortingEnabled(true); // the model sorts in SQL
}

void CatalogPage::updateCounts()
{
    const bool filtered = !m_catalog->appliedFilter().matchesAll();
    const qint64 total = m_catalog->totalProducts();
    m_bar->setCounts(m_catalog->rowCount(), total, filtered);
    m_bar->setVisible(total > 0 || filtered);
    setEmptyText(filtered ? tr("No products match the search and filters.")
                          : tr("Your catalog is empty. Connect a store and import its products."));
}

} // namespace storeloom
