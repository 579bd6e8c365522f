#include "sqlitestatements.h"

#include "sql.h"
#include "workspaceerror.h"

#include <QSqlDriver>
#include <QStringEncoder>
#include <sqlite3.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace storeloom {

namespace {

// Units per block of the ASCII copy, which goes a block at a time (one unit
// at a time was 80% of run()'s own time in a profile of a bulk import).
constexpr qsizetype kBlock = 16;

// True when the kBlock units at `units` are all ASCII; copies them to `out`.
inline bool copyAsciiBlock(const char16_t *units, char *out)
{
#if defined(__SSE2__)
    const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i *>(units));
    const __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i *>(units + 8));
    const __m128i beyond = _mm_and_si128(_mm_or_si128(low, high), _mm_set1_epi16(short(0xff80)));
    if (_mm_movemask_epi8(_mm_cmpeq_epi16(beyond, _mm_setzero_si128())) != 0xffff)
        return false;
    _mm_storeu_si128(reinterpret_cast<__m128i *>(out), _mm_packus_epi16(low, high));
    return true;
#else
    char16_t any = 0;
    for (qsizetype j = 0; j < kBlock; ++j)
        any |= units[j];
    if (any >= 0x80)
        return false;
    for (qsizetype j = 0; j < kBlock; ++j)
        out[j] = char(units[j]);
    return true;
#endif
}

// `text` as UTF-8 at `out`; returns the end. Most values are ASCII (ids,
// states, SKUs, URLs): copied as they are, they skip the encoder, whose set-up
// costs more than such a copy. The rest goes through the encoder from the
// first non-ASCII unit on (never inside a surrogate pair).
char *appendUtf8(QStringEncoder &encoder, char *out, const QString &text)
{
    const auto *units = reinterpret_cast<const char16_t *>(text.constData());
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i + kBlock <= size && copyAsciiBlock(units + i, out + i))
        i += kBlock;
    for (; i < size; ++i) {
        const char16_t unit = units[i];
        if (unit >= 0x80)
            return encoder.appendToBuffer(out + i, QStringView(text).sliced(i));
        out[i] = char(unit);
    }
    return out + size;
}

} // namespace

std::unique_ptr<SqliteStatements> SqliteStatements::tryCreate(const QSqlDatabase &db)
{
    if (!db.isOpen() || sql::dialectOf(db) != sql::Dialect::Sqlite || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    if (!connection)
        return nullptr;
    return std::unique_ptr<SqliteStatements>(new SqliteStatements(connection));
}

SqliteStatements::~SqliteStatements()
{
    for (sqlite3_stmt *statement : std::as_const(m_statements))
        sqlite3_finalize(statement);
}

sqlite3_stmt *SqliteStatements::prepared(const QString &statement)
{
    auto it = m_statements.constFind(statement);
    if (it != m_statements.constEnd())
        return *it;
    const QByteArray text = statement.toUtf8();
    sqlite3_stmt *prepared = nullptr;
    if (sqlite3_prepare_v3(m_handle, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT,
                           &prepared, nullptr) != SQLITE_OK)
        fail(statement);
    m_statements.insert(statement, prepared);
    return prepared;
}

void SqliteStatements::fail(const QString &statement) const
{
    sql::fail(sqlite3_extended_errcode(m_handle), QString::fromUtf8(sqlite3_errmsg(m_handle)),
              statement);
}

qint64 SqliteStatements::run(const QString &statement, const SqlValue *values, qsizetype count)
{
    sqlite3_stmt *prepared = this->prepared(statement);
    Q_ASSERT(sqlite3_bind_parameter_count(prepared) == count);

    // Text goes in as UTF-8, converted here in one buffer: Qt's converter is
    // much cheaper than SQLite's UTF-16 translation of each value.
    QStringEncoder toUtf8(QStringEncoder::Utf8, QStringConverter::Flag::Stateless);
    qsizetype needed = 0;
    for (qsizetype i = 0; i < count; ++i) {
        if (const auto *text = std::get_if<QString>(&values[i]))
            needed += toUtf8.requiredSpace(text->size());
    }
    if (m_utf8.size() < needed)
        m_utf8.resize(needed);
    char *const buffer = m_utf8.data();
    char *end = buffer;

    for (int i = 0; i < int(count); ++i) {
        const SqlValue &value = values[i];
        int rc = SQLITE_OK;
        if (const auto *number = std::get_if<qint64>(&value)) {
            rc = sqlite3_bind_int64(prepared, i + 1, *number);
        } else if (const auto *text = std::get_if<QString>(&value)) {
            // Static: the buffer stays as it is until the step below. A null
            // QString binds as '' like sql::text() (never as NULL).
            char *const start = end;
            end = appendUtf8(toUtf8, start, *text);
            rc = sqlite3_bind_text(prepared, i + 1, start, int(end - start), SQLITE_STATIC);
        } else {
            rc = sqlite3_bind_null(prepared, i + 1);
        }
        if (rc != SQLITE_OK)
            fail(statement);
    }
    const int rc = sqlite3_step(prepared);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(m_handle));
        const int code = sqlite3_extended_errcode(m_handle);
        sqlite3_reset(prepared);
        sqlite3_clear_bindings(prepared);
        sql::fail(code, message, statement);
    }
    const qint64 changed = sqlite3_changes64(m_handle);
    sqlite3_reset(prepared);
    sqlite3_clear_bindings(prepared); // no pointer into the buffer stays behind
    return changed;
}

} // namespace storeloom
