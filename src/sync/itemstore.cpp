#include "itemstore.h"

#include "auditlog.h"
#include "logging.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QSet>
#include <algorithm>

namespace storeloom {

namespace {

QString runNotOpenMessage(qint64 runId, SyncRun::Status status)
{
    return QStringLiteral("Run %1 is %2; it takes no more work.").arg(runId).arg(nameOf(status));
}

} // namespace

ItemStore::ItemStore(QSqlDatabase db, RetryPolicy retryPolicy)
    : m_statements(db), m_runs(db), m_dependencies(db), m_retryPolicy(retryPolicy)
{}

QString ItemStore::columns()
{
    return QStringLiteral("id, run_id, connection_id, operation, direction, idempotency_key, "
                          "entity_type, entity_id, state, attempts, max_attempts, next_attempt_at, "
                          "lease_owner, lease_expires_at, last_error, payload, created_at, "
                          "updated_at, after_item_id, group_id");
}

SyncItem ItemStore::fromQuery(const QSqlQuery &query)
{
    SyncItem item;
    item.id = query.value(0).toLongLong();
    item.runId = query.value(1).toLongLong();
    item.connectionId = query.value(2).toLongLong();
    item.operation = query.value(3).toString();
    item.direction = directionFromString(query.value(4).toString()).value_or(Direction::Inbound);
    item.idempotencyKey = query.value(5).toString();
    item.entityType = query.value(6).toString();
    item.entityId = query.value(7).toLongLong();
    item.state = itemStateFromString(query.value(8).toString()).value_or(SyncItem::State::Pending);
    item.attempts = query.value(9).toInt();
    item.maxAttempts = query.value(10).toInt();
    item.nextAttemptAt = query.value(11).toLongLong();
    item.leaseOwner = query.value(12).toString();
    if (!query.value(13).isNull())
        item.leaseExpiresAt = query.value(13).toLongLong();
    item.lastError = query.value(14).toString();
    item.payload = query.value(15).toString();
    item.createdAt = query.value(16).toLongLong();
    item.updatedAt = query.value(17).toLongLong();
    if (!query.value(18).isNull())
        item.afterItemId = query.value(18).toLongLong();
    if (!query.value(19).isNull())
        item.groupId = query.value(19).toLongLong();
    return item;
}

ItemStore::Enqueued ItemStore::enqueue(qint64 runId, const NewItem &item)
{
    return enqueue(runId, QList<NewItem>{item}).first();
}

QList<ItemStore::Enqueued> ItemStore::enqueue(qint64 runId, const QList<NewItem> &items)
{
    sql::WriteTransaction transaction(m_statements.db());
    const auto status = m_runs.status(runId);
    if (!status)
        throw WorkspaceError(WorkspaceError::Kind::NotFound,
                             QStringLiteral("There is no run %1 in this workspace.").arg(runId));
    if (*status != SyncRun::Status::Running)
        throw WorkspaceError(WorkspaceError::Kind::InvalidState, runNotOpenMessage(runId, *status));

    const qint64 now = sql::nowMs();
    QList<Enqueued> result;
    result.reserve(items.size());
    qint64 created = 0;
    for (const NewItem &item : items) {
        result.append(enqueueOne(runId, item, now));
        // A group is counted once: by its first item.
        created += result.last().created && !result.last().item.afterItemId ? 1 : 0;
    }
    if (created > 0)
        m_runs.countCreated(runId, created);
    transaction.commit();
    return result;
}

ItemStore::Enqueued ItemStore::enqueueOne(qint64 runId, const NewItem &item, qint64 now)
{
    if (item.idempotencyKey.isEmpty())
        throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                             QStringLiteral("An item needs an idempotency key."));
    std::optional<SyncItem> after;
    if (!item.afterKey.isEmpty()) {
        after = findByKey(item.afterKey);
        if (!after || after->runId != runId)
            throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                                 QStringLiteral("Item %1 would wait for %2, which is not an item "
                                                "of run %3.")
                                     .arg(item.idempotencyKey, item.afterKey)
                                     .arg(runId));
    }
    QSqlQuery &insert = m_statements.get(QStringLiteral(
        "INSERT INTO sync_items (run_id, connection_id, operation, direction, idempotency_key, "
        "entity_type, entity_id, state, attempts, max_attempts, next_attempt_at, payload, "
        "created_at, updated_at, after_item_id, group_id) VALUES (:run, :connection, "
        ":operation, :direction, :key, :entity_type, :entity_id, 'pending', 0, :max_attempts, "
        ":next, :payload, :created, :updated, :after, :group) "
        "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id"));
    insert.bindValue(QStringLiteral(":run"), runId);
    insert.bindValue(QStringLiteral(":connection"), sql::idOrNull(item.connectionId));
    insert.bindValue(QStringLiteral(":operation"), sql::text(item.operation));
    insert.bindValue(QStringLiteral(":direction"), nameOf(item.direction));
    insert.bindValue(QStringLiteral(":key"), sql::text(item.idempotencyKey));
    insert.bindValue(QStringLiteral(":entity_type"), sql::text(item.entityType));
    insert.bindValue(QStringLiteral(":entity_id"), sql::idOrNull(item.entityId));
    insert.bindValue(QStringLiteral(":max_attempts"), std::max(1, item.maxAttempts));
    insert.bindValue(QStringLiteral(":next"), now);
    insert.bindValue(QStringLiteral(":payload"), sql::text(item.payload));
    insert.bindValue(QStringLiteral(":created"), now);
    insert.bindValue(QStringLiteral(":updated"), now);
    const qint64 groupId = after ? after->groupId.value_or(after->id) : 0;
    insert.bindValue(QStringLiteral(":after"), sql::idOrNull(after ? after->id : 0));
    insert.bindValue(QStringLiteral(":group"), sql::idOrNull(groupId));
    sql::exec(insert);

    if (insert.next()) { // a row comes back only when the key was new
        SyncItem created;
        created.id = insert.value(0).toLongLong();
        insert.finish();
        if (after) {
            created.afterItemId = after->id;
            created.groupId = groupId;
            if (!after->groupId)
                m_dependencies.startGroup(*after);
            m_runs.recountGroup(runId, groupId);
        }
        created.runId = runId;
        created.connectionId = item.connectionId;
        created.operation = item.operation;
        created.direction = item.direction;
        created.idempotencyKey = item.idempotencyKey;
        created.entityType = item.entityType;
        created.entityId = item.entityId;
        created.maxAttempts = std::max(1, item.maxAttempts);
        created.nextAttemptAt = now;
        created.payload = item.payload;
        created.createdAt = now;
        created.updatedAt = now;
        return {created, true};
    }

    QSqlQuery &existing = m_statements.get(
        QStringLiteral("SELECT %1 FROM sync_items WHERE idempotency_key = :key").arg(columns()));
    existing.bindValue(QStringLiteral(":key"), sql::text(item.idempotencyKey));
    sql::exec(existing);
    if (!existing.next())
        throw WorkspaceError(WorkspaceError::Kind::Sql,
                             QStringLiteral("Item with key %1 vanished").arg(item.idempotencyKey));
    Enqueued found{fromQuery(existing), false};
    existing.finish();
    return found;
}

