#pragma once

#include "catalogsource.h"
#include "syncitem.h"

#include <QSqlDatabase>

namespace storeloom {

// Import runs as the hub keeps them: a SyncRun of kind "import" that counts
// its own progress (products, not items), and a chain of "catalog.import_page"
// items — one page each, the position it reads from in its idempotency key.
// Each page's item enqueues the next in the transaction that writes the
// page, so exactly one item of an open import is ever live.
class ImportRuns
{
public:
    explicit ImportRuns(QSqlDatabase db) : m_db(std::move(db)) {}

    static QString operation() { return QStringLiteral("catalog.import_page"); }
    static QString kind() { return QStringLiteral("import"); }

    struct Started
    {
        qint64 runId = 0;
        bool resumed = false; // the checkpoint of an earlier import was picked up
    };

    // Starts an import of the connection under `owner` (LeaseOwner), or takes
    // over the unfinished one whose process ended. The run and its first item
    // commit together. Throws WorkspaceError (InvalidState) while a live
    // process imports the connection.
    Started start(qint64 connectionId, const ImportOptions &options, const QString &owner);

    // Where an item reads: the phase ("start" until the source has said how
    // it exports), the cursor in it, and how many pages the import had
    // committed before it — an item whose page is already written (its
    // worker died before recording it) finds more and does nothing.
    struct Position
    {
        QString phase;
        QString cursor;
        qint64 page = 0;
    };
    static NewItem pageItem(qint64 runId, qint64 connectionId, const QString &phase,
                            const QString &cursor, qint64 page);
    static Position positionOf(const SyncItem &item);
    static ImportOptions optionsOf(const QString &runPlan);

    // "Imported 12 products: 12 new, …" for a run that ended well.
    static QString summary(const ImportCounts &counts, const QString &platform);

private:
    QSqlDatabase m_db;
};

} // namespace storeloom
