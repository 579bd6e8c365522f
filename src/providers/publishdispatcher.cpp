#include "publishdispatcher.h"

#include <QCoreApplication>

namespace storeloom {

void PublishDispatcher::setPublisher(qint64 connectionId,
                                     std::shared_ptr<OperationHandler> publisher)
{
    QMutexLocker lock(&m_mutex);
    m_publishers.insert(connectionId, std::move(publisher));
}

bool PublishDispatcher::hasPublisher(qint64 connectionId) const
{
    QMutexLocker lock(&m_mutex);
    return m_publishers.contains(connectionId);
}

void PublishDispatcher::removePublisher(qint64 connectionId)
{
    QMutexLocker lock(&m_mutex);
    m_publishers.remove(connectionId);
}

ItemOutcome PublishDispatcher::execute(const SyncItem &item)
{
    std::shared_ptr<OperationHandler> publisher;
    {
        QMutexLocker lock(&m_mutex);
        publisher = m_publishers.value(item.connectionId);
    }
    if (!publisher) {
        return ItemOutcome::retry(QCoreApplication::translate(
            "PublishDispatcher", "The connection is not signed in yet; trying again shortly."));
    }
    return publisher->execute(item);
}

} // namespace storeloom