QList<SyncItem> ItemStore::claim(const QString &owner, int limit, qint64 leaseMs,
                                 const QStringList &operations)
{
    QStringList operationMarks;
    for (qsizetype i = 0; i < operations.size(); ++i)
        operationMarks.append(QStringLiteral(":op%1").arg(i));
    const QString operationFilter =
        operations.isEmpty()
            ? QString()
            : QStringLiteral("    AND i.operation IN (%1)").arg(operationMarks.join(u','));
    sql::WriteTransaction transaction(m_statements.db());
    // One statement picks and takes the items, so two workers can never both
    // win the same item (SQLite serializes writers; the state test guards the rest).
    QSqlQuery &claim = m_statements.get(
        QStringLiteral(
            "UPDATE sync_items SET state = 'running', lease_owner = :owner, "
            "lease_expires_at = :expires, attempts = attempts + 1, updated_at = :now "
            "WHERE state IN ('pending', 'failed') AND id IN ("
            "  SELECT i.id FROM sync_items i"
            "  JOIN sync_runs r ON r.id = i.run_id"
            "  LEFT JOIN connections c ON c.id = i.connection_id"
            "  WHERE i.state IN ('pending', 'failed') AND i.next_attempt_at <= :due"
            "    AND r.status = 'running'"
            "    AND (c.id IS NULL OR (CASE i.direction WHEN 'inbound' THEN c.inbound_enabled"
            "                          ELSE c.outbound_enabled END) = 1)"
            "    AND (i.after_item_id IS NULL OR EXISTS (SELECT 1 FROM sync_items d"
            "         WHERE d.id = i.after_item_id AND d.state IN ('succeeded', 'skipped')))"
            "%2"
            "  ORDER BY i.next_attempt_at, i.id LIMIT :limit) "
            "RETURNING %1")
            .arg(columns(), operationFilter));
    const qint64 now = sql::nowMs();
    claim.bindValue(QStringLiteral(":owner"), sql::text(owner));
    claim.bindValue(QStringLiteral(":expires"), now + leaseMs);
    claim.bindValue(QStringLiteral(":now"), now);
    claim.bindValue(QStringLiteral(":due"), now);
    claim.bindValue(QStringLiteral(":limit"), sql::limitValue(limit));
    for (qsizetype i = 0; i < operations.size(); ++i)
        claim.bindValue(operationMarks.at(i), sql::text(operations.at(i)));
    sql::exec(claim);
    QList<SyncItem> claimed;
    while (claim.next())
        claimed.append(fromQuery(claim));
    claim.finish();
    transaction.commit();
    std::sort(claimed.begin(), claimed.end(),
              [](const SyncItem &a, const SyncItem &b) { return a.id < b.id; });
    return claimed;
}

