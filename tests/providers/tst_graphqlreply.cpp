// Every kind of Admin GraphQL answer is classified, with the platform's
// words kept for the merchant and the bucket's state read from every reply.
#include "shopify/graphqlreply.h"

#include <QTest>

using namespace storeloom::shopify;
using Outcome = GraphqlReply::Outcome;

namespace {
const QByteArray kCost =
    "\"extensions\":{\"cost\":{\"requestedQueryCost\":252,\"actualQueryCost\":87,"
    "\"throttleStatus\":{\"maximumAvailable\":2000.0,\"currentlyAvailable\":1913,\"restoreRate\":100.0}}}";
}

class TestGraphqlReply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dataAndCostAreRead()
    {
        const GraphqlReply reply =
            parseGraphqlReply(200, "{\"data\":{\"shop\":{\"name\":\"Linen\"}}," + kCost + "}");
        QCOMPARE(reply.outcome, Outcome::Ok);
        QCOMPARE(reply.data.value(QLatin1String("shop")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("Linen"));
        QVERIFY(reply.cost.has_value());
        QCOMPARE(reply.cost->requested, 252.0);
        QCOMPARE(reply.cost->actual, 87.0);
        QCOMPARE(reply.cost->currentlyAvailable, 1913.0);
        QCOMPARE(reply.cost->maximumAvailable, 2000.0);
        QCOMPARE(reply.cost->restoreRate, 100.0);
    }

    void throttledIsRetryable()
    {
        const GraphqlReply reply = parseGraphqlReply(
            200, "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}]," +
                     kCost + "}");
        QCOMPARE(reply.outcome, Outcome::Throttled);
        QVERIFY(reply.retryable());
        QVERIFY(reply.cost.has_value());
    }

    void queryErrorsKeepThePlatformsWords()
    {
        const GraphqlReply reply = parseGraphqlReply(
            200, "{\"errors\":[{\"message\":\"Field 'colour' doesn't exist on type 'Product'\"}]}");
        QCOMPARE(reply.outcome, Outcome::QueryErrors);
        QVERIFY(!reply.retryable());
        QVERIFY(reply.message.contains(QLatin1String("Field 'colour' doesn't exist on type 'Product'")));
    }

    void aStringErrorsMemberIsAnError()
    {
        const GraphqlReply reply = parseGraphqlReply(200, "{\"errors\":\"Not Found\"}");
        QCOMPARE(reply.outcome, Outcome::QueryErrors);
        QVERIFY(reply.message.contains(QLatin1String("Not Found")));
    }

    void statusCodesAreClassified_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Outcome>("outcome");
        QTest::addColumn<bool>("retryable");
        QTest::newRow("401") << 401 << Outcome::Unauthorized << false;
        QTest::newRow("403") << 403 << Outcome::Unauthorized << false;
        QTest::newRow("404") << 404 << Outcome::HttpError << false;
        QTest::newRow("502") << 502 << Outcome::ServerError << true;
        QTest::newRow("503") << 503 << Outcome::ServerError << true;
    }

    void statusCodesAreClassified()
    {
        QFETCH(int, status);
        QFETCH(Outcome, outcome);
        QFETCH(bool, retryable);
        const GraphqlReply reply = parseGraphqlReply(status, "{\"errors\":\"nope\"}");
        QCOMPARE(reply.outcome, outcome);
        QCOMPARE(reply.retryable(), retryable);
        QVERIFY(reply.message.contains(QString::number(status)));
    }

    void truncatedJsonIsMalformedAndRetryable()
    {
        const GraphqlReply reply = parseGraphqlReply(200, "{\"data\":{\"products\":{\"nodes\":[{\"id\"");
        QCOMPARE(reply.outcome, Outcome::Malformed);
        QVERIFY(reply.retryable());
    }

    void noDataIsMalformed()
    {
        QCOMPARE(parseGraphqlReply(200, "{\"extensions\":{}}").outcome, Outcome::Malformed);
    }

    void noAnswerIsANetworkError()
    {
        const GraphqlReply reply = parseGraphqlReply(0, {}, QStringLiteral("Connection reset by peer"));
        QCOMPARE(reply.outcome, Outcome::NetworkError);
        QVERIFY(reply.retryable());
        QVERIFY(reply.message.contains(QLatin1String("Connection reset by peer")));
    }
};

QTEST_GUILESS_MAIN(TestGraphqlReply)
#include "tst_graphqlreply.moc"
