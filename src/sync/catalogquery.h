#pragma once

#include "catalog.h"
#include "channelstate.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

namespace storeloom {

// What the Catalog page shows: every field narrows the list; the defaults
// match every product.
struct CatalogFilter
{
    enum class Source { All, Connection, MadeHere };
    enum class Stock { All, InStock, OutOfStock };
    // By the products' state on the channels they are published to. The
    // mapping of the connection a product was imported from does not count:
    // it says where the product came from, not where it is published.
    enum class Channel {
        All,
        InState,     // channelState on channelId; on any channel when 0 (NotListed: on none)
        HasProblems, // failed or out of sync on channelId; on any channel when 0
    };

    // Products that need the merchant's attention before they are published
    // or linked: a SKU other variants share, or (Any) also failed or out of
    // sync on a channel.
    enum class Problems { All, Any, DuplicateSku };

    QString search;          // in the title or a SKU, case-insensitive
    Source source = Source::All;
    qint64 connectionId = 0; // with Source::Connection
    qint64 collectionId = 0; // 0: in any collection or none
    Stock stock = Stock::All; // InStock: total available > 0
    Channel channel = Channel::All;
    qint64 channelId = 0;
    ChannelState::State channelState = ChannelState::State::Synced; // with Channel::InState
    Problems problems = Problems::All;

    bool matchesAll() const;
    friend bool operator==(const CatalogFilter &, const CatalogFilter &) = default;
};

// The order of the Catalog page. Ties are broken by id in the same
// direction, so descending is exactly ascending reversed.
struct CatalogSort
{
    enum class Key { Title, Sku, Variants, Price, Stock, Source };

    Key key = Key::Title;
    bool descending = false;

    friend bool operator==(const CatalogSort &, const CatalogSort &) = default;
};

// A connection or a collection to filter by.
struct CatalogChoice
{
    qint64 id = 0;
    QString name;

    friend bool operator==(const CatalogChoice &, const CatalogChoice &) = default;
};

// A product's stock at one location, summed over its variants.
struct LocationStock
{
    qint64 locationId = 0;
    QString name;
    qint64 available = 0;

    friend bool operator==(const LocationStock &, const LocationStock &) = default;
};

// A cheap fingerprint of the rows the Catalog page shows (counts and newest
// changes, all from indexes): while it is unchanged, a page's list of ids and
// the rows it read are still right. Writers bump products.updated_at when
// they change a product or its variants, stock_levels.updated_at for stock.
// Mappings have no change time, so their states are counted instead (one
// pass over the product mappings).
struct CatalogVersion
{
    qint64 products = 0;
    qint64 lastProductChange = 0;
    qint64 lastProductId = 0;
    qint64 variants = 0;
    qint64 lastVariantId = 0;
    qint64 stockLevels = 0;
    qint64 lastStockChange = 0;
    qint64 collectionLinks = 0;
    qint64 listings = 0; // product mappings
    qint64 lastListingSync = 0;
    qint64 pendingListings = 0;
    qint64 failedListings = 0;

    friend bool operator==(const CatalogVersion &, const CatalogVersion &) = default;
};

// The read-only queries behind the Catalog page, built for 100,000 products:
// the page holds the ordered ids of the matching products and reads the rows
// it shows a page at a time. Portable SQL (SQLite and PostgreSQL); the
// indexes it relies on come with migration 0004.
class CatalogQuery
{
public:
    explicit CatalogQuery(QSqlDatabase db) : m_db(std::move(db)) {}

    CatalogVersion version() const;

    // The ids of the products that match, in order.
    QList<qint64> matchingIds(const CatalogFilter &filter, const CatalogSort &sort = {}) const;

    // The rows of these products, in the order given; ids of products that
    // no longer exist are left out.
    QList<ProductSummary> summaries(const QList<qint64> &ids) const;

    // Each product's stock per location (by location name), for products
    // with stock levels.
    QHash<qint64, QList<LocationStock>> locationsStock(const QList<qint64> &productIds) const;

    // The connections products may come from, by name.
    QList<CatalogChoice> sources() const;
    // The collections, by title.
    QList<CatalogChoice> collections() const;

private:
    QSqlDatabase m_db;
};

} // namespace storeloom
