#include "catalogquery.h"

#include "duplicateskus.h"
#include "sql.h"

#include <QStringList>

namespace storeloom {

namespace {

// Statements with an inlined id list stay short enough for any driver.
constexpr qsizetype kIdsPerStatement = 500;

// Total available over a product's variants and locations.
const QString kStockTotal = QStringLiteral(
    "(SELECT COALESCE(SUM(s.available), 0) FROM variants v "
    "JOIN stock_levels s ON s.variant_id = v.id WHERE v.product_id = p.id)");

// Ids are integers we produce ourselves, so they can be written into the
// statement: one round trip, no hundreds of bound values.
QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts.append(QString::number(id));
    return parts.join(QLatin1Char(','));
}

// Runs `perChunk` on slices of `ids` small enough for one statement.
template<typename Fn>
void forEachChunk(const QList<qint64> &ids, Fn perChunk)
{
    for (qsizetype at = 0; at < ids.size(); at += kIdsPerStatement)
        perChunk(idList(ids.mid(at, kIdsPerStatement)));
}

// A LIKE pattern that finds `text` anywhere, with LIKE's wildcards taken
// literally (ESCAPE '\').
QString containsPattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString sortExpression(CatalogSort::Key key)
{
    switch (key) {
    case CatalogSort::Key::Title:
        return QStringLiteral("LOWER(p.title)"); // products_title_lower
    case CatalogSort::Key::Sku:
        return QStringLiteral("COALESCE((SELECT MIN(LOWER(v.sku)) FROM variants v "
                              "WHERE v.product_id = p.id AND v.sku <> ''), '')");
    case CatalogSort::Key::Variants:
        return QStringLiteral("(SELECT COUNT(*) FROM variants v WHERE v.product_id = p.id)");
    case CatalogSort::Key::Price:
        return QStringLiteral("COALESCE((SELECT MIN(v.price_amount) FROM variants v "
                              "WHERE v.product_id = p.id), -1)");
    case CatalogSort::Key::Stock:
        return kStockTotal;
    case CatalogSort::Key::Source:
        return QStringLiteral("COALESCE(LOWER(c.name), '')");
    }
    return QStringLiteral("p.id");
}

// A product's mappings on the channels it is published to (for a
// correlated subquery on products p), optionally on one channel only.
QString listingsOf(qint64 channelId)
{
    QString listings = QStringLiteral(
        "SELECT 1 FROM mappings m WHERE m.entity_type = 'product' AND m.internal_id = p.id "
        "AND (p.source_connection_id IS NULL OR m.connection_id <> p.source_connection_id)");
    if (channelId > 0)
        listings += QStringLiteral(" AND m.connection_id = :channel");
    return listings;
}

// Out of sync is derived as ChannelMappings derives it: synced, but the
// product's content changed since.
QString stateCondition(ChannelState::State state)
{
    switch (state) {
    case ChannelState::State::Pending:
        return QStringLiteral("m.state = 'pending'");
    case ChannelState::State::Synced:
        return QStringLiteral("m.state = 'synced' AND m.source_hash = p.content_hash");
    case ChannelState::State::Failed:
        return QStringLiteral("m.state = 'failed'");
    case ChannelState::State::OutOfSync:
        return QStringLiteral("m.state = 'synced' AND m.source_hash <> p.content_hash");
    case ChannelState::State::Inactive:
        return QStringLiteral("m.state = 'inactive'");
    case ChannelState::State::NotListed:
        break; // no mapping at all: see channelCondition
    }
    return QStringLiteral("1 = 1");
}

QString channelCondition(const CatalogFilter &filter)
{
    const QString listings = listingsOf(filter.channelId);
    if (filter.channel == CatalogFilter::Channel::HasProblems)
        return QStringLiteral("EXISTS (%1 AND ((%2) OR (%3)))")
            .arg(listings, stateCondition(ChannelState::State::Failed),
                 stateCondition(ChannelState::State::OutOfSync));
    if (filter.channelState == ChannelState::State::NotListed)
        return QStringLiteral("NOT EXISTS (%1)").arg(listings);
    return QStringLiteral("EXISTS (%1 AND %2)").arg(listings, stateCondition(filter.channelState));
}

QString problemsCondition(CatalogFilter::Problems problems)
{
    if (problems == CatalogFilter::Problems::DuplicateSku)
        return DuplicateSkus::sqlCondition();
    CatalogFilter onAnyChannel;
    onAnyChannel.channel = CatalogFilter::Channel::HasProblems;
    return QStringLiteral("(%1 OR %2)")
        .arg(DuplicateSkus::sqlCondition(), channelCondition(onAnyChannel));
}

qint64 scalarAt(const QSqlQuery &query, int column)
{
    return query.value(column).toLongLong(); // NULL (an empty table) reads as 0
}

} // namespace

