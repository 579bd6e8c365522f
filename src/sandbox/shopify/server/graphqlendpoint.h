#pragma once

#include "costbucket.h"
#include "httpmessage.h"
#include "sandboxcounters.h"

#include <QMutex>
#include <QStringList>

namespace storeloom::sandbox::graphql {
struct Error;
struct Document;
struct Operation;
}

namespace storeloom::sandbox::shopify {

class BulkOperations;
class ShopifyAuth;
class ShopifyCatalog;

// POST /admin/api/{version}/graphql.json, in Shopify's order: version,
// access token, JSON body, parse, validate, variables, requested cost
// (paging errors, the 1000-point single-query limit), the leaky bucket
// (THROTTLED), execution under the catalog's read lock, refund of the
// unused cost. Every GraphQL answer carries extensions.cost.
class GraphqlEndpoint
{
public:
    static constexpr int MaxQueryCost = 1000;

    GraphqlEndpoint(ShopifyCatalog &catalog, ShopifyAuth &auth, CostBucket &bucket, BulkOperations &bulk,
                    CounterBoard &counters);

    void setApiVersions(const QStringList &versions);
    QStringList apiVersions() const;

    // `forceThrottle`: a fault rule wants this one THROTTLED whatever the bucket holds.
    HttpResponse handle(const QString &version, const HttpRequest &request, const QString &origin,
                        bool forceThrottle);

private:
    struct Cost
    {
        qint64 requested = 0;
        std::optional<qint64> actual;
        ThrottleStatus status;
    };

    HttpResponse execute(const graphql::Document &document, const graphql::Operation &operation,
                         const QJsonObject &variables, const QStringList &scopes, const QString &origin,
                         bool forceThrottle);
    bool coerceVariables(const graphql::Operation &operation, const QJsonObject &given, QJsonObject *coerced,
                         std::vector<graphql::Error> *errors) const;
    HttpResponse reply(const QByteArray &data, const std::vector<graphql::Error> &errors, const Cost &cost);

    ShopifyCatalog &m_catalog;
    ShopifyAuth &m_auth;
    CostBucket &m_bucket;
    BulkOperations &m_bulk;
    CounterBoard &m_counters;
    mutable QMutex m_mutex;
    QStringList m_versions;
};

} // namespace storeloom::sandbox::shopify
