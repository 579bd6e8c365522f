#include "rundetailreader.h"

#include "channelmappings.h"
#include "itemstore.h"
#include "publishruns.h"
#include "runstore.h"
#include "sql.h"

namespace storeloom {

namespace {

// The item columns as ItemStore reads them, from the items' alias; the
// payload (an adapter's stored plan, possibly large) is left out.
QString itemColumns()
{
    QStringList columns = ItemStore::columns().split(QStringLiteral(", "));
    for (QString &column : columns)
        column =
            column == u"payload" ? QStringLiteral("'' AS payload") : QStringLiteral("i.") + column;
    return columns.join(QStringLiteral(", "));
}

RunDetailRow rowOf(const SyncItem &item, const QVariant &title)
{
    RunDetailRow row;
    row.itemId = item.id;
    const bool product = item.entityType == u"product" && item.entityId > 0;
    row.productId = product ? item.entityId : 0;
    if (!product)
        row.title = QStringLiteral("%1 · %2").arg(item.operation, item.idempotencyKey);
    else if (title.isNull())
        row.title = RunDetailReader::tr("Product %1 (deleted)").arg(item.entityId);
    else
        row.title = title.toString();
    row.state = item.state;
    row.attempts = item.attempts;
    if (item.attempts > 0)
        row.lastAttemptAt = item.updatedAt; // an attempt is the item's last change
    row.error = item.lastError;
    return row;
}

// How far along a group of items (one product's steps) is, as one row:
// the item that says the most about it — one that died, else one at work,
// waiting for a retry, waiting, cancelled — or its last one when all are done.
int rank(SyncItem::State state)
{
    switch (state) {
    case SyncItem::State::Dead:
        return 6;
    case SyncItem::State::Running:
        return 5;
    case SyncItem::State::Failed:
        return 4;
    case SyncItem::State::Pending:
        return 3;
    case SyncItem::State::Cancelled:
        return 2;
    case SyncItem::State::Succeeded:
    case SyncItem::State::Skipped:
        break;
    }
    return 1;
}

} // namespace

RunDetail RunDetailReader::read(const QSqlDatabase &db, qint64 runId)
{
    RunDetail detail;
    detail.run = RunStore(db).find(runId);
    if (!detail.run)
        return detail;

    QSqlQuery query =
        sql::prepare(db, QStringLiteral("SELECT %1, p.title FROM sync_items i LEFT JOIN products p "
                                        "ON i.entity_type = 'product' AND p.id = i.entity_id "
                                        "WHERE i.run_id = ? ORDER BY i.id")
                             .arg(itemColumns()));
    query.addBindValue(runId);
    sql::exec(query);
    const int titleColumn = int(ItemStore::columns().count(QLatin1Char(','))) + 1;
    QList<qint64> products;
    QHash<qint64, qsizetype> groupRows; // a product's steps are one row
    while (query.next()) {
        const SyncItem item = ItemStore::fromQuery(query);
        RunDetailRow row = rowOf(item, query.value(titleColumn));
        if (item.groupId) {
            if (const auto found = groupRows.constFind(*item.groupId); found != groupRows.cend()) {
                RunDetailRow &shown = detail.rows[*found];
                if (rank(row.state) >= rank(shown.state))
                    shown = std::move(row);
                continue;
            }
            groupRows.insert(*item.groupId, detail.rows.size());
        }
        if (row.productId > 0)
            products.append(row.productId);
        detail.rows.append(std::move(row));
    }
    query.finish();

    if (detail.run->kind != PublishRuns::kind() || products.isEmpty())
        return detail;
    const QHash<qint64, ChannelState> states =
        ChannelMappings(db).states(detail.run->connectionId, products);
    for (RunDetailRow &row : detail.rows) {
        if (row.productId <= 0)
            continue;
        const ChannelState state = states.value(row.productId);
        row.channelState = state.state;
        row.listingUrl = state.url;
        row.lastSyncedAt = state.lastSyncedAt;
        // The channel may know more about a failure than the attempt recorded.
        const bool failed =
            row.state == SyncItem::State::Failed || row.state == SyncItem::State::Dead;
        if (failed && row.error.isEmpty())
            row.error = state.lastError;
    }
    return detail;
}

} // namespace storeloom
