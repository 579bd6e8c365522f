#pragma once

#include "shopify/auth/shopifyauth.h"
#include "shopify/catalog/shopifycatalog.h"
#include "shopify/server/costbucket.h"
#include "shopify/server/faultinjector.h"
#include "shopify/server/sandboxcounters.h"

#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <memory>

namespace storeloom::sandbox::shopify {

class BulkOperations;
class GraphqlEndpoint;
class HttpServer;
class SandboxRouter;

struct ShopifySandboxSettings
{
    ShopifyCatalog::GenerateOptions catalog;
    QStringList loadFiles; // JSONL (bulk output shape) instead of a generated catalog
    ShopifyPlan plan = ShopifyPlan::Standard;
    std::optional<BucketLimits> bucket; // overrides the plan's
    QStringList apiVersions = {QStringLiteral("2026-01"), QStringLiteral("2026-04"), QStringLiteral("2026-07"),
                               QStringLiteral("2026-10")};
    AuthSettings auth;
    int bulkObjectsPerSecond = 0; // 0: as fast as the machine goes
    QString bulkDirectory;        // empty: a temporary directory removed with the sandbox
};

// A Shopify shop's Admin API on 127.0.0.1: GraphQL with Shopify's cost
// and throttling, bulk operations with their JSONL files, OAuth, and fault
// injection. The HTTP server runs on a thread of its own; every method
// here may be called from any thread while it serves.
class ShopifySandbox
{
public:
    explicit ShopifySandbox(ShopifySandboxSettings settings = {});
    ~ShopifySandbox();
    ShopifySandbox(const ShopifySandbox &) = delete;
    ShopifySandbox &operator=(const ShopifySandbox &) = delete;

    // False when the catalog files did not load (see loadError()).
    bool isValid() const { return m_loadError.isEmpty(); }
    QString loadError() const { return m_loadError; }

    // Listens on 127.0.0.1 (0: a free port); false if it cannot.
    bool listen(quint16 port = 0);
    QUrl url() const; // http://127.0.0.1:<port>, the shop's admin origin
    QUrl graphqlUrl(const QString &version = QStringLiteral("2026-07")) const;
    QString shopDomain() const { return m_auth.settings().shopDomain; }

    ShopifyCatalog &catalog() { return m_catalog; }
    ShopifyAuth &auth() { return m_auth; }
    CostBucket &bucket() { return m_bucket; }
    FaultInjector &faults() { return m_faults; }
    BulkOperations &bulkOperations() { return *m_bulk; }

    // Tokens.
    QString issueAccessToken(const QStringList &scopes = allScopes(), int lifetimeSecs = 0,
                             const QString &token = {});
    void revokeAllGrants() { m_auth.revokeAllGrants(); }
    static QStringList allScopes();

    // Rate limits and versions.
    void setPlan(ShopifyPlan plan) { m_bucket.reset(BucketLimits::forPlan(plan)); }
    void setBucketLimits(BucketLimits limits) { m_bucket.reset(limits); }
    void setApiVersions(const QStringList &versions);

    // Faults on the wire (GraphQL requests unless the rule says otherwise).
    void addFault(const FaultRule &rule) { m_faults.add(rule); }
    void clearFaults() { m_faults.clear(); }
    void throttleNext(int requests);
    void failNext(int requests, int status = 503);
    void slowNext(int requests, int delayMs);
    void resetNext(int requests);
    void malformedNext(int requests);

    // Bulk operations.
    void setBulkObjectsPerSecond(int rate);
    void failNextBulkOperation();
    void expireNextBulkOperation();
    qint64 startRunningBulkOperation(int durationMs);

    SandboxCounters counters() const { return m_counters.snapshot(); }
    void resetCounters() { m_counters.reset(); }

private:
    ShopifySandboxSettings m_settings;
    QString m_loadError;
    ShopifyCatalog m_catalog;
    ShopifyAuth m_auth;
    CostBucket m_bucket;
    FaultInjector m_faults;
    CounterBoard m_counters;
    QTemporaryDir m_temporary;
    std::unique_ptr<BulkOperations> m_bulk;
    std::unique_ptr<GraphqlEndpoint> m_graphql;
    std::unique_ptr<SandboxRouter> m_router;
    QThread m_thread;
    HttpServer *m_server = nullptr; // lives in m_thread
    quint16 m_port = 0;
};

} // namespace storeloom::sandbox::shopify
