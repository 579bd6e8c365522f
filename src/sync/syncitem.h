#pragma once

#include <QMetaType>
#include <QString>
#include <optional>

namespace storeloom {

enum class Direction { Inbound, Outbound };

// One unit of work inside a run. Operation is a provider-neutral name such as
// "catalog.import_page" or "listing.create".
struct SyncItem
{
    enum class State {
        Pending, // waiting for a worker
        Running, // claimed by a worker holding a lease
        Succeeded,
        Skipped, // nothing to do
        Failed,  // last attempt failed; waits for its next attempt
        Dead,    // out of attempts, or failed for good; replay brings it back
        Cancelled,
    };

    qint64 id = 0;
    qint64 runId = 0;
    qint64 connectionId = 0;
    QString operation;
    Direction direction = Direction::Inbound;
    QString idempotencyKey;
    QString entityType;
    qint64 entityId = 0;
    State state = State::Pending;
    int attempts = 0;
    int maxAttempts = 5;
    qint64 nextAttemptAt = 0;
    QString leaseOwner;
    std::optional<qint64> leaseExpiresAt;
    QString lastError;
    QString payload; // private to the adapter, e.g. a stored outbound plan
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    // The item this one runs after: it is claimed only once that one has
    // succeeded (or was skipped); it is cancelled when that one dies.
    std::optional<qint64> afterItemId;
    // The first item of the group this one belongs to (an item others wait
    // for, and those): the run counts the group once. Empty: on its own.
    std::optional<qint64> groupId;

    bool isTerminal() const;
};

// What a caller asks to be done; the engine fills in the rest.
struct NewItem
{
    QString operation;
    Direction direction = Direction::Inbound;
    QString idempotencyKey;
    qint64 connectionId = 0;
    QString entityType;
    qint64 entityId = 0;
    QString payload;
    int maxAttempts = 5;
    // The idempotency key of the item this one runs after (enqueued before
    // it, or earlier in the same batch); empty: it waits for nothing.
    QString afterKey;
};

// How one attempt ended, as reported by an operation handler.
struct ItemOutcome
{
    // Deferred: the item could not start (another run holds what it needs);
    // it waits `delayMs` and the attempt is not counted, so it is never
    // given up on for waiting.
    enum class Kind { Succeeded, Skipped, RetryableFailure, PermanentFailure, Deferred };

    Kind kind = Kind::Succeeded;
    QString message;
    qint64 delayMs = 0;

    static ItemOutcome succeeded(QString message = {})
    {
        return {Kind::Succeeded, std::move(message)};
    }
    static ItemOutcome skipped(QString message = {}) { return {Kind::Skipped, std::move(message)}; }
    static ItemOutcome retry(QString message)
    {
        return {Kind::RetryableFailure, std::move(message)};
    }
    static ItemOutcome permanent(QString message)
    {
        return {Kind::PermanentFailure, std::move(message)};
    }
    static ItemOutcome deferred(QString message, qint64 delayMs)
    {
        return {Kind::Deferred, std::move(message), delayMs};
    }
};

QString nameOf(SyncItem::State state);
std::optional<SyncItem::State> itemStateFromString(const QString &text);
QString nameOf(Direction direction);
std::optional<Direction> directionFromString(const QString &text);

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::SyncItem)
