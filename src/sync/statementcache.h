#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <memory>

namespace storeloom {

// Prepared statements kept for reuse on one connection: preparing costs
// more than running most of the engine's statements.
class StatementCache
{
public:
    explicit StatementCache(QSqlDatabase db) : m_db(std::move(db)) {}

    QSqlDatabase db() const { return m_db; }
    QSqlQuery &get(const QString &text);

private:
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_queries;
};

} // namespace storeloom
