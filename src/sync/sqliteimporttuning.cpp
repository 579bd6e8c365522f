#include "sqliteimporttuning.h"

#include "logging.h"
#include "sql.h"

#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <optional>

namespace storeloom {

namespace {

constexpr qint64 kImportCacheKiB = 64 * 1024;   // negative cache_size: KiB, not pages
constexpr qint64 kImportCheckpointPages = 4000; // ~16 MB of WAL between checkpoints

std::optional<qint64> pragmaValue(const QSqlDatabase &db, const char *name)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))) || !query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

void setPragma(const QSqlDatabase &db, const char *name, qint64 value)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA %1 = %2").arg(QLatin1String(name)).arg(value)))
        qCWarning(lcImport) << "cannot set" << name << query.lastError().text();
}

} // namespace

SqliteImportTuning::SqliteImportTuning(QSqlDatabase db) : m_db(std::move(db))
{
    if (!m_db.isOpen() || sql::dialectOf(m_db) != sql::Dialect::Sqlite)
        return;
    const auto cacheSize = pragmaValue(m_db, "cache_size");
    const auto autoCheckpoint = pragmaValue(m_db, "wal_autocheckpoint");
    if (!cacheSize || !autoCheckpoint)
        return;
    m_cacheSize = *cacheSize;
    m_autoCheckpoint = *autoCheckpoint;
    m_applied = true;
    setPragma(m_db, "cache_size", -kImportCacheKiB);
    if (m_autoCheckpoint > 0) // 0: checkpoints are someone else's job; leave it so
        setPragma(m_db, "wal_autocheckpoint", std::max(m_autoCheckpoint, kImportCheckpointPages));
}

SqliteImportTuning::~SqliteImportTuning()
{
    if (!m_applied || !m_db.isOpen())
        return;
    setPragma(m_db, "cache_size", m_cacheSize);
    setPragma(m_db, "wal_autocheckpoint", m_autoCheckpoint);
}

} // namespace storeloom
