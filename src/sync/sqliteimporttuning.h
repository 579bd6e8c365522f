#pragma once

#include <QSqlDatabase>
#include <memory>
#include <optional>

namespace storeloom {

// Settings of a SQLite connection while it imports a catalog, put back when
// this goes away:
//  - a page cache large enough for one page of products with its index
//    pages, so SQLite neither spills them to the WAL mid-transaction nor
//    reads them back for the next page;
//  - fewer, larger WAL checkpoints: index pages rewritten by every page are
//    copied to the database once per checkpoint, and each checkpoint syncs;
//  - statement journals in memory (temp_store): a multi-row INSERT keeps
//    the pages it changes so it can undo itself on a constraint error, and
//    past 64 KiB SQLite writes them to a temporary file — 11% of a bulk
//    import's writing thread went to those writes;
//  - checkpoints off the importing thread: a commit that grew the WAL past
//    that size wakes a thread of this object, which checkpoints through a
//    connection of its own (passive: the import keeps writing meanwhile)
//    instead of the commit copying and syncing the pages itself. Should that
//    thread fall far behind, commits checkpoint as before, and the WAL file
//    is cut back to a bounded size when it restarts.
// Does nothing on other databases.
class SqliteImportTuning
{
public:
    explicit SqliteImportTuning(QSqlDatabase db);
    ~SqliteImportTuning();
    SqliteImportTuning(const SqliteImportTuning &) = delete;
    SqliteImportTuning &operator=(const SqliteImportTuning &) = delete;

private:
    class Checkpointer;

    QSqlDatabase m_db;
    bool m_applied = false;
    qint64 m_cacheSize = 0;
    qint64 m_autoCheckpoint = 0;
    std::optional<qint64> m_journalSizeLimit; // when this changed it
    std::optional<qint64> m_tempStore;        // likewise
    std::unique_ptr<Checkpointer> m_checkpointer;
};

} // namespace storeloom
