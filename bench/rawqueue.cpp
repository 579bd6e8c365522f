#include "rawqueue.h"

#include <QDateTime>
#include <QList>
#include <sqlite3.h>
#include <stdexcept>
#include <string>

namespace {
long long nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

RawQueue::RawQueue(const QString &path)
{
    if (sqlite3_open(path.toUtf8().constData(), &m_db) != SQLITE_OK)
        throw std::runtime_error(sqlite3_errmsg(m_db));
    sqlite3_busy_timeout(m_db, 10000);
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    m_insert =
        prepare("INSERT INTO sync_items (run_id, operation, direction, idempotency_key, state, "
                "attempts, max_attempts, next_attempt_at, created_at, updated_at) "
                "VALUES (?1, 'bench.noop', 'outbound', ?2, 'pending', 0, 5, ?3, ?3, ?3)");
    m_claim = prepare(
        "UPDATE sync_items SET state = 'running', lease_owner = 'raw', lease_expires_at = ?1, "
        "attempts = attempts + 1, updated_at = ?2 WHERE id IN (SELECT id FROM sync_items "
        "WHERE state IN ('pending', 'failed') AND next_attempt_at <= ?2 "
        "ORDER BY next_attempt_at, id LIMIT ?3) RETURNING id, run_id");
    m_complete = prepare(
        "UPDATE sync_items SET state = 'succeeded', lease_owner = '', lease_expires_at = NULL, "
        "updated_at = ?2 WHERE id = ?1 AND state = 'running'");
    m_count = prepare("UPDATE sync_runs SET succeeded = succeeded + 1 WHERE id = ?1");
}

RawQueue::~RawQueue()
{
    for (sqlite3_stmt *statement : {m_insert, m_claim, m_complete, m_count})
        sqlite3_finalize(statement);
    sqlite3_close(m_db);
}

void RawQueue::exec(const char *sql)
{
    char *error = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error(message);
    }
}

sqlite3_stmt *RawQueue::prepare(const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK)
        throw std::runtime_error(sqlite3_errmsg(m_db));
    return statement;
}

long long RawQueue::createRun()
{
    exec("INSERT INTO sync_runs (kind, status, created_at) VALUES ('bench-raw', 'running', 0)");
    return sqlite3_last_insert_rowid(m_db);
}

void RawQueue::enqueue(long long runId, int count, int batchSize)
{
    for (int done = 0; done < count;) {
        exec("BEGIN IMMEDIATE");
        const long long now = nowMs();
        for (int i = 0; i < batchSize && done < count; ++i, ++done) {
            const std::string key = "raw-" + std::to_string(done);
            sqlite3_bind_int64(m_insert, 1, runId);
            sqlite3_bind_text(m_insert, 2, key.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(m_insert, 3, now);
            if (sqlite3_step(m_insert) != SQLITE_DONE)
                throw std::runtime_error(sqlite3_errmsg(m_db));
            sqlite3_reset(m_insert);
        }
        const std::string total = "UPDATE sync_runs SET total = total + " +
                                  std::to_string(batchSize) +
                                  " WHERE id = " + std::to_string(runId);
        exec(total.c_str());
        exec("COMMIT");
    }
}

long long RawQueue::drain(int claimBatch)
{
    long long completed = 0;
    for (;;) {
        QList<std::pair<long long, long long>> claimed;
        exec("BEGIN IMMEDIATE");
        const long long now = nowMs();
        sqlite3_bind_int64(m_claim, 1, now + 300000);
        sqlite3_bind_int64(m_claim, 2, now);
        sqlite3_bind_int(m_claim, 3, claimBatch);
        while (sqlite3_step(m_claim) == SQLITE_ROW)
            claimed.append({sqlite3_column_int64(m_claim, 0), sqlite3_column_int64(m_claim, 1)});
        sqlite3_reset(m_claim);
        exec("COMMIT");
        if (claimed.isEmpty())
            return completed;
        // One transaction for the batch's outcomes, as the engine's group commit
        // does when items finish within its commit window.
        exec("BEGIN IMMEDIATE");
        for (const auto &[id, runId] : claimed) {
            sqlite3_bind_int64(m_complete, 1, id);
            sqlite3_bind_int64(m_complete, 2, nowMs());
            sqlite3_step(m_complete);
            sqlite3_reset(m_complete);
            sqlite3_bind_int64(m_count, 1, runId);
            sqlite3_step(m_count);
            sqlite3_reset(m_count);
            ++completed;
        }
        exec("COMMIT");
    }
}
