// Calculated query cost and the leaky bucket: hand-computed requested
// costs, actual costs from what came back, the single-query maximum,
// THROTTLED when the bucket runs dry and recovery as it refills (waited for
// as a state, never timed), forced throttling, and the plans' limits.
#include "shopifytestclient.h"

#include <QTest>

using namespace storeloom::sandbox::shopify;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

ShopifySandboxSettings shop()
{
    ShopifySandboxSettings settings;
    settings.catalog.products = 40;
    settings.catalog.seed = 11;
    return settings;
}

QJsonObject productsPage(int first)
{
    return {{u"first"_s, first}, {u"variantsFirst"_s, 3}, {u"levelsFirst"_s, 3}, {u"mediaFirst"_s, 3}};
}

double available(const ShopifyTestClient::Reply &reply)
{
    return reply.json()[u"extensions"_s][u"cost"_s][u"throttleStatus"_s][u"currentlyAvailable"_s].toDouble();
}

} // namespace

class TestShopifyCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sandbox.listen());
        m_client.setToken(m_sandbox.issueAccessToken());
    }

    void init()
    {
        m_sandbox.setPlan(ShopifyPlan::Standard);
        m_sandbox.clearFaults();
    }

    void requestedCostOfSmallQueries_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("cost");
        // shop: 1 object, scalars free.
        QTest::newRow("shop") << u"{ shop { id name } }"_s << 1;
        // connection 1 + 5 nodes × 1.
        QTest::newRow("nodes") << u"{ products(first: 5) { nodes { id title } } }"_s << 6;
        // edges and cursor are free; node 1 each; pageInfo 1.
        QTest::newRow("edges") << u"{ products(first: 5) { pageInfo { hasNextPage } edges { cursor node { id } } } }"_s
                               << 7;
        // 1 + 4 × (1 + selectedOptions 1 + inventoryItem (1 + measurement 1 + weight 1)).
        QTest::newRow("nested objects") << u"{ productVariant(id: \"gid://shopify/ProductVariant/1\") { id } "
                                           "products(first: 4) { nodes { options { name } } } }"_s
                                        << 1 + 1 + 4 * 2;
        // A mutation costs 10 whatever its payload selects.
        QTest::newRow("mutation") << u"mutation { bulkOperationCancel(id: \"gid://shopify/BulkOperation/1\") "
                                     "{ bulkOperation { id } userErrors { message } } }"_s
                                  << 10;
    }
    void requestedCostOfSmallQueries()
    {
        QFETCH(QString, query);
        QFETCH(int, cost);
        const auto reply = m_client.graphql(query);
        QCOMPARE(reply.requestedCost(), qint64(cost));
    }

    // ProductsPage, by the rule in querycost.h:
    //   products = 1 + pageInfo 1 + first × product
    //   product  = 1 + options 1 + variants (1 + pageInfo 1 + 3 × variant) + media (1 + pageInfo 1 + 3 × media)
    //   variant  = 1 + selectedOptions 1 + inventoryItem (1 + measurement 1 + weight 1
    //              + inventoryLevels (1 + 3 × (1 + location 1 + quantities 1)))      = 15
    //   media    = 1 + image 1                                                       = 2
    //   product  = 1 + 1 + (2 + 45) + (2 + 6) = 57, so products(first: 10) = 2 + 570 = 572.
    void productsPageCostIsHandComputed()
    {
        m_sandbox.setBucketLimits({0, 2000}); // no refill: the numbers below are exact
        const auto reply = m_client.document(u"ProductsPage"_s, productsPage(10));
        QCOMPARE(reply.requestedCost(), 572);
        // Actual: every product has 3 variants at 3 locations; media vary (0-3).
        qint64 actual = 2;
        const QList<ProductView> products = m_sandbox.catalog().products();
        for (qsizetype i = 0; i < 10; ++i)
            actual += 1 + 1 + (2 + 45) + (2 + 2 * products.at(i).media.size());
        QCOMPARE(reply.actualCost(), actual);
        QVERIFY(actual < 572);
        // Charged the requested cost, refunded the difference.
        QCOMPARE(available(reply), 2000.0 - double(actual));
        QCOMPARE(m_sandbox.bucket().status().currentlyAvailable, 2000.0 - double(actual));
    }

    void overTheSingleQueryMaximumIsRefusedWithoutCharge()
    {
        m_sandbox.setBucketLimits({0, 2000});
        const auto reply = m_client.document(u"ProductsPage"_s, productsPage(18)); // 2 + 18 × 57 = 1028
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.firstErrorCode(), u"MAX_COST_EXCEEDED"_s);
        QCOMPARE(reply.firstErrorMessage(),
                 u"Query cost is 1028, which exceeds the single query max cost limit (1000)."_s);
        QCOMPARE(reply.requestedCost(), 1028);
        QCOMPARE(reply.actualCost(), -1);
        QCOMPARE(m_sandbox.bucket().status().currentlyAvailable, 2000.0);
        QCOMPARE(m_client.document(u"ProductsPage"_s, productsPage(17)).requestedCost(), 971);
    }

    void pagingArgumentsAreChecked()
    {
        QCOMPARE(m_client.graphql(u"{ products { nodes { id } } }"_s).firstErrorMessage(),
                 u"you must provide one of first or last"_s);
        QCOMPARE(m_client.graphql(u"{ products(first: 251) { nodes { id } } }"_s).firstErrorCode(),
                 u"MAX_PAGE_SIZE_EXCEEDED"_s);
        QVERIFY(!m_client.graphql(u"{ products(last: 250) { nodes { id } } }"_s).json().contains(u"errors"_s));
    }

    void drainedBucketThrottlesThenRefills()
    {
        m_sandbox.setBucketLimits({50, 200}); // 50 points a second, 200 at most
        const QString query = u"{ products(first: 40) { nodes { id } } }"_s; // 41
        m_sandbox.resetCounters();
        ShopifyTestClient::Reply reply;
        int accepted = 0;
        // Spend faster than it refills until Shopify says no.
        for (int i = 0; i < 50; ++i) {
            reply = m_client.graphql(query);
            if (reply.firstErrorCode() == u"THROTTLED"_s)
                break;
            ++accepted;
        }
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.firstErrorCode(), u"THROTTLED"_s);
        QCOMPARE(reply.firstErrorMessage(), u"Throttled"_s);
        QCOMPARE(reply.json()[u"errors"_s][0][u"extensions"_s][u"documentation"_s].toString(),
                 u"https://shopify.dev/api/usage/rate-limits"_s);
        QVERIFY(!reply.json().contains(u"data"_s));
        QCOMPARE(reply.requestedCost(), 41);
        QCOMPARE(reply.actualCost(), -1); // null: nothing ran
        QVERIFY(available(reply) < 41);
        QVERIFY(accepted >= 4);
        QVERIFY(m_sandbox.counters().throttled >= 1);
        // The bucket refills by itself; the same query then goes through.
        QTRY_VERIFY_WITH_TIMEOUT(m_sandbox.bucket().status().currentlyAvailable >= 41, 10000);
        QCOMPARE(m_client.graphql(query).firstErrorCode(), QString());
    }

    void throttleStatusReportsThePlan_data()
    {
        QTest::addColumn<int>("plan");
        QTest::addColumn<double>("restore");
        QTest::addColumn<double>("maximum");
        QTest::newRow("standard") << int(ShopifyPlan::Standard) << 100.0 << 2000.0;
        QTest::newRow("advanced") << int(ShopifyPlan::Advanced) << 200.0 << 4000.0;
        QTest::newRow("plus") << int(ShopifyPlan::Plus) << 1000.0 << 20000.0;
        QTest::newRow("enterprise") << int(ShopifyPlan::Enterprise) << 2000.0 << 40000.0;
    }
    void throttleStatusReportsThePlan()
    {
        QFETCH(int, plan);
        QFETCH(double, restore);
        QFETCH(double, maximum);
        m_sandbox.setPlan(ShopifyPlan(plan));
        const QJsonObject status =
            m_client.graphql(u"{ shop { id } }"_s).json()[u"extensions"_s][u"cost"_s][u"throttleStatus"_s].toObject();
        QCOMPARE(status[u"restoreRate"_s].toDouble(), restore);
        QCOMPARE(status[u"maximumAvailable"_s].toDouble(), maximum);
        QCOMPARE(status[u"currentlyAvailable"_s].toDouble(), maximum - 1);
    }

    void forcedThrottleForTheNextRequests()
    {
        m_sandbox.resetCounters();
        m_sandbox.throttleNext(2);
        QCOMPARE(m_client.graphql(u"{ shop { id } }"_s).firstErrorCode(), u"THROTTLED"_s);
        QCOMPARE(m_client.graphql(u"{ shop { id } }"_s).firstErrorCode(), u"THROTTLED"_s);
        QCOMPARE(m_client.graphql(u"{ shop { id } }"_s).firstErrorCode(), QString());
        const SandboxCounters counters = m_sandbox.counters();
        QCOMPARE(counters.throttled, 2);
        QCOMPARE(counters.requests, 3);
        QCOMPARE(counters.actualCostCharged, 1);
    }

    void countersNameOperations()
    {
        m_sandbox.resetCounters();
        m_client.document(u"ShopInfo"_s);
        m_client.document(u"ShopInfo"_s);
        m_client.document(u"LocationsPage"_s, {{u"first"_s, 5}});
        m_client.graphql(u"{ shop { id } }"_s);
        const SandboxCounters counters = m_sandbox.counters();
        QCOMPARE(counters.operations.value(u"ShopInfo"_s), 2);
        QCOMPARE(counters.operations.value(u"LocationsPage"_s), 1);
        QCOMPARE(counters.operations.value(QString()), 1);
        QCOMPARE(counters.actualCostCharged, 1 + 1 + (1 + 1 + 3) + 1); // locations: 1 + pageInfo + 3 nodes
    }

private:
    ShopifySandbox m_sandbox{shop()};
    ShopifyTestClient m_client{m_sandbox};
};

QTEST_GUILESS_MAIN(TestShopifyCost)
#include "tst_shopify_cost.moc"
