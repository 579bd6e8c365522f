#pragma once

#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace storeloom {

// Named leases in the workspace, honoured by every process that opens it:
// one holder per name at a time, until it releases the name or its lease runs
// out — a holder that died blocks the others for at most its time to live.
// Taking a name is one atomic upsert (insert, or take over a row that expired
// or is already ours), so two processes can never both win; the holder
// renews by taking it again. The same statements run on SQLite and
// PostgreSQL. Times come from this machine's clock.
class WorkspaceLock
{
public:
    struct Holder
    {
        QString owner;
        qint64 acquiredAt = 0; // ms since the epoch
        qint64 expiresAt = 0;
    };

    explicit WorkspaceLock(QSqlDatabase db);

    // True when `owner` now holds `name` until `ttlMs` from now: the name was
    // free, its lease had run out, or `owner` held it already (renewed).
    // Throws WorkspaceError when the database fails.
    bool tryAcquire(const QString &name, const QString &owner, qint64 ttlMs);
    // Lets go of `name` if `owner` holds it; false when it did not (any more).
    bool release(const QString &name, const QString &owner);
    // Who holds `name` now; none when it is free or the lease ran out.
    std::optional<Holder> holder(const QString &name) const;

    // A holder name unique to this process and call: "pid<pid>-<random>".
    static QString newOwnerId();

private:
    QSqlDatabase m_db;
};

} // namespace storeloom