void ItemStore::setState(qint64 itemId, SyncItem::State state, qint64 nextAttemptAt,
                         const QString &message, int attemptsDelta)
{
    QSqlQuery &update = m_statements.get(QStringLiteral(
        "UPDATE sync_items SET state = :state, next_attempt_at = :next, lease_owner = '', "
        "lease_expires_at = NULL, last_error = :message, attempts = attempts + :delta, "
        "updated_at = :now WHERE id = :id"));
    update.bindValue(QStringLiteral(":state"), nameOf(state));
    update.bindValue(QStringLiteral(":next"), nextAttemptAt);
    update.bindValue(QStringLiteral(":message"), sql::text(message));
    update.bindValue(QStringLiteral(":delta"), attemptsDelta);
    update.bindValue(QStringLiteral(":now"), sql::nowMs());
    update.bindValue(QStringLiteral(":id"), itemId);
    sql::exec(update);
}

ItemStore::Completion ItemStore::complete(const SyncItem &claimed, const ItemOutcome &outcome,
                                          qint64 leaseMs)
{
    return completeAll({{claimed, outcome}}, leaseMs).first();
}

QList<ItemStore::Completion> ItemStore::completeAll(const QList<Attempt> &attempts, qint64 leaseMs)
{
    sql::WriteTransaction transaction(m_statements.db());
    const qint64 now = sql::nowMs();
    QList<Completion> completions;
    completions.reserve(attempts.size());
    QSet<qint64> runs;
    QSet<QString> owners;
    for (const auto &[claimed, outcome] : attempts) {
        completions.append(recordAttempt(claimed, outcome, now));
        if (completions.last().recorded) {
            runs.insert(claimed.runId);
            owners.insert(claimed.leaseOwner);
        }
    }
    for (qint64 runId : std::as_const(runs))
        m_runs.finishIfDone(runId);

    // Still working: the owner's other claimed items keep their lease.
    QSqlQuery &renew = m_statements.get(QStringLiteral(
        "UPDATE sync_items SET lease_expires_at = :expires "
        "WHERE lease_owner = :owner AND state = 'running' AND lease_expires_at >= :now"));
    for (const QString &owner : std::as_const(owners)) {
        renew.bindValue(QStringLiteral(":expires"), now + leaseMs);
        renew.bindValue(QStringLiteral(":owner"), sql::text(owner));
        renew.bindValue(QStringLiteral(":now"), now);
        sql::exec(renew);
    }
    transaction.commit();
    return completions;
}

