#include "statementcache.h"

#include "sql.h"

namespace storeloom {

QSqlQuery &StatementCache::get(const QString &text)
{
    auto it = m_queries.find(text);
    if (it == m_queries.end())
        it = m_queries.insert(text, std::make_shared<QSqlQuery>(sql::prepare(m_db, text)));
    return **it;
}

} // namespace storeloom
