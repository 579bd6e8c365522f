#pragma once

#include "bulkinsert.h"

#include <QByteArray>
#include <QHash>
#include <QSqlDatabase>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace storeloom {

// Prepared statements run through SQLite's C API on a QtSql connection's own
// handle, so they take part in its transactions. Only for bulk writes, where
// QtSql's per-value binding is the bottleneck (see BoundStatements).
// Must be destroyed before its connection is closed: SQLite refuses to close
// a connection that still has statements.
class SqliteStatements final : public BoundStatements
{
public:
    // Null unless `db` is an open QSQLITE connection.
    static std::unique_ptr<SqliteStatements> tryCreate(const QSqlDatabase &db);
    ~SqliteStatements() override;
    SqliteStatements(const SqliteStatements &) = delete;
    SqliteStatements &operator=(const SqliteStatements &) = delete;

    qint64 run(const QString &statement, const SqlValue *values, qsizetype count) override;

private:
    explicit SqliteStatements(sqlite3 *handle) : m_handle(handle) {}
    sqlite3_stmt *prepared(const QString &statement);
    [[noreturn]] void fail(const QString &statement) const;

    sqlite3 *m_handle;
    QHash<QString, sqlite3_stmt *> m_statements;
    QByteArray m_utf8; // the text values of one run, converted (reused)
};

} // namespace storeloom
