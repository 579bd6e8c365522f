#include "testworkspace.h"

#include "publishseed.h"

namespace storeloom::test {

TestWorkspace::TestWorkspace() : m_workspace(m_dir.filePath(QStringLiteral("workspace.sqlite")))
{
    m_workspace.open();
}

qint64 TestWorkspace::scalar(const QString &sql) const
{
    const DbHandle handle = m_workspace.openHandle();
    return test::scalar(handle.db(), sql);
}

} // namespace storeloom::test

#include <QSqlQuery>

namespace storeloom::test {

QHash<QString, qint64> itemCountsByState(const QSqlDatabase &db, qint64 runId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "SELECT state, COUNT(*) FROM sync_items WHERE run_id = :run GROUP BY state"));
    query.bindValue(QStringLiteral(":run"), runId);
    query.exec();
    QHash<QString, qint64> counts;
    while (query.next())
        counts.insert(query.value(0).toString(), query.value(1).toLongLong());
    return counts;
}

bool countersMatchItems(const QSqlDatabase &db, const SyncRun &run, QString *why)
{
    const auto counts = itemCountsByState(db, run.id);
    qint64 total = 0;
    for (qint64 n : counts)
        total += n;
    const QList<std::pair<QString, std::pair<qint64, qint64>>> checks{
        {QStringLiteral("total"), {run.total, total}},
        {QStringLiteral("succeeded"), {run.succeeded, counts.value(QStringLiteral("succeeded"))}},
        {QStringLiteral("failed"), {run.failed, counts.value(QStringLiteral("dead"))}},
        {QStringLiteral("skipped"), {run.skipped, counts.value(QStringLiteral("skipped"))}},
        {QStringLiteral("cancelled"), {run.cancelled, counts.value(QStringLiteral("cancelled"))}},
    };
    for (const auto &[name, values] : checks) {
        if (values.first != values.second) {
            *why = QStringLiteral("%1: counter %2, items %3")
                       .arg(name)
                       .arg(values.first)
                       .arg(values.second);
            return false;
        }
    }
    return true;
}

} // namespace storeloom::test
