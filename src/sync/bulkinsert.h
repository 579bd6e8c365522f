#pragma once

#include "statementcache.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <functional>
#include <memory>
#include <variant>

namespace storeloom {

// One value of a row written in bulk: NULL, an integer or text.
using SqlValue = std::variant<std::monostate, qint64, QString>;

inline SqlValue sqlNull()
{
    return std::monostate{};
}
inline SqlValue sqlOptional(const std::optional<qint64> &value)
{
    return value ? SqlValue(*value) : sqlNull();
}

// Runs one statement with `?` placeholders over values already in order.
// Two ways: through QtSql (any driver), or straight through SQLite's C API,
// since QtSql spends ~0.25 µs per bound value — more than SQLite spends
// inserting the row.
class BoundStatements
{
public:
    virtual ~BoundStatements() = default;
    // Returns the number of rows the statement changed.
    virtual qint64 run(const QString &statement, const SqlValue *values, qsizetype count) = 0;

    enum class Mode { Fastest, QtSqlOnly };
    // The SQLite C API when `db` is SQLite and `mode` allows it, else QtSql.
    static std::unique_ptr<BoundStatements> create(StatementCache &cache, Mode mode);
};

// A multi-row INSERT fed row by row: "INSERT INTO t (a, b)" + VALUES (?, ?),
// (?, ?) … + `tail` (e.g. an ON CONFLICT clause). flush() writes the rows in
// chunks of power-of-two sizes, so a handful of statement texts serve any
// number of rows.
class BulkInsert
{
public:
    BulkInsert(BoundStatements &statements, QString head, int columns, QString tail = {});

    void add(std::initializer_list<SqlValue> row);
    qint64 flush(); // returns the number of rows written
    void clear() { m_values.clear(); }
    qsizetype pendingRows() const { return m_values.size() / m_columns; }

private:
    const QString &statementFor(int rows);

    BoundStatements &m_statements;
    QString m_head;
    int m_columns;
    QString m_tail;
    int m_maxRows;
    QList<SqlValue> m_values;
    QHash<int, QString> m_texts;
};

// Runs `statement`, whose "%1" stands for the list of an IN (…), over `keys`
// in chunks. The list is padded to a power of two by repeating a key, so a
// few prepared statements serve every page size. `leading` binds to the
// placeholders before the list; `onRow` sees each result row.
void forEachInChunks(StatementCache &cache, const QString &statement, const QVariantList &leading,
                     const QVariantList &keys, const std::function<void(QSqlQuery &)> &onRow = {});

} // namespace storeloom
