#pragma once

#include "faultinjector.h"
#include "httpmessage.h"
#include "sandboxcounters.h"

namespace storeloom::sandbox::shopify {

class BulkOperations;
class GraphqlEndpoint;
class ShopifyAuth;

// Which endpoint answers a request, and the faults that change the answer
// on its way out (5xx instead, THROTTLED, a delay, a reset, a cut body).
class SandboxRouter
{
public:
    SandboxRouter(GraphqlEndpoint &graphql, ShopifyAuth &auth, BulkOperations &bulk, FaultInjector &faults,
                  CounterBoard &counters);

    HttpResponse handle(const HttpRequest &request, const QString &origin);

private:
    HttpResponse graphql(const QString &version, const HttpRequest &request, const QString &origin);
    HttpResponse bulkDownload(const QString &name);
    void applyWireFaults(const FaultDecision &decision, HttpResponse *response);
    static HttpResponse serverError(int status);

    GraphqlEndpoint &m_graphql;
    ShopifyAuth &m_auth;
    BulkOperations &m_bulk;
    FaultInjector &m_faults;
    CounterBoard &m_counters;
};

} // namespace storeloom::sandbox::shopify
