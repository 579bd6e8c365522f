#include "runstore.h"

#include "auditlog.h"
#include "leaseowner.h"
#include "logging.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QSet>

namespace storeloom {

namespace {
// Runs with an owner count their own progress (an import counts products as
// pages commit, not items): item transitions leave their counters alone,
// and they end when their owner says so.
constexpr char kCountsItems[] = "AND COALESCE(owner, '') = ''";

QList<SyncRun> readRuns(QSqlQuery &query)
{
    sql::exec(query);
    QList<SyncRun> runs;
    while (query.next())
        runs.append(RunStore::fromQuery(query));
    query.finish();
    return runs;
}

const char *counterColumn(SyncItem::State state)
{
    switch (state) {
    case SyncItem::State::Succeeded:
        return "succeeded";
    case SyncItem::State::Skipped:
        return "skipped";
    case SyncItem::State::Dead:
        return "failed";
    case SyncItem::State::Cancelled:
        return "cancelled";
    default:
        return nullptr;
    }
}
} // namespace

QString RunStore::columns()
{
    return QStringLiteral("id, kind, connection_id, status, total, succeeded, failed, skipped, "
                          "cancelled, created_by, plan, created_at, finished_at");
}

SyncRun RunStore::fromQuery(const QSqlQuery &query)
{
    SyncRun run;
    run.id = query.value(0).toLongLong();
    run.kind = query.value(1).toString();
    run.connectionId = query.value(2).toLongLong();
    run.status = runStatusFromString(query.value(3).toString()).value_or(SyncRun::Status::Running);
    run.total = query.value(4).toLongLong();
    run.succeeded = query.value(5).toLongLong();
    run.failed = query.value(6).toLongLong();
    run.skipped = query.value(7).toLongLong();
    run.cancelled = query.value(8).toLongLong();
    run.createdBy = query.value(9).toString();
    run.plan = query.value(10).toString();
    run.createdAt = query.value(11).toLongLong();
    if (!query.value(12).isNull())
        run.finishedAt = query.value(12).toLongLong();
    return run;
}

qint64 RunStore::create(const QString &kind, qint64 connectionId, const QString &createdBy,
                        const QString &plan, const QString &owner)
{
    const QSqlDatabase db = m_statements.db();
    sql::WriteTransaction transaction(db);
    QSqlQuery &insert = m_statements.get(QStringLiteral(
        "INSERT INTO sync_runs (kind, connection_id, status, created_by, plan, created_at, owner) "
        "VALUES (:kind, :connection, 'running', :by, :plan, :at, :owner) RETURNING id"));
    insert.bindValue(QStringLiteral(":owner"), sql::text(owner));
    insert.bindValue(QStringLiteral(":kind"), sql::text(kind));
    insert.bindValue(QStringLiteral(":connection"), sql::idOrNull(connectionId));
    insert.bindValue(QStringLiteral(":by"), sql::text(createdBy));
    insert.bindValue(QStringLiteral(":plan"), sql::text(plan));
    insert.bindValue(QStringLiteral(":at"), sql::nowMs());
    sql::exec(insert);
    insert.next();
    const qint64 id = insert.value(0).toLongLong();
    insert.finish();
    AuditLog(db).record(QStringLiteral("run.created"),
                        QStringLiteral("Run %1 (%2) started").arg(id).arg(kind), connectionId, id);
    transaction.commit();
    return id;
}

QList<SyncRun> RunStore::unfinished(const QString &kind, qint64 connectionId)
{
    QSqlQuery &query = m_statements.get(
        QStringLiteral("SELECT %1 FROM sync_runs WHERE finished_at IS NULL AND kind = :kind "
                       "AND connection_id = :connection ORDER BY id")
            .arg(columns()));
    query.bindValue(QStringLiteral(":kind"), sql::text(kind));
    query.bindValue(QStringLiteral(":connection"), connectionId);
    return readRuns(query);
}

std::optional<qint64> RunStore::adopt(const QString &kind, qint64 connectionId,
                                      const QString &owner)
{
    const QSqlDatabase db = m_statements.db();
    sql::WriteTransaction transaction(db);
    QSqlQuery &latest = m_statements.get(QStringLiteral(
        "SELECT id, status, owner, finished_at IS NULL FROM sync_runs "
        "WHERE kind = :kind AND connection_id = :connection ORDER BY id DESC LIMIT 1"));
    latest.bindValue(QStringLiteral(":kind"), sql::text(kind));
    latest.bindValue(QStringLiteral(":connection"), connectionId);
    sql::exec(latest);
    if (!latest.next()) {
        latest.finish();
        return std::nullopt;
    }
    const qint64 id = latest.value(0).toLongLong();
    const QString status = latest.value(1).toString();
    const QString previousOwner = latest.value(2).toString();
    const bool open = latest.value(3).toBool();
    latest.finish();
    // A run from before runs named their process has no owner: nobody to wait for.
    const bool someoneElse = !previousOwner.isEmpty() && previousOwner != owner;
    if (open && someoneElse && !LeaseOwner::isGone(previousOwner)) {
        throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                             QStringLiteral("Run %1 is already working on this store in another "
                                            "window or command; wait for it, or cancel it.")
                                 .arg(id));
    }
    // A run that succeeded is history; one that stopped short is what the caller continues.
    if (!open && status == nameOf(SyncRun::Status::Succeeded))
        return std::nullopt;
    QSqlQuery &take = m_statements.get(
        QStringLiteral("UPDATE sync_runs SET status = 'running', finished_at = NULL, "
                       "owner = :owner WHERE id = :id"));
    take.bindValue(QStringLiteral(":owner"), sql::text(owner));
    take.bindValue(QStringLiteral(":id"), id);
    sql::exec(take);
    AuditLog(db).record(QStringLiteral("run.resumed"),
                        QStringLiteral("Run %1 (%2) continues where it stopped").arg(id).arg(kind),
                        connectionId, id);
    transaction.commit();
    return id;
}

