#include "idallocator.h"

#include <algorithm>

namespace storeloom {

namespace {
constexpr int kPostgresBlock = 512;
}

IdAllocator::IdAllocator(StatementCache &cache)
    : m_cache(cache), m_dialect(sql::dialectOf(cache.db()))
{}

QString IdAllocator::nameOf(Table table)
{
    switch (table) {
    case Products:
        return QStringLiteral("products");
    case ProductOptions:
        return QStringLiteral("product_options");
    case Variants:
        return QStringLiteral("variants");
    case Media:
        return QStringLiteral("media");
    case Locations:
        return QStringLiteral("locations");
    case Collections:
        return QStringLiteral("collections");
    case Imports:
        return QStringLiteral("catalog_imports");
    case TableCount:
        break;
    }
    Q_UNREACHABLE();
    return {};
}

void IdAllocator::beginTransaction()
{
    m_next.fill(0); // someone else may have inserted since our last transaction
}

qint64 IdAllocator::next(Table table)
{
    if (m_dialect == sql::Dialect::Sqlite) {
        qint64 &next = m_next[table];
        if (next == 0) {
            QSqlQuery &query = m_cache.get(
                QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM %1").arg(nameOf(table)));
            sql::exec(query);
            query.next();
            next = query.value(0).toLongLong() + 1;
            query.finish();
        }
        return next++;
    }
    QList<qint64> &reserved = m_reserved[table];
    if (reserved.isEmpty()) {
        QSqlQuery &query =
            m_cache.get(QStringLiteral("SELECT nextval(pg_get_serial_sequence('%1', 'id')) "
                                       "FROM generate_series(1, %2)")
                            .arg(nameOf(table))
                            .arg(kPostgresBlock));
        sql::exec(query);
        while (query.next())
            reserved.append(query.value(0).toLongLong());
        query.finish();
        std::reverse(reserved.begin(), reserved.end()); // hand out in ascending order
    }
    return reserved.takeLast();
}

} // namespace storeloom