bool CatalogFilter::matchesAll() const
{
    return search.trimmed().isEmpty() && source == Source::All && collectionId == 0 &&
           stock == Stock::All && channel == Channel::All && problems == Problems::All;
}

CatalogVersion CatalogQuery::version() const
{
    QSqlQuery query = sql::prepare(
        m_db, QStringLiteral("SELECT (SELECT COUNT(*) FROM products), "
                             "(SELECT MAX(updated_at) FROM products), "
                             "(SELECT MAX(id) FROM products), "
                             "(SELECT COUNT(*) FROM variants), "
                             "(SELECT MAX(id) FROM variants), "
                             "(SELECT COUNT(*) FROM stock_levels), "
                             "(SELECT MAX(updated_at) FROM stock_levels), "
                             "(SELECT COUNT(*) FROM collection_products), "
                             "l.listings, l.last_sync, l.pending, l.failed FROM "
                             "(SELECT COUNT(*) AS listings, MAX(last_synced_at) AS last_sync, "
                             "SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending, "
                             "SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed "
                             "FROM mappings WHERE entity_type = 'product') l"));
    sql::exec(query);
    CatalogVersion version;
    if (!query.next())
        return version;
    version.products = scalarAt(query, 0);
    version.lastProductChange = scalarAt(query, 1);
    version.lastProductId = scalarAt(query, 2);
    version.variants = scalarAt(query, 3);
    version.lastVariantId = scalarAt(query, 4);
    version.stockLevels = scalarAt(query, 5);
    version.lastStockChange = scalarAt(query, 6);
    version.collectionLinks = scalarAt(query, 7);
    version.listings = scalarAt(query, 8);
    version.lastListingSync = scalarAt(query, 9);
    version.pendingListings = scalarAt(query, 10);
    version.failedListings = scalarAt(query, 11);
    return version;
}

