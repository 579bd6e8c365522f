#pragma once

#include "publishplan.h"

#include <QHash>
#include <QSqlDatabase>

namespace storeloom {

// Turns a confirmed plan into a background run: a "publish" SyncRun that
// keeps the plan, one "listing.publish" item per product to create or update,
// and those products pending on the channel. Unchanged and invalid products
// get no item: nothing is sent for them.
class PublishRuns
{
public:
    explicit PublishRuns(QSqlDatabase db) : m_db(std::move(db)) {}

    static QString operation() { return QStringLiteral("listing.publish"); }
    static QString kind() { return QStringLiteral("publish"); }

    // Returns the run's id. A plan with nothing to write ends at once.
    // Products that an unfinished run of the channel still has to write get
    // no item here: that run writes them, once.
    qint64 start(const PublishPlan &plan, const QString &createdBy);
    // Gives the run's failed products another go; returns how many.
    int retryFailed(qint64 runId);
    PublishPlan plan(qint64 runId);

    // Products with an item still to run in an unfinished publish run of
    // the connection, and that run.
    QHash<qint64, qint64> queued(qint64 connectionId);

private:

    QSqlDatabase m_db;
};

} // namespace storeloom
