#pragma once

#include "itemstore.h"
#include "runstore.h"
#include "testworkspace.h"

#include <QSqlDatabase>

namespace storeloom::test {

// A fresh workspace and the engine's stores over a connection of the test's
// thread; members are torn down in the order Qt SQL needs.
class EngineFixture
{
public:
    explicit EngineFixture(RetryPolicy retryPolicy = {});

    const Workspace &workspace() const { return m_workspace.workspace(); }
    QSqlDatabase db() const { return m_handle.db(); }
    RunStore &runs() { return m_runs; }
    ItemStore &items() { return m_items; }

    // `count` items keyed prefix0 … prefix(count-1).
    static QList<NewItem> makeItems(int count, const QString &prefix,
                                    const QString &operation = QStringLiteral("listing.create"),
                                    Direction direction = Direction::Outbound,
                                    qint64 connectionId = 0, int maxAttempts = 5);

private:
    TestWorkspace m_workspace;
    DbHandle m_handle;
    RunStore m_runs;
    ItemStore m_items;
};

} // namespace storeloom::test
