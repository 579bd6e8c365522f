// Each built-in provider's RatePolicy is what makes its connections'
// RateBudget (ConnectionAccess, the one place budgets are made), and the
// publishing Executor's gate applies those same budgets to every item.
#include "builtinproviders.h"
#include "connectionaccess.h"
#include "connectionstore.h"
#include "enginefixture.h"
#include "providerregistry.h"
#include "publishservice.h"
#include "ratebudget.h"
#include "secretstore.h"

#include <QMutex>
#include <QTest>
#include <atomic>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

qint64 addConnection(const Workspace &workspace, const QString &provider)
{
    const DbHandle handle = workspace.openHandle();
    Connection connection;
    connection.provider = provider;
    connection.externalShopId = provider + u"-shop"_s;
    connection.name = provider + u" shop"_s;
    return ConnectionStore(handle.db()).add(connection);
}

class CountingHandler : public OperationHandler
{
public:
    ItemOutcome execute(const SyncItem &) override
    {
        ++m_runs;
        return ItemOutcome::succeeded();
    }
    int runs() const { return m_runs; }

private:
    std::atomic_int m_runs{0};
};

} // namespace

class TestRatePolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_engine = std::make_unique<test::EngineFixture>(); }
    void cleanup() { m_engine.reset(); }

    void eachProvidersPolicyMakesItsConnectionsBudget_data()
    {
        QTest::addColumn<QString>("provider");
        for (const Provider *provider : builtInProviders().providers())
            QTest::newRow(qPrintable(provider->id())) << provider->id();
    }

    void eachProvidersPolicyMakesItsConnectionsBudget()
    {
        QFETCH(QString, provider);
        const Provider *declared = builtInProviders().find(provider);
        QVERIFY(declared);
        const RatePolicy policy = declared->ratePolicy();
        QVERIFY2(!policy.tiers.isEmpty(), "every built-in provider declares its limits");
        const RateTier assumed = policy.tier();
        QVERIFY(assumed.capacity > 0);
        QVERIFY(assumed.refillPerSecond > 0);

        const qint64 id = addConnection(m_engine->workspace(), provider);
        SecretStore secrets;
        ConnectionAccess access(m_engine->workspace(), secrets, builtInProviders());
        QVERIFY(!access.budgets().forConnection(id)); // made when first asked for
        const std::shared_ptr<RateBudget> budget = access.budget(id);
        QVERIFY(budget);
        QCOMPARE(budget->capacity(), assumed.capacity);
        QCOMPARE(budget->refillPerSecond(), assumed.refillPerSecond);
        QCOMPARE(budget->available(), assumed.capacity); // full at first
        QCOMPARE(budget->gateCost(), policy.gateCost());
        // One budget per connection, whoever asks.
        QCOMPARE(access.budget(id), budget);
        QCOMPARE(access.budgets().forConnection(id), budget);
    }

    void theDeclaredLimitsAreThePlatformsPublishedOnes()
    {
        const ProviderRegistry &providers = builtInProviders();
        // Etsy: 10 requests a second (spaced evenly), 10,000 a day; its
        // client takes a unit per request, so the gate takes none per item.
        const RatePolicy etsy = providers.find(u"etsy"_s)->ratePolicy();
        QCOMPARE(etsy.tier().refillPerSecond, 10.0);
        QCOMPARE(etsy.requestsPerDay, qint64(10000));
        QCOMPARE(etsy.metering, RatePolicy::Metering::PerRequest);
        QCOMPARE(etsy.gateCost(), 0.0);
        // Shopify: cost points restored per plan; the smallest plan until the
        // platform says which one the shop has.
        const RatePolicy shopify = providers.find(u"shopify"_s)->ratePolicy();
        QCOMPARE(shopify.tier().name, u"Standard"_s);
        QCOMPARE(shopify.tier().refillPerSecond, 100.0);
        QCOMPARE(shopify.tier(u"advanced"_s).refillPerSecond, 200.0);
        QCOMPARE(shopify.tier(u"Plus"_s).refillPerSecond, 1000.0);
        QCOMPARE(shopify.tier(u"Enterprise"_s).refillPerSecond, 2000.0);
        QCOMPARE(shopify.tier().capacity, 1000.0); // the most a single query may cost
        QCOMPARE(shopify.tier(u"no such plan"_s).name, u"Standard"_s);
        QCOMPARE(shopify.gateCost(), 0.0);
        // WooCommerce: no platform limit, a conservative one for the host;
        // nothing meters its requests, so the gate takes one unit per item.
        const RatePolicy woo = providers.find(u"woocommerce"_s)->ratePolicy();
        QCOMPARE(woo.metering, RatePolicy::Metering::PerItem);
        QCOMPARE(woo.gateCost(), 1.0);
        QVERIFY(woo.tier().refillPerSecond <= 5);
    }

    void anUnknownConnectionOrProviderHasNoBudget()
    {
        const qint64 unknownProvider = addConnection(m_engine->workspace(), u"not-built-in"_s);
        SecretStore secrets;
        ConnectionAccess access(m_engine->workspace(), secrets, builtInProviders());
        QVERIFY(!access.budget(unknownProvider));
        QVERIFY(!access.budget(unknownProvider + 1000));
        QVERIFY(!access.budgets().forConnection(unknownProvider));
    }

    void thePublishingGateAppliesTheConnectionsBudget()
    {
        const qint64 id = addConnection(m_engine->workspace(), u"woocommerce"_s);
        SecretStore secrets;
        ConnectionAccess access(m_engine->workspace(), secrets, builtInProviders());
        PublishService service(m_engine->workspace(), access, builtInProviders());
        QCOMPARE(&service.executor().rateBudgets(), &access.budgets());

        const std::shared_ptr<RateBudget> budget = access.budget(id);
        QVERIFY(budget);
        QCOMPARE(budget->gateCost(), 1.0);
        const int units = int(budget->capacity());
        budget->update(units, units, 0); // the policy's bucket, with the refill held still

        const qint64 runId = m_engine->runs().create(u"publish"_s, id, QString());
        m_engine->items().enqueue(runId,
                                  test::EngineFixture::makeItems(units + 6, u"p"_s, u"test.paced"_s,
                                                                 Direction::Outbound, id));
        auto handler = std::make_shared<CountingHandler>();
        service.executor().setHandler(u"test.paced"_s, handler);
        service.resumeUnfinished();
        // Once the bucket is spent its workers wait at the gate, and no more
        // items can start: exactly as many ran as the bucket held.
        QTRY_VERIFY(budget->waiting() > 0 && m_engine->runs().get(runId).succeeded == units);
        QCOMPARE(handler->runs(), units);
        QCOMPARE(budget->available(), 0.0);
        budget->update(6, 6, 0); // the platform reports six more
        QTRY_COMPARE(m_engine->runs().get(runId).succeeded, units + 6);
        QCOMPARE(handler->runs(), units + 6);
    }

private:
    std::unique_ptr<test::EngineFixture> m_engine;
};

QTEST_GUILESS_MAIN(TestRatePolicy)
#include "tst_ratepolicy.moc"
