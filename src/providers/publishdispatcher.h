#pragma once

#include "operationhandler.h"

#include <QHash>
#include <QMutex>
#include <memory>

namespace storeloom {

// The executor's handler for publishing items (listingops::all()): hands
// each item to the publisher of the item's connection. A connection whose publisher is not
// ready yet (its sign-in still loading from the keychain) has its items
// tried again later.
class PublishDispatcher : public OperationHandler
{
public:
    void setPublisher(qint64 connectionId, std::shared_ptr<OperationHandler> publisher);
    bool hasPublisher(qint64 connectionId) const;
    void removePublisher(qint64 connectionId);

    ItemOutcome execute(const SyncItem &item) override;

private:
    mutable QMutex m_mutex;
    QHash<qint64, std::shared_ptr<OperationHandler>> m_publishers;
};

} // namespace storeloom