ItemStore::Completion ItemStore::recordAttempt(const SyncItem &claimed, const ItemOutcome &outcome,
                                               qint64 now)
{
    Completion completion;
    qint64 nextAttemptAt = now;
    int attemptsDelta = 0;
    QString message = outcome.message;
    switch (outcome.kind) {
    case ItemOutcome::Kind::Succeeded:
        completion.state = SyncItem::State::Succeeded;
        break;
    case ItemOutcome::Kind::Skipped:
        completion.state = SyncItem::State::Skipped;
        break;
    case ItemOutcome::Kind::PermanentFailure:
        completion.state = SyncItem::State::Dead;
        break;
    case ItemOutcome::Kind::Deferred:
        completion.state = isRunCancelled(claimed.runId) ? SyncItem::State::Cancelled
                                                          : SyncItem::State::Pending;
        nextAttemptAt = now + std::max<qint64>(0, outcome.delayMs);
        attemptsDelta = -1; // it never started: waiting is not an attempt
        break;
    case ItemOutcome::Kind::RetryableFailure:
        if (isRunCancelled(claimed.runId)) {
            // Cancelled while this attempt ran: no next attempt, so the run can end.
            completion.state = SyncItem::State::Cancelled;
        } else if (claimed.attempts >= claimed.maxAttempts) {
            completion.state = SyncItem::State::Dead;
            message = QStringLiteral("%1 (gave up after %2 attempts)")
                          .arg(outcome.message)
                          .arg(claimed.attempts);
        } else {
            completion.state = SyncItem::State::Failed;
            nextAttemptAt = now + m_retryPolicy.delayMs(claimed.attempts);
        }
        break;
    }

    // The lease check and the transition are one statement: a worker whose
    // lease expired (and whose item another worker took) changes nothing.
    QSqlQuery &update = m_statements.get(QStringLiteral(
        "UPDATE sync_items SET state = :state, next_attempt_at = :next, lease_owner = '', "
        "lease_expires_at = NULL, last_error = :message, attempts = attempts + :delta, "
        "updated_at = :now WHERE id = :id AND state = 'running' AND lease_owner = :owner"));
    update.bindValue(QStringLiteral(":state"), nameOf(completion.state));
    update.bindValue(QStringLiteral(":delta"), attemptsDelta);
    update.bindValue(QStringLiteral(":next"), nextAttemptAt);
    update.bindValue(QStringLiteral(":message"), sql::text(message));
    update.bindValue(QStringLiteral(":now"), now);
    update.bindValue(QStringLiteral(":id"), claimed.id);
    update.bindValue(QStringLiteral(":owner"), sql::text(claimed.leaseOwner));
    sql::exec(update);
    if (update.numRowsAffected() != 1) {
        qCWarning(lcEngine) << "item" << claimed.id << "was no longer leased to"
                            << claimed.leaseOwner << "; its outcome is not recorded";
        return {};
    }
    completion.recorded = true;
    if (completion.state == SyncItem::State::Dead || completion.state == SyncItem::State::Cancelled)
        m_dependencies.cancelAfter(claimed, message);
    count(claimed, SyncItem::State::Running, completion.state);
    return completion;
}

void ItemStore::release(const QList<qint64> &itemIds, const QString &owner)
{
    if (itemIds.isEmpty())
        return;
    sql::WriteTransaction transaction(m_statements.db());
    for (qint64 id : itemIds) {
        const auto item = find(id);
        if (!item || item->state != SyncItem::State::Running || item->leaseOwner != owner)
            continue;
        if (m_runs.status(item->runId) == SyncRun::Status::Cancelled) {
            setState(id, SyncItem::State::Cancelled, item->nextAttemptAt,
                     QStringLiteral("Cancelled before it started"), -1);
            m_dependencies.cancelAfter(*item, QStringLiteral("Cancelled before it started"));
            count(*item, SyncItem::State::Running, SyncItem::State::Cancelled);
            m_runs.finishIfDone(item->runId);
        } else {
            // Never started: the claim's attempt does not count.
            setState(id, SyncItem::State::Pending, item->nextAttemptAt, item->lastError, -1);
        }
    }
    transaction.commit();
}