int RunStore::recoverAbandoned(const std::function<bool(const QString &)> &ownerGone)
{
    const QSqlDatabase db = m_statements.db();
    sql::WriteTransaction transaction(db);
    // Item runs with no item left to run (a process killed between creating
    // a run and its items left one empty), and self-counting runs whose
    // process has ended.
    QSqlQuery &open = m_statements.get(QStringLiteral(
        "SELECT r.id, r.owner, r.total FROM sync_runs r WHERE r.finished_at IS NULL AND "
        "NOT EXISTS (SELECT 1 FROM sync_items i WHERE i.run_id = r.id "
        "AND i.state IN ('pending', 'running', 'failed'))"));
    sql::exec(open);
    QList<std::tuple<qint64, QString, qint64>> candidates;
    while (open.next())
        candidates.append(
            {open.value(0).toLongLong(), open.value(1).toString(), open.value(2).toLongLong()});
    open.finish();
    int ended = 0;
    for (const auto &[id, owner, total] : candidates) {
        if (!owner.isEmpty()) {
            if (!ownerGone(owner))
                continue;
            finish(id, SyncRun::Status::Cancelled,
                   QStringLiteral("it stopped when its process ended; starting it again "
                                  "continues where it stopped"));
        } else {
            // Its items all ended (the counters say how) — or it has none,
            // and nobody counts its progress: it can never move again.
            if (total > 0)
                finishIfDone(id);
            finish(id, SyncRun::Status::Cancelled,
                   total == 0 ? QStringLiteral("its process ended before any work was added")
                              : QStringLiteral("nobody is working on it any more"));
        }
        ++ended;
    }
    transaction.commit();
    if (ended > 0)
        qCInfo(lcEngine) << "recovered" << ended << "runs nobody was working on";
    return ended;
}

std::optional<SyncRun> RunStore::find(qint64 id)
{
    QSqlQuery &query =
        m_statements.get(QStringLiteral("SELECT %1 FROM sync_runs WHERE id = :id").arg(columns()));
    query.bindValue(QStringLiteral(":id"), id);
    sql::exec(query);
    std::optional<SyncRun> run;
    if (query.next())
        run = fromQuery(query);
    query.finish();
    return run;
}

SyncRun RunStore::get(qint64 id)
{
    if (auto run = find(id))
        return *run;
    throw WorkspaceError(WorkspaceError::Kind::NotFound,
                         QStringLiteral("There is no run %1 in this workspace.").arg(id));
}

QList<SyncRun> RunStore::list(int limit)
{
    QSqlQuery &query = m_statements.get(
        QStringLiteral("SELECT %1 FROM sync_runs ORDER BY id DESC LIMIT :limit").arg(columns()));
    query.bindValue(QStringLiteral(":limit"), sql::limitValue(limit));
    return readRuns(query);
}

