#pragma once

#include "statementcache.h"

#include <QString>
#include <optional>

namespace storeloom {

struct ImportCounts
{
    qint64 created = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 conflicts = 0;
    qint64 flagged = 0; // products the finished import no longer saw at the source

    friend bool operator==(const ImportCounts &, const ImportCounts &) = default;
};

// Where an import of one connection's catalog stands, as of its last
// committed page. Its id is the import's generation: what the import saw is
// recorded against it.
struct ImportCheckpoint
{
    enum class Status { Running, Cancelled, Finished, Abandoned };

    qint64 importId = 0;
    qint64 connectionId = 0;
    Status status = Status::Running;
    QString phase;  // the adapter's own name for what it fetches, e.g. "products"
    QString cursor; // where to continue that phase; empty: from its start
    qint64 pages = 0;
    ImportCounts counts;
    bool resumed = false; // begin() picked up an unfinished import
    qint64 startedAt = 0;
    std::optional<qint64> finishedAt;

    bool isFinished() const { return finishedAt.has_value(); }
};

QString nameOf(ImportCheckpoint::Status status);

// The catalog_imports table. Writes happen inside the caller's transaction,
// so a checkpoint moves exactly when the page it describes commits.
class ImportCheckpointStore
{
public:
    explicit ImportCheckpointStore(StatementCache &cache) : m_cache(cache) {}

    // The connection's unfinished import, if any (at most one exists).
    std::optional<ImportCheckpoint> findOpen(qint64 connectionId);
    std::optional<ImportCheckpoint> latest(qint64 connectionId);
    ImportCheckpoint create(qint64 importId, qint64 connectionId, qint64 now);
    void save(const ImportCheckpoint &checkpoint, qint64 now);

private:
    std::optional<ImportCheckpoint> findOne(const QString &condition, qint64 connectionId);

    StatementCache &m_cache;
};

} // namespace storeloom
