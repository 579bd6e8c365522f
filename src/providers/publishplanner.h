#pragma once

#include "publishingprovider.h"
#include "publishplan.h"

#include <QSqlDatabase>
#include <atomic>

namespace storeloom {

// Works out what publishing products to a channel would do, from the
// workspace alone (no request is sent): per product, its listing as the
// adapter would write it, checked against the channel's rules, compared with
// what the channel was last sent. Runs on any thread with that thread's
// database connection.
// "the Etsy shop", for messages about the channel's shop.
QString shopLabel(const PublishingProvider &provider);

class PublishPlanner
{
public:
    PublishPlanner(const PublishingProvider &provider, QSqlDatabase db)
        : m_provider(provider), m_db(std::move(db))
    {}

    // Products the workspace no longer has are left out; drafts, archived
    // products and those gone from their store are listed as not offered
    // unless `includes` names them. A SKU other variants share is a warning.
    // Returns an empty plan if `stop` becomes true.
    PublishPlan plan(qint64 connectionId, const QList<qint64> &productIds,
                     const std::atomic_bool *stop = nullptr) const
    {
        return plan(connectionId, productIds, OfferIncludes{}, stop);
    }
    PublishPlan plan(qint64 connectionId, const QList<qint64> &productIds,
                     const OfferIncludes &includes, const std::atomic_bool *stop = nullptr) const;

private:
    const PublishingProvider &m_provider;
    QSqlDatabase m_db;
};

} // namespace storeloom
