#pragma once

#include <QSqlDatabase>

namespace storeloom {

// Settings of a SQLite connection while it imports a catalog, put back when
// this goes away:
//  - a page cache large enough for one page of products with its index
//    pages, so SQLite neither spills them to the WAL mid-transaction nor
//    reads them back for the next page;
//  - fewer, larger WAL checkpoints: index pages rewritten by every page are
//    copied to the database once per checkpoint, and each checkpoint syncs.
// Does nothing on other databases.
class SqliteImportTuning
{
public:
    explicit SqliteImportTuning(QSqlDatabase db);
    ~SqliteImportTuning();
    SqliteImportTuning(const SqliteImportTuning &) = delete;
    SqliteImportTuning &operator=(const SqliteImportTuning &) = delete;

private:
    QSqlDatabase m_db;
    bool m_applied = false;
    qint64 m_cacheSize = 0;
    qint64 m_autoCheckpoint = 0;
};

} // namespace storeloom
