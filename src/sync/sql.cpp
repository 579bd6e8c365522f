#include "sql.h"

#include "logging.h"
#include "workspaceerror.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <limits>

namespace storeloom::sql {

namespace {
[[noreturn]] void fail(const QSqlError &error, const QString &statement)
{
    throw WorkspaceError(WorkspaceError::Kind::Sql,
                         QStringLiteral("Workspace database error: %1 (in: %2)")
                             .arg(error.text(), statement.simplified().left(120)));
}
} // namespace

Dialect dialectOf(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL") ? Dialect::Postgres : Dialect::Sqlite;
}

QSqlQuery prepare(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.prepare(statement))
        fail(query.lastError(), statement);
    return query;
}

void exec(QSqlQuery &query)
{
    if (!query.exec())
        fail(query.lastError(), query.lastQuery());
}

void execDirect(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        fail(query.lastError(), statement);
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

WriteTransaction::WriteTransaction(const QSqlDatabase &db) : m_db(db)
{
    execDirect(m_db, dialectOf(m_db) == Dialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                                        : QStringLiteral("BEGIN"));
}

WriteTransaction::~WriteTransaction()
{
    if (!m_open)
        return;
    QSqlQuery rollback(m_db);
    if (!rollback.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcWorkspace) << "rollback failed:" << rollback.lastError().text();
}

void WriteTransaction::commit()
{
    execDirect(m_db, QStringLiteral("COMMIT"));
    m_open = false;
}

} // namespace storeloom::sql
