#pragma once

#include "publishplan.h"

#include <QHash>
#include <QStringList>
#include <QSqlDatabase>

namespace storeloom {

// Turns a confirmed plan into a background run: a "publish" SyncRun that
// keeps the plan, and per product to create or update one item per
// operation — "listing.create" (or "listing.update" when it has a listing),
// then "inventory.push" after it, then "media.upload" after that — and those
// products pending on the channel. The run counts each product once.
// Unchanged and invalid products get no item: nothing is sent for them.
// Also unpublishes: an "unpublish" run of "listing.deactivate" items.
class PublishRuns
{
public:
    explicit PublishRuns(QSqlDatabase db) : m_db(std::move(db)) {}

    // The operations of a publish run's items.
    static QStringList operations();
    static QString kind() { return QStringLiteral("publish"); }
    static QString unpublishKind() { return QStringLiteral("unpublish"); }

    // Returns the run's id. A plan with nothing to write ends at once.
    // Products that an unfinished run of the channel still has to write get
    // no item here: that run writes them, once.
    qint64 start(const PublishPlan &plan, const QString &createdBy);
    // Gives the run's failed products another go; returns how many.
    int retryFailed(qint64 runId);
    PublishPlan plan(qint64 runId);

    // A run that deactivates the products' listings on the connection.
    // Throws InvalidState, and starts nothing, when one has no listing there.
    qint64 startUnpublish(qint64 connectionId, const QList<qint64> &productIds,
                          const QString &createdBy);

    // Products with an item still to run in an unfinished publish run of
    // the connection, and that run.
    QHash<qint64, qint64> queued(qint64 connectionId);

private:

    QSqlDatabase m_db;
};

} // namespace storeloom
