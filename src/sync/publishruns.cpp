#include "publishruns.h"

#include "auditlog.h"
#include "channelmappings.h"
#include "itemstore.h"
#include "runstore.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace storeloom {

qint64 PublishRuns::start(const PublishPlan &plan, const QString &createdBy)
{
    RunStore runs(m_db);
    const QString planJson =
        QString::fromUtf8(QJsonDocument(plan.toJson()).toJson(QJsonDocument::Compact));
    const qint64 runId = runs.create(kind(), plan.connectionId, createdBy, planJson);

    QList<NewItem> items;
    QList<qint64> products;
    for (const PlanEntry &entry : plan.entries) {
        if (entry.action != PlanEntry::Action::Create && entry.action != PlanEntry::Action::Update)
            continue;
        NewItem item;
        item.operation = operation();
        item.direction = Direction::Outbound;
        item.idempotencyKey = QStringLiteral("%1:%2:%3")
                                  .arg(operation())
                                  .arg(runId)
                                  .arg(entry.productId);
        item.connectionId = plan.connectionId;
        item.entityType = QStringLiteral("product");
        item.entityId = entry.productId;
        item.payload = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("action"), nameOf(entry.action)},
                                      {QStringLiteral("listingHash"), entry.listingHash}})
                .toJson(QJsonDocument::Compact));
        items.append(item);
        products.append(entry.productId);
    }
    // Pending first: a worker that picks an item up at once may record its outcome.
    ChannelMappings(m_db).markPending(plan.connectionId, products);
    if (items.isEmpty()) {
        runs.finish(runId, SyncRun::Status::Succeeded,
                    QCoreApplication::translate("PublishRuns", "Nothing to publish: %1")
                        .arg(plan.summary()));
        return runId;
    }
    ItemStore(m_db).enqueue(runId, items);
    AuditLog(m_db).record(QStringLiteral("run.confirmed"),
                          QCoreApplication::translate("PublishRuns", "Publish confirmed: %1")
                              .arg(plan.summary()),
                          plan.connectionId, runId);
    return runId;
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

PublishPlan PublishRuns::plan(qint64 runId)
{
    return PublishPlan::fromJson(
        QJsonDocument::fromJson(RunStore(m_db).get(runId).plan.toUtf8()).object());
}

} // namespace storeloom
