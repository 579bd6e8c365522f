// Faults as a client sees them on the wire: a reset connection, a body cut
// short, 5xx answers, slow answers, every-k-th rules, bulk download faults,
// and the fault spec the command line takes.
#include "shopifytestclient.h"

#include <QTest>

using namespace storeloom::sandbox::shopify;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

ShopifySandboxSettings shop()
{
    ShopifySandboxSettings settings;
    settings.catalog.products = 20;
    return settings;
}

bool succeeded(const ShopifyTestClient::Reply &reply)
{
    return reply.error == QNetworkReply::NoError && reply.status == 200 && reply.isJson() &&
           reply.json()[u"data"_s][u"shop"_s].isObject();
}

} // namespace

class TestShopifyFaults : public QObject
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
        m_sandbox.clearFaults();
        m_sandbox.resetCounters();
    }

    void resetConnectionIsANetworkError()
    {
        m_sandbox.resetNext(1);
        const auto reset = m_client.document(u"ShopInfo"_s);
        QVERIFY2(reset.error != QNetworkReply::NoError, qPrintable(QString::number(reset.status)));
        QVERIFY(succeeded(m_client.document(u"ShopInfo"_s)));
        QCOMPARE(m_sandbox.counters().faultsInjected, 1);
    }

    void malformedBodyIsNotJson()
    {
        m_sandbox.malformedNext(1);
        const auto cut = m_client.document(u"ShopInfo"_s);
        QCOMPARE(cut.error, QNetworkReply::NoError);
        QCOMPARE(cut.status, 200);
        QVERIFY(!cut.body.isEmpty());
        QVERIFY(!cut.isJson());
        QVERIFY(succeeded(m_client.document(u"ShopInfo"_s)));
    }

    void serverErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("502") << 502 << u"Bad Gateway"_s;
        QTest::newRow("503") << 503 << u"Service Unavailable"_s;
    }
    void serverErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, message);
        m_sandbox.failNext(1, status);
        const auto failed = m_client.document(u"ShopInfo"_s);
        QCOMPARE(failed.status, status);
        QCOMPARE(failed.json()[u"errors"_s].toString(), message);
        if (status == 503)
            QCOMPARE(failed.header("Retry-After"), QByteArray("1"));
        QVERIFY(succeeded(m_client.document(u"ShopInfo"_s)));
    }

    void slowRepliesStillArrive()
    {
        m_sandbox.slowNext(1, 300);
        QVERIFY(succeeded(m_client.document(u"ShopInfo"_s)));
        QCOMPARE(m_sandbox.counters().faultsInjected, 1);
    }

    void everyKthRequest()
    {
        QString error;
        const auto rule = FaultRule::parse(u"status=503:every=3"_s, &error);
        QVERIFY2(rule, qPrintable(error));
        m_sandbox.addFault(*rule);
        QList<int> statuses;
        for (int i = 0; i < 7; ++i)
            statuses.append(m_client.document(u"ShopInfo"_s).status);
        QCOMPARE(statuses, (QList<int>{200, 200, 503, 200, 200, 503, 200}));
        QCOMPARE(m_sandbox.counters().requests, 7);
    }

    void bulkDownloadsCanBeCutToo()
    {
        const auto started = m_client.document(u"BulkOperationRunQuery"_s,
                                               {{u"query"_s, ShopifyTestClient::documentText(u"BulkProducts"_s)}});
        const QString id = started.json()[u"data"_s][u"bulkOperationRunQuery"_s][u"bulkOperation"_s][u"id"_s].toString();
        QJsonObject state;
        QTRY_VERIFY_WITH_TIMEOUT((state = m_client.document(u"BulkOperationPoll"_s, {{u"id"_s, id}})
                                              .json()[u"data"_s][u"node"_s]
                                              .toObject(),
                                  state[u"status"_s].toString() == u"COMPLETED"_s),
                                 20000);
        const QUrl url(state[u"url"_s].toString());
        QString error;
        m_sandbox.addFault(*FaultRule::parse(u"reset:target=bulk"_s, &error));
        QVERIFY(m_client.get(url).error != QNetworkReply::NoError);
        const auto whole = m_client.get(url);
        QCOMPARE(whole.error, QNetworkReply::NoError);
        QCOMPARE(whole.body.count('\n'), state[u"objectCount"_s].toString().toInt());
        QVERIFY(succeeded(m_client.document(u"ShopInfo"_s))); // GraphQL untouched by a bulk rule
    }

    void nextRulesQueueUp()
    {
        m_sandbox.throttleNext(2);
        m_sandbox.failNext(1, 503);
        m_sandbox.malformedNext(1);
        QCOMPARE(m_client.document(u"ShopInfo"_s).firstErrorCode(), u"THROTTLED"_s);
        QCOMPARE(m_client.document(u"ShopInfo"_s).firstErrorCode(), u"THROTTLED"_s);
        QCOMPARE(m_client.document(u"ShopInfo"_s).status, 503);
        QVERIFY(!m_client.document(u"ShopInfo"_s).isJson());
        QVERIFY(succeeded(m_client.document(u"ShopInfo"_s)));
        QCOMPARE(m_sandbox.counters().faultsInjected, 4);
    }

    void faultSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("next");
        QTest::addColumn<int>("every");
        QTest::newRow("throttle") << u"throttle:next=3"_s << true << int(FaultRule::Kind::Throttle) << 3 << 0;
        QTest::newRow("status") << u"status=502:every=10"_s << true << int(FaultRule::Kind::HttpError) << 0 << 10;
        QTest::newRow("slow") << u"slow=250"_s << true << int(FaultRule::Kind::Slow) << 1 << 0;
        QTest::newRow("reset") << u"reset:every=7:target=bulk"_s << true << int(FaultRule::Kind::Reset) << 0 << 7;
        QTest::newRow("malformed") << u"malformed"_s << true << int(FaultRule::Kind::Malformed) << 1 << 0;
        QTest::newRow("not 5xx") << u"status=404"_s << false << 0 << 0 << 0;
        QTest::newRow("unknown") << u"explode"_s << false << 0 << 0 << 0;
        QTest::newRow("bad key") << u"reset:sometimes=2"_s << false << 0 << 0 << 0;
    }
    void faultSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(bool, valid);
        QFETCH(int, kind);
        QFETCH(int, next);
        QFETCH(int, every);
        QString error;
        const auto rule = FaultRule::parse(spec, &error);
        QCOMPARE(bool(rule), valid);
        if (!rule) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QCOMPARE(int(rule->kind), kind);
        QCOMPARE(rule->next, next);
        QCOMPARE(rule->every, every);
    }

private:
    ShopifySandbox m_sandbox{shop()};
    ShopifyTestClient m_client{m_sandbox};
};

QTEST_GUILESS_MAIN(TestShopifyFaults)
#include "tst_shopify_faults.moc"