QList<qint64> CatalogQuery::matchingIds(const CatalogFilter &filter, const CatalogSort &sort) const
{
    QStringList where;
    const QString search = filter.search.trimmed();
    if (!search.isEmpty())
        where.append(QStringLiteral(
            "(LOWER(p.title) LIKE LOWER(:title) ESCAPE '\\' OR p.id IN "
            "(SELECT v.product_id FROM variants v WHERE LOWER(v.sku) LIKE LOWER(:sku) ESCAPE '\\'))"));
    if (filter.source == CatalogFilter::Source::Connection)
        where.append(QStringLiteral("p.source_connection_id = :source"));
    else if (filter.source == CatalogFilter::Source::MadeHere)
        where.append(QStringLiteral("p.source_connection_id IS NULL"));
    if (filter.collectionId > 0)
        where.append(QStringLiteral("p.id IN (SELECT cp.product_id FROM collection_products cp "
                                    "WHERE cp.collection_id = :collection)"));
    // One grouped pass over the stock rather than a sum per product.
    const QString inStock = QStringLiteral(
        " (SELECT v.product_id FROM variants v JOIN stock_levels s ON s.variant_id = v.id "
        "GROUP BY v.product_id HAVING SUM(s.available) > 0)");
    if (filter.stock == CatalogFilter::Stock::InStock)
        where.append(QStringLiteral("p.id IN") + inStock);
    else if (filter.stock == CatalogFilter::Stock::OutOfStock)
        where.append(QStringLiteral("p.id NOT IN") + inStock);
    const bool byChannel = filter.channel != CatalogFilter::Channel::All;
    if (byChannel)
        where.append(channelCondition(filter));
    if (filter.problems != CatalogFilter::Problems::All)
        where.append(problemsCondition(filter.problems));

    const QString direction = sort.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QString statement = QStringLiteral("SELECT p.id FROM products p");
    if (sort.key == CatalogSort::Key::Source)
        statement += QStringLiteral(" LEFT JOIN connections c ON c.id = p.source_connection_id");
    if (!where.isEmpty())
        statement += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    statement += QStringLiteral(" ORDER BY ") + sortExpression(sort.key) + direction +
                 QStringLiteral(", p.id") + direction;

    QSqlQuery query = sql::prepare(m_db, statement);
    if (!search.isEmpty()) {
        query.bindValue(QStringLiteral(":title"), containsPattern(search));
        query.bindValue(QStringLiteral(":sku"), containsPattern(search));
    }
    if (filter.source == CatalogFilter::Source::Connection)
        query.bindValue(QStringLiteral(":source"), filter.connectionId);
    if (filter.collectionId > 0)
        query.bindValue(QStringLiteral(":collection"), filter.collectionId);
    if (byChannel && filter.channelId > 0)
        query.bindValue(QStringLiteral(":channel"), filter.channelId);
    query.setForwardOnly(true);
    sql::exec(query);
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

QList<ProductSummary> CatalogQuery::summaries(const QList<qint64> &ids) const
{
    QHash<qint64, ProductSummary> found;
    found.reserve(ids.size());
    forEachChunk(ids, [&](const QString &list) {
        QSqlQuery products = sql::prepare(
            m_db, QStringLiteral("SELECT p.id, p.title, COALESCE(c.name, '') FROM products p "
                                 "LEFT JOIN connections c ON c.id = p.source_connection_id "
                                 "WHERE p.id IN (%1)")
                      .arg(list));
        products.setForwardOnly(true);
        sql::exec(products);
        while (products.next()) {
            ProductSummary row;
            row.id = products.value(0).toLongLong();
            row.title = products.value(1).toString();
            row.sourceName = products.value(2).toString();
            found.insert(row.id, row);
        }

        // One pass over the variants: SKUs in the product's order, and the
        // price range in its first currency (a mixed catalog is rare).
        QSqlQuery variants = sql::prepare(
            m_db, QStringLiteral("SELECT product_id, sku, price_amount, currency FROM variants "
                                 "WHERE product_id IN (%1) ORDER BY product_id, position, id")
                      .arg(list));
        variants.setForwardOnly(true);
        sql::exec(variants);
        while (variants.next()) {
            const auto it = found.find(variants.value(0).toLongLong());
            if (it == found.end())
                continue;
            ProductSummary &row = *it;
            const QString sku = variants.value(1).toString();
            if (!sku.isEmpty())
                row.skus.append(sku);
            const Money price{variants.value(2).toLongLong(), variants.value(3).toString()};
            if (row.variantCount++ == 0 || price.currency < row.minPrice.currency) {
                row.minPrice = row.maxPrice = price;
            } else if (price.currency == row.minPrice.currency) {
                if (price.minorUnits < row.minPrice.minorUnits)
                    row.minPrice = price;
                if (price.minorUnits > row.maxPrice.minorUnits)
                    row.maxPrice = price;
            }
        }

        QSqlQuery stock = sql::prepare(
            m_db, QStringLiteral("SELECT v.product_id, SUM(s.available) FROM variants v "
                                 "JOIN stock_levels s ON s.variant_id = v.id "
                                 "WHERE v.product_id IN (%1) GROUP BY v.product_id")
                      .arg(list));
        stock.setForwardOnly(true);
        sql::exec(stock);
        while (stock.next()) {
            const auto it = found.find(stock.value(0).toLongLong());
            if (it != found.end())
                it->totalAvailable = stock.value(1).toLongLong();
        }
    });
    QList<ProductSummary> rows;
    rows.reserve(found.size());
    for (qint64 id : ids) {
        const auto it = found.constFind(id);
        if (it != found.cend())
            rows.append(*it);
    }
    return rows;
}

QHash<qint64, QList<LocationStock>>
CatalogQuery::locationsStock(const QList<qint64> &productIds) const
{
    QHash<qint64, QList<LocationStock>> result;
    forEachChunk(productIds, [&](const QString &list) {
        QSqlQuery query = sql::prepare(
            m_db, QStringLiteral("SELECT v.product_id, l.id, l.name, SUM(s.available) "
                                 "FROM variants v JOIN stock_levels s ON s.variant_id = v.id "
                                 "JOIN locations l ON l.id = s.location_id "
                                 "WHERE v.product_id IN (%1) "
                                 "GROUP BY v.product_id, l.id, l.name "
                                 "ORDER BY v.product_id, LOWER(l.name), l.id")
                      .arg(list));
        query.setForwardOnly(true);
        sql::exec(query);
        while (query.next())
            result[query.value(0).toLongLong()].append({query.value(1).toLongLong(),
                                                        query.value(2).toString(),
                                                        query.value(3).toLongLong()});
    });
    return result;
}

namespace {

QList<CatalogChoice> choices(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query = sql::prepare(db, statement);
    query.setForwardOnly(true);
    sql::exec(query);
    QList<CatalogChoice> result;
    while (query.next())
        result.append({query.value(0).toLongLong(), query.value(1).toString()});
    return result;
}

} // namespace

QList<CatalogChoice> CatalogQuery::sources() const
{
    return choices(m_db, QStringLiteral("SELECT id, name FROM connections ORDER BY LOWER(name), id"));
}

QList<CatalogChoice> CatalogQuery::collections() const
{
    return choices(m_db,
                   QStringLiteral("SELECT id, title FROM collections ORDER BY LOWER(title), id"));
}

} // namespace storeloom
