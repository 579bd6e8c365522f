#include "sql.h"

#include "logging.h"
#include "workspaceerror.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <limits>

namespace storeloom::sql {

namespace {
[[noreturn]] void failWith(const QSqlError &error, const QString &statement)
{
    fail(error.nativeErrorCode().toInt(), error.text(), statement);
}
} // namespace

bool isPermissionDenied(int nativeCode)
{
    // SQLITE_PERM 3, SQLITE_READONLY 8 (and its extended codes), SQLITE_CANTOPEN 14
    // (no -wal or -shm file can be made next to it).
    const int primary = nativeCode & 0xff;
    return primary == 3 || primary == 8 || primary == 14;
}

QString permissionDeniedMessage(const QString &path)
{
    return QStringLiteral("Cannot write to the workspace: permission denied (check that %1 and "
                          "its folder may be written).")
        .arg(path.isEmpty() ? QStringLiteral("its file") : path);
}

void fail(int nativeCode, const QString &databaseText, const QString &statement)
{
    qCWarning(lcWorkspace).noquote() << "statement failed:" << databaseText << "("
                                     << nativeCode << ") in:" << statement.simplified().left(200);
    if (isPermissionDenied(nativeCode))
        throw WorkspaceError(WorkspaceError::Kind::Unavailable, permissionDeniedMessage());
    throw WorkspaceError(WorkspaceError::Kind::Sql,
                         QStringLiteral("Workspace database error: %1").arg(databaseText));
}

Dialect dialectOf(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL") ? Dialect::Postgres : Dialect::Sqlite;
}

QSqlQuery prepare(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.prepare(statement))
        failWith(query.lastError(), statement);
    return query;
}

void exec(QSqlQuery &query)
{
    if (!query.exec())
        failWith(query.lastError(), query.lastQuery());
}

void execDirect(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        failWith(query.lastError(), statement);
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

qint64 limitValue(int limit)
{
    return limit < 0 ? std::numeric_limits<qint64>::max() : limit;
}

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

namespace {
// How many WriteTransactions are open on each of this thread's connections
// (a connection belongs to one thread, so no lock is needed).
thread_local QHash<QString, int> t_depth;
} // namespace

WriteTransaction::WriteTransaction(const QSqlDatabase &db)
    : m_db(db), m_depth(t_depth.value(db.connectionName()))
{
    if (m_depth == 0) {
        execDirect(m_db, dialectOf(m_db) == Dialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                                            : QStringLiteral("BEGIN"));
    } else {
        // Inside another writer's transaction: a savepoint, so that what the
        // outer one composes commits or rolls back as one.
        execDirect(m_db, QStringLiteral("SAVEPOINT %1").arg(savepoint()));
    }
    t_depth[m_db.connectionName()] = m_depth + 1;
}

WriteTransaction::~WriteTransaction()
{
    if (!m_open)
        return;
    t_depth[m_db.connectionName()] = m_depth;
    QSqlQuery rollback(m_db);
    const QString statement =
        m_depth == 0 ? QStringLiteral("ROLLBACK")
                     : QStringLiteral("ROLLBACK TO SAVEPOINT %1").arg(savepoint());
    if (!rollback.exec(statement))
        qCWarning(lcWorkspace) << "rollback failed:" << rollback.lastError().text();
    else if (m_depth > 0)
        rollback.exec(QStringLiteral("RELEASE SAVEPOINT %1").arg(savepoint()));
}

void WriteTransaction::commit()
{
    execDirect(m_db, m_depth == 0 ? QStringLiteral("COMMIT")
                                  : QStringLiteral("RELEASE SAVEPOINT %1").arg(savepoint()));
    m_open = false;
    t_depth[m_db.connectionName()] = m_depth;
}

QString WriteTransaction::savepoint() const
{
    return QStringLiteral("storeloom_%1").arg(m_depth);
}

} // namespace storeloom::sql
