#pragma once

#include "sql.h"
#include "statementcache.h"

#include <QList>
#include <array>

namespace storeloom {

// Ids for rows about to be inserted, known before they are written, so a
// page's related rows (a variant's option values, stock and mapping) can go
// into the same multi-row statements without a round trip per row.
//  - SQLite: counts up from MAX(id), read once per write transaction, which
//    holds the database's write lock (BEGIN IMMEDIATE) so nobody else inserts.
//  - PostgreSQL: draws blocks from the column's identity sequence; a drawn
//    value is never handed out again, even after a rollback.
class IdAllocator
{
public:
    enum Table {
        Products,
        ProductOptions,
        Variants,
        Media,
        Locations,
        Collections,
        Imports,
        TableCount
    };

    explicit IdAllocator(StatementCache &cache);

    // Call at the start of every write transaction that allocates.
    void beginTransaction();
    qint64 next(Table table);

private:
    static QString nameOf(Table table);

    StatementCache &m_cache;
    sql::Dialect m_dialect;
    std::array<qint64, TableCount> m_next{};          // SQLite: 0 = read MAX(id) first
    std::array<QList<qint64>, TableCount> m_reserved; // PostgreSQL: drawn, not yet used
};

} // namespace storeloom