qint64 RunStore::cancel(qint64 id)
{
    const QSqlDatabase db = m_statements.db();
    sql::WriteTransaction transaction(db);
    const SyncRun run = get(id);
    if (run.isFinished()) {
        throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                             QStringLiteral("Run %1 has already finished (%2); there is nothing "
                                            "to cancel.")
                                 .arg(id)
                                 .arg(nameOf(run.status)));
    }
    QSqlQuery &items = m_statements.get(
        QStringLiteral("UPDATE sync_items SET state = 'cancelled', updated_at = :now "
                       "WHERE run_id = :run AND state IN ('pending', 'failed') RETURNING group_id"));
    items.bindValue(QStringLiteral(":now"), sql::nowMs());
    items.bindValue(QStringLiteral(":run"), id);
    sql::exec(items);
    qint64 cancelled = 0;
    qint64 counted = 0; // items on their own; a group is counted as what its items add up to
    QSet<qint64> groups;
    while (items.next()) {
        ++cancelled;
        if (items.value(0).isNull())
            ++counted;
        else
            groups.insert(items.value(0).toLongLong());
    }
    items.finish();

    QSqlQuery &update = m_statements.get(QStringLiteral(
        "UPDATE sync_runs SET status = 'cancelled', cancelled = cancelled + :n WHERE id = :id"));
    update.bindValue(QStringLiteral(":n"), counted);
    update.bindValue(QStringLiteral(":id"), id);
    sql::exec(update);
    for (qint64 group : std::as_const(groups))
        recountGroup(id, group);
    AuditLog(db).record(
        QStringLiteral("run.cancelled"),
        QStringLiteral("Run %1 cancelled: %2 waiting items stopped").arg(id).arg(cancelled),
        run.connectionId, id);
    finishIfDone(id);
    transaction.commit();
    qCInfo(lcEngine) << "run" << id << "cancelled," << cancelled << "items stopped";
    return cancelled;
}

std::optional<SyncRun::Status> RunStore::status(qint64 id)
{
    QSqlQuery &query =
        m_statements.get(QStringLiteral("SELECT status FROM sync_runs WHERE id = :id"));
    query.bindValue(QStringLiteral(":id"), id);
    sql::exec(query);
    std::optional<SyncRun::Status> result;
    if (query.next())
        result = runStatusFromString(query.value(0).toString());
    query.finish();
    return result;
}

QString RunStore::counterName(SyncItem::State state)
{
    const char *column = counterColumn(state);
    return column ? QString::fromLatin1(column) : QString();
}

void RunStore::adjustCounter(qint64 runId, SyncItem::State state, int delta)
{
    adjustCounter(runId, counterName(state), delta);
}

void RunStore::adjustCounter(qint64 runId, const QString &column, int delta)
{
    static const QStringList known{QStringLiteral("succeeded"), QStringLiteral("skipped"),
                                   QStringLiteral("failed"), QStringLiteral("cancelled")};
    if (!known.contains(column))
        return;
    QSqlQuery &query =
        m_statements.get(QStringLiteral("UPDATE sync_runs SET %1 = %1 + :delta WHERE id = :id %2")
                             .arg(column, QLatin1String(kCountsItems)));
    query.bindValue(QStringLiteral(":delta"), delta);
    query.bindValue(QStringLiteral(":id"), runId);
    sql::exec(query);
}

void RunStore::countCreated(qint64 runId, qint64 count)
{
    QSqlQuery &query =
        m_statements.get(QStringLiteral("UPDATE sync_runs SET total = total + :n WHERE id = :id %1")
                             .arg(QLatin1String(kCountsItems)));
    query.bindValue(QStringLiteral(":n"), count);
    query.bindValue(QStringLiteral(":id"), runId);
    sql::exec(query);
}

void RunStore::countTransition(qint64 runId, SyncItem::State from, SyncItem::State to)
{
    adjustCounter(runId, from, -1);
    adjustCounter(runId, to, +1);
}

void RunStore::recountGroup(qint64 runId, qint64 groupId)
{
    QSqlQuery &tally = m_statements.get(QStringLiteral(
        "SELECT SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state IN ('pending', 'running', 'failed') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state = 'cancelled' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state = 'skipped' THEN 1 ELSE 0 END), COUNT(*), "
        "MAX(CASE WHEN id = group_id THEN counted_as END) "
        "FROM sync_items WHERE group_id = :group"));
    tally.bindValue(QStringLiteral(":group"), groupId);
    sql::exec(tally);
    if (!tally.next()) {
        tally.finish();
        return;
    }
    const qint64 dead = tally.value(0).toLongLong();
    const qint64 open = tally.value(1).toLongLong();
    const qint64 cancelled = tally.value(2).toLongLong();
    const qint64 skipped = tally.value(3).toLongLong();
    const qint64 all = tally.value(4).toLongLong();
    const QString before = tally.value(5).toString();
    tally.finish();
    SyncItem::State as = SyncItem::State::Succeeded;
    if (dead > 0)
        as = SyncItem::State::Dead;
    else if (open > 0)
        as = SyncItem::State::Pending;
    else if (cancelled > 0)
        as = SyncItem::State::Cancelled;
    else if (skipped == all)
        as = SyncItem::State::Skipped;
    const QString after = counterName(as);
    if (after == before)
        return;
    adjustCounter(runId, before, -1);
    adjustCounter(runId, after, +1);
    QSqlQuery &note = m_statements.get(
        QStringLiteral("UPDATE sync_items SET counted_as = :counted WHERE id = :group"));
    note.bindValue(QStringLiteral(":counted"), sql::text(after));
    note.bindValue(QStringLiteral(":group"), groupId);
    sql::exec(note);
}

