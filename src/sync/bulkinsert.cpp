#include "bulkinsert.h"

#include "sql.h"
#include "sqlitestatements.h"

#include <bit>

namespace storeloom {

namespace {

// SQLite (since 3.32) and PostgreSQL both take far more parameters than
// this; larger statements gain nothing measurable.
constexpr int kMaxRowsPerStatement = 256;
constexpr int kMaxParameters = 8192;
constexpr int kMaxKeysPerStatement = 512;
constexpr int kMinKeysPerStatement = 8;

QVariant toVariant(const SqlValue &value)
{
    if (const auto *number = std::get_if<qint64>(&value))
        return *number;
    if (const auto *text = std::get_if<QString>(&value))
        return sql::text(*text);
    return {};
}

class QtSqlStatements final : public BoundStatements
{
public:
    explicit QtSqlStatements(StatementCache &cache) : m_cache(cache) {}

    qint64 run(const QString &statement, const SqlValue *values, qsizetype count) override
    {
        QSqlQuery &query = m_cache.get(statement);
        for (qsizetype i = 0; i < count; ++i)
            query.bindValue(int(i), toVariant(values[i]));
        sql::exec(query);
        return query.numRowsAffected();
    }

private:
    StatementCache &m_cache;
};

QString rowPlaceholders(int columns)
{
    QString row = QStringLiteral("(");
    for (int c = 0; c < columns; ++c)
        row += c == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return row + QLatin1Char(')');
}

} // namespace

std::unique_ptr<BoundStatements> BoundStatements::create(StatementCache &cache, Mode mode)
{
    if (mode == Mode::Fastest) {
        if (auto direct = SqliteStatements::tryCreate(cache.db()))
            return direct;
    }
    return std::make_unique<QtSqlStatements>(cache);
}

BulkInsert::BulkInsert(BoundStatements &statements, QString head, int columns, QString tail)
    : m_statements(statements), m_head(std::move(head)), m_columns(columns),
      m_tail(std::move(tail)),
      m_maxRows(
          int(std::bit_floor(unsigned(std::min(kMaxRowsPerStatement, kMaxParameters / columns)))))
{}

void BulkInsert::add(std::initializer_list<SqlValue> row)
{
    Q_ASSERT(int(row.size()) == m_columns);
    for (const SqlValue &value : row)
        m_values.append(value);
}

const QString &BulkInsert::statementFor(int rows)
{
    auto it = m_texts.find(rows);
    if (it == m_texts.end()) {
        const QString row = rowPlaceholders(m_columns);
        QString text = m_head + QStringLiteral(" VALUES ");
        for (int r = 0; r < rows; ++r) {
            if (r > 0)
                text += QStringLiteral(", ");
            text += row;
        }
        if (!m_tail.isEmpty())
            text += QLatin1Char(' ') + m_tail;
        it = m_texts.insert(rows, text);
    }
    return *it;
}

qint64 BulkInsert::flush()
{
    qint64 written = 0;
    qsizetype offset = 0;
    qsizetype rowsLeft = pendingRows();
    while (rowsLeft > 0) {
        const int rows = int(std::bit_floor(size_t(std::min<qsizetype>(rowsLeft, m_maxRows))));
        written += m_statements.run(statementFor(rows), m_values.constData() + offset,
                                    qsizetype(rows) * m_columns);
        offset += qsizetype(rows) * m_columns;
        rowsLeft -= rows;
    }
    m_values.clear();
    return written;
}

void forEachInChunks(StatementCache &cache, const QString &statement, const QVariantList &leading,
                     const QVariantList &keys, const std::function<void(QSqlQuery &)> &onRow)
{
    for (qsizetype start = 0; start < keys.size(); start += kMaxKeysPerStatement) {
        const qsizetype count = std::min<qsizetype>(kMaxKeysPerStatement, keys.size() - start);
        const qsizetype padded =
            std::max<qsizetype>(kMinKeysPerStatement, qsizetype(std::bit_ceil(size_t(count))));
        QString list = QStringLiteral("?");
        for (qsizetype i = 1; i < padded; ++i)
            list += QStringLiteral(", ?");
        QSqlQuery &query = cache.get(statement.arg(list));
        int position = 0;
        for (const QVariant &value : leading)
            query.bindValue(position++, value);
        for (qsizetype i = 0; i < padded; ++i)
            query.bindValue(position++, keys.at(start + (i < count ? i : 0)));
        sql::exec(query);
        if (onRow) {
            while (query.next())
                onRow(query);
        }
        query.finish();
    }
}

} // namespace storeloom
