#pragma once

#include "catalogquery.h"
#include "catalogrowcache.h"
#include "workspacemodel.h"

namespace storeloom {

class CatalogRowFetcher;

// The Catalog page's products, built for 100,000 of them. A load (refresh())
// reads, on a worker, the catalog's version and — only when that, the filter
// or the order changed — the ordered ids of the matching products (8 bytes
// each). The rows' details are read a page at a time when the view first asks
// for them: until then a cell shows a placeholder (LoadedRole false), then
// dataChanged repaints it. At most kMaxLoadedRows rows are held.
//
// A new list of ids is applied as a layout change that moves persistent
// indexes by product id, so the selection and the current product survive
// refreshes, imports, new filters and new orders.
class CatalogModel : public WorkspaceModel
{
    Q_OBJECT

public:
    // Channels: one badge per channel the product is published to; it has
    // no order of its own (sorting by it is ignored).
    enum Column { Title, Skus, Variants, Price, Stock, Source, Channels, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64 product id; known before the row's details
        LoadedRole,                // bool: the row's details are here (asks for nothing)
        BadgesRole,                // QList<ChannelBadge>, in the Channels column
    };
    static constexpr int kPageSize = 100;
    static constexpr int kMaxLoadedRows = 1000;

    explicit CatalogModel(Workspace workspace, QObject *parent = nullptr);
    ~CatalogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // Orders by any column, in SQL; the rows arrive with the next load.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Shows only the products that match; the rows arrive with the next load.
    void setFilter(const CatalogFilter &filter);
    CatalogFilter filter() const { return m_requested.filter; }
    // The filter the rows shown were loaded with.
    CatalogFilter appliedFilter() const { return m_applied.filter; }
    CatalogSort appliedSort() const { return m_applied.sort; }

    qint64 totalProducts() const { return m_version.products; }
    qint64 productId(int row) const { return m_ids.value(row); }
    // Every matching product, in the order shown (loaded or not).
    const QList<qint64> &productIds() const { return m_ids; }
    bool isRowLoaded(int row) const;
    // How many rows' details are in memory now, and at most so far.
    int loadedRowCount() const { return m_rows.size(); }
    int peakLoadedRowCount() const { return m_rows.peakSize(); }

    // What the filters offer: the connections and the collections.
    QList<CatalogChoice> sources() const { return m_sources; }
    QList<CatalogChoice> collections() const { return m_collections; }

Q_SIGNALS:
    // The row count or the catalog's total changed.
    void countsChanged();
    // The connections or collections to filter by changed.
    void choicesChanged();
    // Rows for a new filter are in (after the layout change).
    void filterApplied();

protected:
    Query query() const override;

private:
    struct Request
    {
        CatalogFilter filter;
        CatalogSort sort;
        friend bool operator==(const Request &, const Request &) = default;
    };
    struct Snapshot; // what one load read

    void apply(const Snapshot &snapshot);
    void replaceIds(const QList<qint64> &ids);
    void requestRow(int row) const;
    void rowsFetched(quint64 layout, int page, const QList<CatalogRow> &rows, quint64 epoch);
    QVariant display(const CatalogRow &row, int column) const;
    QVariant toolTip(const CatalogRow &row, int column) const;
    QString channelName(qint64 connectionId) const;
    QVariant badges(const CatalogRow &row) const;
    QString channelsToolTip(const CatalogRow &row) const;

    Request m_requested;
    Request m_applied;
    CatalogVersion m_version;
    QList<CatalogChoice> m_sources;
    QList<CatalogChoice> m_collections;
    QList<qint64> m_ids;  // the matching products, in order
    quint64 m_layout = 0; // bumped with every new m_ids
    quint64 m_epoch = 0;  // bumped with every catalog change
    mutable CatalogRowCache m_rows{kMaxLoadedRows};
    CatalogRowFetcher *m_fetcher = nullptr;
};

} // namespace storeloom
