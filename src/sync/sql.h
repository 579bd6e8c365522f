#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace storeloom::sql {

enum class Dialect { Sqlite, Postgres };

Dialect dialectOf(const QSqlDatabase &db);

// Prepares `statement` on `db`; throws WorkspaceError (Kind::Sql) on failure.
QSqlQuery prepare(const QSqlDatabase &db, const QString &statement);

// Executes a prepared query; throws WorkspaceError (Kind::Sql) on failure.
void exec(QSqlQuery &query);

// Executes an unprepared statement (DDL, pragmas); throws on failure.
void execDirect(const QSqlDatabase &db, const QString &statement);

// Throws the WorkspaceError for a failed statement: Unavailable ("cannot
// write to the workspace: permission denied") when the file or its folder
// may not be written, else Sql with the database's words. The statement is
// logged, never put in the message: a person reads it.
[[noreturn]] void fail(int nativeCode, const QString &databaseText, const QString &statement);
// True for SQLite's read-only, permission and cannot-open codes.
bool isPermissionDenied(int nativeCode);
// "Cannot write to the workspace: permission denied (check that PATH and its
// folder may be written)."; without a path, "its file".
QString permissionDeniedMessage(const QString &path = {});

// Qt binds a null QString as SQL NULL; text columns hold '' instead.
QVariant text(const QString &value);

// A LIMIT value; a negative limit means "all rows" (portable, unlike LIMIT -1).
qint64 limitValue(int limit);

// NULL for 0: ids are positive, 0 means "none".
QVariant idOrNull(qint64 id);

qint64 nowMs();

// A write transaction. SQLite takes the write lock up front (BEGIN IMMEDIATE)
// so two writers never deadlock upgrading a read lock; it rolls back unless
// committed. Opened inside another one on the same connection it is a
// savepoint of it: stores compose into one atomic change.
class WriteTransaction
{
public:
    explicit WriteTransaction(const QSqlDatabase &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    void commit();

private:
    QString savepoint() const;

    QSqlDatabase m_db;
    int m_depth = 0; // transactions already open on this connection
    bool m_open = true;
};

} // namespace storeloom::sql