int ItemStore::renewLeases(const QStringList &owners, qint64 leaseMs)
{
    if (owners.isEmpty())
        return 0;
    sql::WriteTransaction transaction(m_statements.db());
    // Only leases still in force: one that ran out may be another worker's now.
    QSqlQuery &renew = m_statements.get(QStringLiteral(
        "UPDATE sync_items SET lease_expires_at = :expires WHERE state = 'running' "
        "AND lease_owner = :owner AND lease_expires_at >= :now"));
    const qint64 now = sql::nowMs();
    int renewed = 0;
    for (const QString &owner : owners) {
        renew.bindValue(QStringLiteral(":expires"), now + leaseMs);
        renew.bindValue(QStringLiteral(":owner"), sql::text(owner));
        renew.bindValue(QStringLiteral(":now"), now);
        sql::exec(renew);
        renewed += renew.numRowsAffected();
    }
    transaction.commit();
    return renewed;
}

bool ItemStore::confirmLease(qint64 itemId, const QString &owner, qint64 leaseMs)
{
    sql::WriteTransaction transaction(m_statements.db());
    QSqlQuery &confirm = m_statements.get(QStringLiteral(
        "UPDATE sync_items SET lease_expires_at = :expires WHERE id = :id AND state = 'running' "
        "AND lease_owner = :owner AND lease_expires_at >= :now"));
    const qint64 now = sql::nowMs();
    confirm.bindValue(QStringLiteral(":expires"), now + leaseMs);
    confirm.bindValue(QStringLiteral(":id"), itemId);
    confirm.bindValue(QStringLiteral(":owner"), sql::text(owner));
    confirm.bindValue(QStringLiteral(":now"), now);
    sql::exec(confirm);
    const bool held = confirm.numRowsAffected() == 1;
    transaction.commit();
    return held;
}

int ItemStore::reclaimExpiredLeases(const std::function<bool(const QString &)> &ownerGone)
{
    sql::WriteTransaction transaction(m_statements.db());
    const qint64 now = sql::nowMs();
    // Running items are few (a partial index holds them): look at each.
    QSqlQuery &running = m_statements.get(
        QStringLiteral("SELECT %1 FROM sync_items WHERE state = 'running'").arg(columns()));
    sql::exec(running);
    QList<SyncItem> items;
    while (running.next()) {
        SyncItem item = fromQuery(running);
        const bool expired = item.leaseExpiresAt.value_or(0) < now;
        if (expired || (ownerGone && ownerGone(item.leaseOwner)))
            items.append(std::move(item));
    }
    running.finish();

    for (const SyncItem &item : items) {
        SyncItem::State next = SyncItem::State::Failed;
        QString message = QStringLiteral("The worker running attempt %1 stopped before finishing "
                                         "(its process ended or its lease expired); it will run "
                                         "again.")
                              .arg(item.attempts);
        if (m_runs.status(item.runId) == SyncRun::Status::Cancelled) {
            next = SyncItem::State::Cancelled;
            message = QStringLiteral("The worker stopped and the run was cancelled.");
        } else if (item.attempts >= item.maxAttempts) {
            next = SyncItem::State::Dead;
            message = QStringLiteral("The worker running attempt %1 of %2 stopped before "
                                     "finishing; no attempts are left.")
                          .arg(item.attempts)
                          .arg(item.maxAttempts);
        }
        setState(item.id, next, now, message);
        if (next != SyncItem::State::Failed)
            m_dependencies.cancelAfter(item, message);
        count(item, SyncItem::State::Running, next);
        m_runs.finishIfDone(item.runId);
        if (next == SyncItem::State::Dead)
            m_runs.failIfCountsItself(item.runId, message);
        qCWarning(lcEngine) << "reclaimed item" << item.id << "from" << item.leaseOwner << "->"
                            << nameOf(next);
    }
    transaction.commit();
    return int(items.size());
}

