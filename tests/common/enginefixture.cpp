#include "enginefixture.h"

namespace storeloom::test {

EngineFixture::EngineFixture(RetryPolicy retryPolicy)
    : m_handle(m_workspace.workspace().openHandle()), m_runs(m_handle.db()),
      m_items(m_handle.db(), retryPolicy)
{}

QList<NewItem> EngineFixture::makeItems(int count, const QString &prefix, const QString &operation,
                                        Direction direction, qint64 connectionId, int maxAttempts)
{
    QList<NewItem> items;
    items.reserve(count);
    for (int i = 0; i < count; ++i) {
        NewItem item;
        item.operation = operation;
        item.direction = direction;
        item.idempotencyKey = prefix + QString::number(i);
        item.connectionId = connectionId;
        item.maxAttempts = maxAttempts;
        items.append(item);
    }
    return items;
}

} // namespace storeloom::test
