#include "publishruns.h"

#include "auditlog.h"
#include "channelmappings.h"
#include "itemstore.h"
#include "listingoperations.h"
#include "runstore.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace storeloom {

namespace {

NewItem productItem(const QString &operation, qint64 runId, qint64 connectionId, qint64 productId)
{
    NewItem item;
    item.operation = operation;
    item.direction = Direction::Outbound;
    item.idempotencyKey = QStringLiteral("%1:%2:%3").arg(operation).arg(runId).arg(productId);
    item.connectionId = connectionId;
    item.entityType = QStringLiteral("product");
    item.entityId = productId;
    return item;
}

} // namespace

QStringList PublishRuns::operations()
{
    return listingops::publishing();
}

qint64 PublishRuns::start(const PublishPlan &plan, const QString &createdBy)
{
    // The run, its items and the products' pending state appear together or
    // not at all: a process killed in between leaves no empty running run.
    sql::WriteTransaction transaction(m_db);
    RunStore runs(m_db);
    const QString planJson =
        QString::fromUtf8(QJsonDocument(plan.toJson()).toJson(QJsonDocument::Compact));
    const qint64 runId = runs.create(kind(), plan.connectionId, createdBy, planJson);
    const QHash<qint64, qint64> queued = this->queued(plan.connectionId);

    QList<NewItem> items;
    QList<qint64> products;
    qsizetype leftToOthers = 0;
    for (const PlanEntry &entry : plan.entries) {
        if (entry.action != PlanEntry::Action::Create && entry.action != PlanEntry::Action::Update)
            continue;
        if (queued.contains(entry.productId)) {
            ++leftToOthers; // an unfinished run will write it: not twice
            continue;
        }
        // The listing first; its stock, then its media, each after the one before.
        const QString payload = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("action"), nameOf(entry.action)},
                                      {QStringLiteral("listingHash"), entry.listingHash}})
                .toJson(QJsonDocument::Compact));
        QString after;
        for (const QString &operation :
             {entry.action == PlanEntry::Action::Create ? listingops::create()
                                                        : listingops::update(),
              listingops::stock(), listingops::media()}) {
            NewItem item = productItem(operation, runId, plan.connectionId, entry.productId);
            item.payload = payload;
            item.afterKey = after;
            after = item.idempotencyKey;
            items.append(item);
        }
        products.append(entry.productId);
    }
    // Pending first: a worker that picks an item up at once may record its outcome.
    ChannelMappings(m_db).markPending(plan.connectionId, products);
    if (items.isEmpty()) {
        runs.finish(runId, SyncRun::Status::Succeeded,
                    QCoreApplication::translate("PublishRuns", "Nothing to publish: %1")
                        .arg(plan.summary()));
        transaction.commit();
        return runId;
    }
    ItemStore(m_db).enqueue(runId, items);
    QString summary = plan.summary();
    if (leftToOthers > 0)
        summary += QCoreApplication::translate("PublishRuns",
                                               " (%n already queued in an unfinished run)", "",
                                               int(leftToOthers));
    AuditLog(m_db).record(QStringLiteral("run.confirmed"),
                          QCoreApplication::translate("PublishRuns", "Publish confirmed: %1")
                              .arg(summary),
                          plan.connectionId, runId);
    transaction.commit();
    return runId;
}

QHash<qint64, qint64> PublishRuns::queued(qint64 connectionId)
{
    QSqlQuery query = sql::prepare(
        m_db, QStringLiteral("SELECT i.entity_id, MIN(i.run_id) FROM sync_items i "
                             "JOIN sync_runs r ON r.id = i.run_id "
                             "WHERE r.kind = :kind AND r.finished_at IS NULL "
                             "AND i.connection_id = :connection AND i.operation IN (%1) "
                             "AND i.state IN ('pending', 'running', 'failed') "
                             "GROUP BY i.entity_id")
                      .arg(QStringLiteral("'%1'").arg(operations().join(QStringLiteral("', '")))));
    query.bindValue(QStringLiteral(":kind"), kind());
    query.bindValue(QStringLiteral(":connection"), connectionId);
    sql::exec(query);
    QHash<qint64, qint64> products;
    while (query.next())
        products.insert(query.value(0).toLongLong(), query.value(1).toLongLong());
    return products;
}

int PublishRuns::retryFailed(qint64 runId)
{
    ItemStore items(m_db);
    int replayed = 0;
    for (const SyncItem &item : items.list(runId, SyncItem::State::Dead)) {
        items.replay(item.id);
        ++replayed;
    }
    return replayed;
}

qint64 PublishRuns::startUnpublish(qint64 connectionId, const QList<qint64> &productIds,
                                   const QString &createdBy)
{
    sql::WriteTransaction transaction(m_db);
    const QHash<qint64, ChannelState> listings = ChannelMappings(m_db).states(connectionId, productIds);
    for (qint64 productId : productIds) {
        if (!listings.value(productId).isListed())
            throw WorkspaceError(
                WorkspaceError::Kind::InvalidState,
                QCoreApplication::translate("PublishRuns",
                                            "Product %1 has no listing on this connection: there "
                                            "is nothing to unpublish.")
                    .arg(productId));
    }
    RunStore runs(m_db);
    const qint64 runId = runs.create(unpublishKind(), connectionId, createdBy);
    QList<NewItem> items;
    for (qint64 productId : productIds)
        items.append(productItem(listingops::deactivate(), runId, connectionId, productId));
    if (items.isEmpty()) {
        runs.finish(runId, SyncRun::Status::Succeeded,
                    QCoreApplication::translate("PublishRuns", "Nothing to unpublish"));
    } else {
        ItemStore(m_db).enqueue(runId, items);
        AuditLog(m_db).record(
            QStringLiteral("run.confirmed"),
            QCoreApplication::translate("PublishRuns", "Unpublish confirmed: %n products", "",
                                        int(items.size())),
            connectionId, runId);
    }
    transaction.commit();
    return runId;
}

PublishPlan PublishRuns::plan(qint64 runId)
{
    return PublishPlan::fromJson(
        QJsonDocument::fromJson(RunStore(m_db).get(runId).plan.toUtf8()).object());
}

} // namespace storeloom
