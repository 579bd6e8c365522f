#include "catalogpage.h"

#include "catalogfilterbar.h"
#include "catalogmodel.h"
#include "channelbadgedelegate.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <algorithm>

namespace storeloom {

CatalogPage::CatalogPage(CatalogModel *model, QWidget *parent)
    : AreaPage(QStringLiteral("catalog"), tr("Catalog"), model,
               tr("Your catalog is empty. Connect a store and import its products."), parent),
      m_catalog(model), m_bar(new CatalogFilterBar(this))
{
    m_bar->setObjectName(QStringLiteral("catalogFilterBar"));
    m_bar->setVisible(false); // until there is something to search
    addFilterBar(m_bar);
    m_publish = new QPushButton(tr("&Publish to…"), this);
    m_publish->setObjectName(QStringLiteral("publishButton"));
    m_publish->setToolTip(tr("Publish the selected products to another channel"));
    addHeaderWidget(m_publish);
    setUpTable();
    updatePublish();

    connect(m_bar, &CatalogFilterBar::filterChanged, model, &CatalogModel::setFilter);
    connect(model, &CatalogModel::choicesChanged, this, [this] {
        m_bar->setSources(m_catalog->sources());
        m_bar->setCollections(m_catalog->collections());
        m_bar->setChannels(m_catalog->sources()); // any connection may be published to
    });
    connect(model, &CatalogModel::countsChanged, this, &CatalogPage::updateCounts);
    // A new search starts at its first match; a refresh keeps the place.
    connect(model, &CatalogModel::filterApplied, view(), &QTableView::scrollToTop);
    connect(m_publish, &QPushButton::clicked, this,
            [this] { Q_EMIT publishRequested(selectedProductIds()); });
    // A new list of ids can drop selected rows without a selection signal.
    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CatalogPage::updatePublish);
    connect(model, &QAbstractItemModel::layoutChanged, this, &CatalogPage::updatePublish);
}

QList<qint64> CatalogPage::selectedProductIds() const
{
    QList<int> rows;
    const QItemSelection selection = view()->selectionModel()->selection();
    for (const QItemSelectionRange &range : selection) {
        for (int row = range.top(); row <= range.bottom(); ++row)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (int row : rows)
        ids.append(m_catalog->productId(row));
    return ids;
}

void CatalogPage::setUpTable()
{
    QTableView *table = view();
    // Widths from the font rather than from the rows: most rows are not read.
    setSizeColumnsToContents(false);
    const int em = table->fontMetrics().averageCharWidth();
    const int widths[CatalogModel::ColumnCount - 1] = {36 * em, 22 * em, 9 * em,
                                                       20 * em, 9 * em,  18 * em};
    for (int column = 0; column < CatalogModel::ColumnCount - 1; ++column)
        table->setColumnWidth(column, widths[column]);
    table->setItemDelegateForColumn(CatalogModel::Channels,
                                    new ChannelBadgeDelegate(CatalogModel::BadgesRole, table));

    QHeaderView *header = table->horizontalHeader();
    header->setSortIndicator(CatalogModel::Title, Qt::AscendingOrder);
    table->setSortingEnabled(true); // the model sorts in SQL
    connect(header, &QHeaderView::sortIndicatorChanged, this, &CatalogPage::keepSortable);
}

// The Channels column has no order: clicking it keeps the order shown.
void CatalogPage::keepSortable(int section, Qt::SortOrder order)
{
    if (section == CatalogModel::Channels) {
        view()->horizontalHeader()->setSortIndicator(m_sortSection, m_sortOrder);
        return;
    }
    m_sortSection = section;
    m_sortOrder = order;
}

void CatalogPage::updatePublish()
{
    m_publish->setEnabled(view()->selectionModel()->hasSelection());
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
