#pragma once

#include <QString>

struct sqlite3;
struct sqlite3_stmt;

// The baseline: the same rows and the same transaction boundaries as the
// engine (items inserted in batches, claimed in batches under a lease, the
// batch's outcomes and run counters committed together), written directly
// against SQLite's C API with prepared statements: the least a hand-written
// durable queue has to do.
class RawQueue
{
public:
    explicit RawQueue(const QString &path);
    ~RawQueue();

    long long createRun();
    void enqueue(long long runId, int count, int batchSize);
    // Claims and completes until nothing is left; returns items completed.
    long long drain(int claimBatch);

private:
    void exec(const char *sql);
    sqlite3_stmt *prepare(const char *sql);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    sqlite3_stmt *m_claim = nullptr;
    sqlite3_stmt *m_complete = nullptr;
    sqlite3_stmt *m_count = nullptr;
};
