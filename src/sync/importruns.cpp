#include "importruns.h"

#include "catalogimport.h"
#include "itemstore.h"
#include "leaseowner.h"
#include "runstore.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace storeloom {

namespace {

const QString kStart = QStringLiteral("start");

QString modeName(ImportOptions::Mode mode)
{
    switch (mode) {
    case ImportOptions::Mode::Paged:
        return QStringLiteral("paged");
    case ImportOptions::Mode::Bulk:
        return QStringLiteral("bulk");
    case ImportOptions::Mode::Automatic:
        break;
    }
    return QStringLiteral("automatic");
}

// Phases this hub writes; an older workspace's checkpoint in another phase
// (locations, collections: now read whole when an import opens) starts over.
bool continuesAt(const QString &phase)
{
    return phase == QLatin1String("products") || phase == QLatin1String("bulk");
}

qint64 itemCount(const QSqlDatabase &db, qint64 runId, const QString &states = {})
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM sync_items WHERE run_id = :run%1")
                      .arg(states.isEmpty() ? QString() : QStringLiteral(" AND state IN (%1)").arg(states)));
    query.bindValue(QStringLiteral(":run"), runId);
    sql::exec(query);
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace

ImportRuns::Started ImportRuns::start(qint64 connectionId, const ImportOptions &options,
                                      const QString &owner)
{
    RunStore runs(m_db);
    // A page whose process ended is taken back now, not at the executor's
    // next round: whether the import has a live item depends on it.
    ItemStore(m_db).reclaimExpiredLeases(&LeaseOwner::isGone);
    runs.recoverAbandoned(&LeaseOwner::isGone);
    std::optional<qint64> adopted;
    if (const QList<SyncRun> open = runs.unfinished(kind(), connectionId); !open.isEmpty()) {
        // Refused while its process lives; else this process carries it on,
        // its live item included.
        try {
            adopted = runs.adopt(kind(), connectionId, owner);
        } catch (const WorkspaceError &error) {
            if (error.kind() != WorkspaceError::Kind::InvalidState)
                throw;
            throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                                 QStringLiteral("Run %1 is already importing this store (another "
                                                "window or command); wait for it or cancel it.")
                                     .arg(open.first().id));
        }
        if (adopted && itemCount(m_db, *adopted, QStringLiteral("'pending', 'running', 'failed'")) > 0)
            return {*adopted, true};
    }
    // Where the last committed page left the catalog import, if it stopped short.
    ImportCheckpoint checkpoint;
    {
        CatalogImport import(m_db, connectionId, CatalogImport::Writes::QtSqlOnly);
        checkpoint = import.begin();
    }
    sql::WriteTransaction transaction(m_db);
    if (!adopted && checkpoint.resumed)
        adopted = runs.adopt(kind(), connectionId, owner);
    const QJsonObject plan{{QStringLiteral("mode"), modeName(options.mode)},
                           {QStringLiteral("bulkThreshold"), options.bulkThreshold},
                           {QStringLiteral("maxQueryCost"), options.maxQueryCost}};
    const qint64 runId =
        adopted ? *adopted
                : runs.create(kind(), connectionId, options.createdBy,
                              QString::fromUtf8(QJsonDocument(plan).toJson(QJsonDocument::Compact)),
                              owner);
    const bool continues = checkpoint.resumed && continuesAt(checkpoint.phase);
    NewItem first = pageItem(runId, connectionId, continues ? checkpoint.phase : kStart,
                             continues ? checkpoint.cursor : QString(), checkpoint.pages);
    // Unique within the run even where an earlier start of it stopped at the same page.
    first.idempotencyKey += QStringLiteral(":start%1").arg(itemCount(m_db, runId));
    ItemStore(m_db).enqueue(runId, first);
    transaction.commit();
    return {runId, checkpoint.resumed};
}

NewItem ImportRuns::pageItem(qint64 runId, qint64 connectionId, const QString &phase,
                             const QString &cursor, qint64 page)
{
    NewItem item;
    item.operation = operation();
    item.direction = Direction::Inbound;
    item.connectionId = connectionId;
    item.entityType = QStringLiteral("catalog");
    item.idempotencyKey =
        QStringLiteral("%1:run%2:%3:%4").arg(operation()).arg(runId).arg(phase, cursor);
    item.payload = QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("phase"), phase},
                                  {QStringLiteral("cursor"), cursor},
                                  {QStringLiteral("page"), page}})
            .toJson(QJsonDocument::Compact));
    // Each attempt already retries what is transient: a page that fails three
    // times has a reason worth stopping for.
    item.maxAttempts = 3;
    return item;
}

ImportRuns::Position ImportRuns::positionOf(const SyncItem &item)
{
    const QJsonObject payload = QJsonDocument::fromJson(item.payload.toUtf8()).object();
    return {payload.value(QLatin1String("phase")).toString(),
            payload.value(QLatin1String("cursor")).toString(),
            payload.value(QLatin1String("page")).toInteger()};
}

ImportOptions ImportRuns::optionsOf(const QString &runPlan)
{
    const QJsonObject plan = QJsonDocument::fromJson(runPlan.toUtf8()).object();
    ImportOptions options;
    const QString mode = plan.value(QLatin1String("mode")).toString();
    options.mode = mode == QLatin1String("paged")  ? ImportOptions::Mode::Paged
                   : mode == QLatin1String("bulk") ? ImportOptions::Mode::Bulk
                                                   : ImportOptions::Mode::Automatic;
    options.bulkThreshold = plan.value(QLatin1String("bulkThreshold")).toInteger(options.bulkThreshold);
    options.maxQueryCost = plan.value(QLatin1String("maxQueryCost")).toDouble(options.maxQueryCost);
    return options;
}

QString ImportRuns::summary(const ImportCounts &c, const QString &platform)
{
    return QStringLiteral("Imported %1 products: %2 new, %3 updated, %4 unchanged, %5 in conflict, "
                          "%6 no longer in %7")
        .arg(c.created + c.updated + c.unchanged + c.conflicts)
        .arg(c.created)
        .arg(c.updated)
        .arg(c.unchanged)
        .arg(c.conflicts)
        .arg(c.flagged)
        .arg(platform);
}

} // namespace storeloom
