#pragma once

#include "statementcache.h"
#include "syncitem.h"

namespace storeloom {

// Items that run after another (SyncItem::afterItemId) and the groups they
// form, inside ItemStore's transactions: a group's first item, cancelling
// what waits for an item that will not succeed, and bringing it back when
// that item is replayed. One instance per thread, like ItemStore.
class ItemDependencies
{
public:
    explicit ItemDependencies(QSqlDatabase db) : m_statements(std::move(db)) {}

    // `first` becomes the first item of a group (something will wait for it);
    // the run counts the group as it counted the item so far.
    void startGroup(const SyncItem &first);
    // The items waiting for `item` (and those waiting for them) will not
    // run: cancelled, their error naming `item` and `why`.
    void cancelAfter(const SyncItem &item, const QString &why);
    // `item` runs again: what was cancelled because of it waits for it again.
    void restoreAfter(const SyncItem &item);
    // True when another item runs after this one.
    bool hasDependents(qint64 id);

private:
    void cancelWaitingFor(qint64 itemId, const QString &message);
    void restoreWaitingFor(qint64 itemId);

    StatementCache m_statements;
};

} // namespace storeloom
