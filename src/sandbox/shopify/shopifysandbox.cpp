#include "shopifysandbox.h"

#include "shopify/bulk/bulkoperations.h"
#include "shopify/server/graphqlendpoint.h"
#include "shopify/server/httpserver.h"
#include "shopify/server/sandboxrouter.h"
#include "shopify/shopifylogging.h"

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;

ShopifySandbox::ShopifySandbox(ShopifySandboxSettings settings)
    : m_settings(std::move(settings)),
      m_auth(m_settings.auth),
      m_bucket(m_settings.bucket.value_or(BucketLimits::forPlan(m_settings.plan)))
{
    m_settings.catalog.shopDomain = m_settings.auth.shopDomain;
    if (m_settings.loadFiles.isEmpty())
        m_catalog.generate(m_settings.catalog);
    else if (!m_catalog.loadJsonl(m_settings.loadFiles, m_settings.catalog, &m_loadError))
        qCWarning(lcShopifySandbox) << "catalog not loaded:" << m_loadError;
    const QString directory = m_settings.bulkDirectory.isEmpty() ? m_temporary.path() : m_settings.bulkDirectory;
    m_bulk = std::make_unique<BulkOperations>(m_catalog, m_counters, directory);
    m_bulk->setObjectsPerSecond(m_settings.bulkObjectsPerSecond);
    m_graphql = std::make_unique<GraphqlEndpoint>(m_catalog, m_auth, m_bucket, *m_bulk, m_counters);
    m_graphql->setApiVersions(m_settings.apiVersions);
    m_router = std::make_unique<SandboxRouter>(*m_graphql, m_auth, *m_bulk, m_faults, m_counters);
    m_thread.setObjectName(u"shopify-sandbox"_s);
    m_thread.start();
}

ShopifySandbox::~ShopifySandbox()
{
    if (m_server) {
        QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_server = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
    m_bulk.reset(); // joins the export threads before the catalog goes
}

bool ShopifySandbox::listen(quint16 port)
{
    if (!m_server) {
        m_server = new HttpServer([this](const HttpRequest &request) {
            return m_router->handle(request, url().toString());
        });
        m_server->moveToThread(&m_thread);
    }
    bool listening = false;
    QMetaObject::invokeMethod(
        m_server,
        [this, port, &listening] {
            listening = m_server->listen(port);
            m_port = m_server->port();
        },
        Qt::BlockingQueuedConnection);
    if (listening)
        qCInfo(lcShopifySandbox) << "Shopify sandbox listening on" << url().toString();
    return listening;
}

QUrl ShopifySandbox::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

QUrl ShopifySandbox::graphqlUrl(const QString &version) const
{
    return QUrl(url().toString() + u"/admin/api/%1/graphql.json"_s.arg(version));
}

QStringList ShopifySandbox::allScopes()
{
    return {u"read_products"_s, u"write_products"_s, u"read_inventory"_s, u"write_inventory"_s,
            u"read_locations"_s};
}

QString ShopifySandbox::issueAccessToken(const QStringList &scopes, int lifetimeSecs, const QString &token)
{
    return m_auth.issueAccessToken(scopes, lifetimeSecs, token);
}

void ShopifySandbox::setApiVersions(const QStringList &versions)
{
    m_graphql->setApiVersions(versions);
}

void ShopifySandbox::throttleNext(int requests)
{
    FaultRule rule;
    rule.kind = FaultRule::Kind::Throttle;
    rule.next = requests;
    m_faults.add(rule);
}

void ShopifySandbox::failNext(int requests, int status)
{
    FaultRule rule;
    rule.kind = FaultRule::Kind::HttpError;
    rule.status = status;
    rule.next = requests;
    m_faults.add(rule);
}

void ShopifySandbox::slowNext(int requests, int delayMs)
{
    FaultRule rule;
    rule.kind = FaultRule::Kind::Slow;
    rule.delayMs = delayMs;
    rule.next = requests;
    m_faults.add(rule);
}

void ShopifySandbox::resetNext(int requests)
{
    FaultRule rule;
    rule.kind = FaultRule::Kind::Reset;
    rule.next = requests;
    m_faults.add(rule);
}

void ShopifySandbox::malformedNext(int requests)
{
    FaultRule rule;
    rule.kind = FaultRule::Kind::Malformed;
    rule.next = requests;
    m_faults.add(rule);
}

void ShopifySandbox::setBulkObjectsPerSecond(int rate) { m_bulk->setObjectsPerSecond(rate); }
void ShopifySandbox::failNextBulkOperation() { m_bulk->failNext(); }
void ShopifySandbox::expireNextBulkOperation() { m_bulk->expireNext(); }
qint64 ShopifySandbox::startRunningBulkOperation(int durationMs) { return m_bulk->startRunning(durationMs); }

} // namespace storeloom::sandbox::shopify
