#include "duplicateskus.h"

#include "sql.h"

#include <QMap>
#include <QSet>

namespace storeloom {

namespace {

// Exact SKUs, blank ones aside: a shared empty SKU links nothing. One
// grouped pass over the variants_sku index.
const QString kDuplicated = QStringLiteral(
    "SELECT sku FROM variants WHERE sku <> '' GROUP BY sku HAVING COUNT(*) > 1");

} // namespace

QString DuplicateSkus::sqlCondition()
{
    return QStringLiteral("p.id IN (SELECT d.product_id FROM variants d WHERE d.sku IN (%1))")
        .arg(kDuplicated);
}

QHash<qint64, QList<DuplicateSku>> DuplicateSkus::of(const QList<qint64> &productIds) const
{
    QHash<qint64, QList<DuplicateSku>> result;
    if (productIds.isEmpty())
        return result;
    // Duplicates are few: read them all, then keep those of the products asked about.
    QSqlQuery query = sql::prepare(
        m_db, QStringLiteral("SELECT v.sku, v.product_id, p.title FROM variants v "
                             "JOIN products p ON p.id = v.product_id "
                             "WHERE v.sku IN (%1) ORDER BY v.sku, v.product_id")
                  .arg(kDuplicated));
    query.setForwardOnly(true);
    sql::exec(query);
    QMap<QString, DuplicateSku> bySku;
    while (query.next()) {
        DuplicateSku &duplicate = bySku[query.value(0).toString()];
        duplicate.sku = query.value(0).toString();
        const DuplicateSku::Holder holder{query.value(1).toLongLong(), query.value(2).toString()};
        if (duplicate.products.isEmpty() || duplicate.products.last().productId != holder.productId)
            duplicate.products.append(holder);
    }
    const QSet<qint64> asked(productIds.cbegin(), productIds.cend());
    for (const DuplicateSku &duplicate : std::as_const(bySku)) {
        for (const DuplicateSku::Holder &holder : duplicate.products) {
            if (asked.contains(holder.productId))
                result[holder.productId].append(duplicate);
        }
    }
    return result;
}

} // namespace storeloom