SyncItem ItemStore::replay(qint64 itemId)
{
    const QSqlDatabase db = m_statements.db();
    sql::WriteTransaction transaction(db);
    const SyncItem item = get(itemId);
    if (item.state != SyncItem::State::Dead && item.state != SyncItem::State::Failed) {
        throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                             QStringLiteral("Item %1 is %2; only dead or failed items can be "
                                            "replayed.")
                                 .arg(itemId)
                                 .arg(nameOf(item.state)));
    }
    if (m_runs.status(item.runId) == SyncRun::Status::Cancelled) {
        throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                             QStringLiteral("Item %1 belongs to run %2, which was cancelled; "
                                            "start a new run instead.")
                                 .arg(itemId)
                                 .arg(item.runId));
    }
    setState(itemId, SyncItem::State::Pending, sql::nowMs(), item.lastError, -item.attempts);
    m_dependencies.restoreAfter(item);
    count(item, item.state, SyncItem::State::Pending);
    m_runs.reopen(item.runId);
    AuditLog(db).record(
        QStringLiteral("item.replayed"),
        QStringLiteral("Item %1 (%2) put back to run again").arg(itemId).arg(item.operation),
        item.connectionId, item.runId);
    transaction.commit();
    return get(itemId);
}

void ItemStore::count(const SyncItem &item, SyncItem::State from, SyncItem::State to)
{
    if (item.groupId)
        m_runs.recountGroup(item.runId, *item.groupId);
    else
        m_runs.countTransition(item.runId, from, to);
}

std::optional<SyncItem> ItemStore::findByKey(const QString &key)
{
    QSqlQuery &query = m_statements.get(
        QStringLiteral("SELECT %1 FROM sync_items WHERE idempotency_key = :key").arg(columns()));
    query.bindValue(QStringLiteral(":key"), sql::text(key));
    sql::exec(query);
    std::optional<SyncItem> item;
    if (query.next())
        item = fromQuery(query);
    query.finish();
    return item;
}

bool ItemStore::isRunCancelled(qint64 runId)
{
    return m_runs.status(runId) == SyncRun::Status::Cancelled;
}

std::optional<SyncItem> ItemStore::find(qint64 id)
{
    QSqlQuery &query =
        m_statements.get(QStringLiteral("SELECT %1 FROM sync_items WHERE id = :id").arg(columns()));
    query.bindValue(QStringLiteral(":id"), id);
    sql::exec(query);
    std::optional<SyncItem> item;
    if (query.next())
        item = fromQuery(query);
    query.finish();
    return item;
}

SyncItem ItemStore::get(qint64 id)
{
    if (auto item = find(id))
        return *item;
    throw WorkspaceError(WorkspaceError::Kind::NotFound,
                         QStringLiteral("There is no item %1 in this workspace.").arg(id));
}

QList<SyncItem> ItemStore::list(qint64 runId, std::optional<SyncItem::State> state, int limit)
{
    QSqlQuery &query = m_statements.get(
        QStringLiteral("SELECT %1 FROM sync_items WHERE run_id = :run "
                       "AND (:any_state = 1 OR state = :state) ORDER BY id LIMIT :limit")
            .arg(columns()));
    query.bindValue(QStringLiteral(":run"), runId);
    query.bindValue(QStringLiteral(":any_state"), state ? 0 : 1);
    query.bindValue(QStringLiteral(":state"), sql::text(state ? nameOf(*state) : QString()));
    query.bindValue(QStringLiteral(":limit"), sql::limitValue(limit));
    sql::exec(query);
    QList<SyncItem> items;
    while (query.next())
        items.append(fromQuery(query));
    query.finish();
    return items;
}

std::optional<qint64> ItemStore::nextDueAt()
{
    QSqlQuery &query = m_statements.get(QStringLiteral(
        "SELECT MIN(next_attempt_at) FROM sync_items WHERE state IN ('pending', 'failed')"));
    sql::exec(query);
    std::optional<qint64> due;
    if (query.next() && !query.value(0).isNull())
        due = query.value(0).toLongLong();
    query.finish();
    return due;
}

} // namespace storeloom