void RunStore::finishIfDone(qint64 runId)
{
    QSqlQuery &query = m_statements.get(
        QStringLiteral("UPDATE sync_runs SET finished_at = :now, status = CASE "
                       "WHEN status = 'cancelled' THEN 'cancelled' WHEN failed > 0 THEN 'failed' "
                       "ELSE 'succeeded' END "
                       "WHERE id = :id AND finished_at IS NULL "
                       "AND succeeded + failed + skipped + cancelled = total %1")
                           .arg(QLatin1String(kCountsItems)));
    query.bindValue(QStringLiteral(":now"), sql::nowMs());
    query.bindValue(QStringLiteral(":id"), runId);
    sql::exec(query);
    if (query.numRowsAffected() == 0)
        return;
    const SyncRun run = get(runId);
    AuditLog(m_statements.db())
        .record(QStringLiteral("run.finished"),
                QStringLiteral("Run %1 %2: %3 succeeded, %4 failed, %5 skipped, %6 cancelled")
                    .arg(runId)
                    .arg(nameOf(run.status))
                    .arg(run.succeeded)
                    .arg(run.failed)
                    .arg(run.skipped)
                    .arg(run.cancelled),
                run.connectionId, runId);
}

void RunStore::setProgress(qint64 runId, qint64 total, qint64 succeeded, qint64 failed)
{
    QSqlQuery &query = m_statements.get(
        QStringLiteral("UPDATE sync_runs SET total = :total, succeeded = :succeeded, "
                       "failed = :failed WHERE id = :id AND finished_at IS NULL"));
    query.bindValue(QStringLiteral(":total"), total);
    query.bindValue(QStringLiteral(":succeeded"), succeeded);
    query.bindValue(QStringLiteral(":failed"), failed);
    query.bindValue(QStringLiteral(":id"), runId);
    sql::exec(query);
}

void RunStore::finish(qint64 runId, SyncRun::Status status, const QString &message)
{
    sql::WriteTransaction transaction(m_statements.db());
    QSqlQuery &query =
        m_statements.get(QStringLiteral("UPDATE sync_runs SET status = :status, finished_at = :now "
                                        "WHERE id = :id AND finished_at IS NULL"));
    query.bindValue(QStringLiteral(":status"), nameOf(status));
    query.bindValue(QStringLiteral(":now"), sql::nowMs());
    query.bindValue(QStringLiteral(":id"), runId);
    sql::exec(query);
    if (query.numRowsAffected() > 0) {
        const SyncRun run = get(runId);
        AuditLog(m_statements.db())
            .record(QStringLiteral("run.finished"),
                    QStringLiteral("Run %1 %2: %3").arg(runId).arg(nameOf(status), message),
                    run.connectionId, runId);
    }
    transaction.commit();
}

void RunStore::failIfCountsItself(qint64 runId, const QString &message)
{
    const auto run = find(runId);
    QSqlQuery &owner = m_statements.get(
        QStringLiteral("SELECT COALESCE(owner, '') <> '' FROM sync_runs WHERE id = :id"));
    owner.bindValue(QStringLiteral(":id"), runId);
    sql::exec(owner);
    const bool countsItself = owner.next() && owner.value(0).toBool();
    owner.finish();
    if (run && countsItself && !run->isFinished())
        finish(runId, SyncRun::Status::Failed, message);
}

void RunStore::reopen(qint64 runId)
{
    QSqlQuery &query = m_statements.get(
        QStringLiteral("UPDATE sync_runs SET status = 'running', finished_at = NULL "
                       "WHERE id = :id AND status <> 'cancelled'"));
    query.bindValue(QStringLiteral(":id"), runId);
    sql::exec(query);
}

} // namespace storeloom
