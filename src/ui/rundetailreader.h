#pragma once

#include "channelstate.h"
#include "syncitem.h"
#include "syncrun.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <optional>

namespace storeloom {

// One item of a run as the run's detail shows it: the product it is about
// and, for publish runs, how that product stands on the channel.
struct RunDetailRow
{
    qint64 itemId = 0;
    qint64 productId = 0; // 0: the item is not about a product (an import page)
    QString title;
    SyncItem::State state = SyncItem::State::Pending;
    int attempts = 0;
    std::optional<qint64> lastAttemptAt;
    QString error;
    std::optional<ChannelState::State> channelState; // publish runs only
    QString listingUrl;
    std::optional<qint64> lastSyncedAt;

    bool operator==(const RunDetailRow &other) const = default;
};

struct RunDetail
{
    std::optional<SyncRun> run; // none: no such run
    // In the order the items were made; the items of a group (a product's
    // publishing steps) are one row, showing the step that says the most.
    QList<RunDetailRow> rows;
};

// Reads a run's detail in a few queries: the items with their products'
// titles (one join), then the products' channel states. Call it on a worker
// with that thread's own connection.
class RunDetailReader
{
    Q_DECLARE_TR_FUNCTIONS(RunDetailReader)

public:
    static RunDetail read(const QSqlDatabase &db, qint64 runId);
};

} // namespace storeloom
