#include "sqliteimporttuning.h"

#include "logging.h"
#include "sql.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <sqlite3.h>

namespace storeloom {

namespace {

constexpr qint64 kImportCacheKiB = 64 * 1024;   // negative cache_size: KiB, not pages
constexpr qint64 kImportCheckpointPages = 4000; // ~16 MB of WAL between checkpoints
constexpr qint64 kTempStoreMemory = 2;
// A WAL this many times the checkpoint size means the checkpointing thread
// cannot keep up (a reader holds it back, or the machine is busy): commits
// checkpoint themselves. The WAL file is cut back to that size once it is
// reset, so a lagging checkpoint leaves no large file behind.
constexpr int kBehindFactor = 4;

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

// Changing temp_store drops the connection's temporary tables: only where
// there are none.
bool hasTemporaryObjects(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    return !query.exec(QStringLiteral("SELECT COUNT(*) FROM temp.sqlite_schema")) ||
           !query.next() || query.value(0).toLongLong() > 0;
}

bool usesWal(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    return query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next() &&
           query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0;
}

sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace

// Checkpoints the WAL of `writer`'s database file, through a connection of
// its own on a thread of its own, whenever a commit of `writer` left the WAL
// at `pages` frames or more.
class SqliteImportTuning::Checkpointer
{
public:
    static std::unique_ptr<Checkpointer> tryCreate(sqlite3 *writer, int pages)
    {
        const char *file = sqlite3_db_filename(writer, "main");
        if (!file || !*file) // in memory, or temporary: nothing to share
            return nullptr;
        sqlite3 *own = nullptr;
        if (sqlite3_open_v2(file, &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
            SQLITE_OK) {
            qCWarning(lcImport) << "no checkpointing connection:" << sqlite3_errmsg(own);
            sqlite3_close_v2(own);
            return nullptr;
        }
        sqlite3_exec(own, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
        return std::unique_ptr<Checkpointer>(new Checkpointer(writer, own, pages));
    }

    ~Checkpointer()
    {
        // Commits checkpoint as before the import from here on.
        sqlite3_wal_hook(m_writer, nullptr, nullptr);
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        m_thread->wait();
        sqlite3_close_v2(m_own);
    }

private:
    Checkpointer(sqlite3 *writer, sqlite3 *own, int pages)
        : m_writer(writer), m_own(own), m_pages(pages), m_thread(QThread::create([this] { run(); }))
    {
        m_thread->setObjectName(QStringLiteral("wal-checkpoint")); // its name in profiles
        m_thread->start();
        sqlite3_wal_hook(m_writer, &Checkpointer::committed, this);
    }

    // SQLite calls this on the writer's thread after each commit.
    static int committed(void *self, sqlite3 *db, const char *name, int walPages)
    {
        auto *checkpointer = static_cast<Checkpointer *>(self);
        if (walPages >= checkpointer->m_pages * kBehindFactor) {
            sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        } else if (walPages >= checkpointer->m_pages) {
            {
                std::lock_guard lock(checkpointer->m_mutex);
                checkpointer->m_due = true;
            }
            checkpointer->m_wake.notify_one();
        }
        return SQLITE_OK;
    }

    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_stop || m_due; });
            if (m_stop)
                return;
            m_due = false;
            lock.unlock();
            // Busy (another connection checkpoints right now) is fine: the
            // next commit past the mark asks again.
            sqlite3_wal_checkpoint_v2(m_own, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            lock.lock();
        }
    }

    sqlite3 *const m_writer;
    sqlite3 *const m_own;
    const int m_pages;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stop = false;
    const std::unique_ptr<QThread> m_thread;
};

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
    if (const auto tempStore = pragmaValue(m_db, "temp_store");
        tempStore && *tempStore != kTempStoreMemory && !hasTemporaryObjects(m_db)) {
        m_tempStore = *tempStore;
        setPragma(m_db, "temp_store", kTempStoreMemory);
    }
    if (m_autoCheckpoint <= 0) // 0: checkpoints are someone else's job; leave it so
        return;
    const qint64 pages = std::max(m_autoCheckpoint, kImportCheckpointPages);
    if (sqlite3 *writer = handleOf(m_db); writer && usesWal(m_db))
        m_checkpointer = Checkpointer::tryCreate(writer, int(std::min<qint64>(pages, 1 << 24)));
    if (!m_checkpointer) {
        setPragma(m_db, "wal_autocheckpoint", pages);
        return;
    }
    if (const auto limit = pragmaValue(m_db, "journal_size_limit"); limit) {
        m_journalSizeLimit = *limit;
        const qint64 pageSize = pragmaValue(m_db, "page_size").value_or(4096);
        setPragma(m_db, "journal_size_limit", kBehindFactor * pages * pageSize);
    }
}

SqliteImportTuning::~SqliteImportTuning()
{
    m_checkpointer.reset();
    if (!m_applied || !m_db.isOpen())
        return;
    setPragma(m_db, "cache_size", m_cacheSize);
    if (m_tempStore)
        setPragma(m_db, "temp_store", *m_tempStore);
    if (m_journalSizeLimit)
        setPragma(m_db, "journal_size_limit", *m_journalSizeLimit);
    // Also puts back SQLite's own checkpointing hook in place of ours.
    setPragma(m_db, "wal_autocheckpoint", m_autoCheckpoint);
}

} // namespace storeloom
