#include "executionlog.h"

#include "sql.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace storeloom::test {

void createExecutionLog(const QSqlDatabase &db)
{
    sql::execDirect(db,
                    QStringLiteral("CREATE TABLE test_executions (item_id BIGINT, pid BIGINT)"));
}

void recordExecution(const Workspace &workspace, qint64 itemId)
{
    const DbHandle handle = workspace.openHandle();
    QSqlQuery record = sql::prepare(
        handle.db(),
        QStringLiteral("INSERT INTO test_executions (item_id, pid) VALUES (:item, :pid)"));
    record.bindValue(QStringLiteral(":item"), itemId);
    record.bindValue(QStringLiteral(":pid"), QCoreApplication::applicationPid());
    sql::exec(record);
}

QHash<qint64, QList<qint64>> executionsByItem(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT item_id, pid FROM test_executions ORDER BY rowid"));
    QHash<qint64, QList<qint64>> result;
    while (query.next())
        result[query.value(0).toLongLong()].append(query.value(1).toLongLong());
    return result;
}

} // namespace storeloom::test
