// Bulk operations as the adapter runs them: start with BulkOperationRunQuery,
// poll with BulkOperationPoll / CurrentBulkOperation, download the JSONL.
// Checks Shopify's line shape (__parentId, parents first), the one-at-a-time
// rule, the inner query's limits, and the FAILED / EXPIRED / already-running
// faults. Waits are on states, never on durations.
#include "shopifytestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace storeloom::sandbox::shopify;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

ShopifySandboxSettings shop()
{
    ShopifySandboxSettings settings;
    settings.catalog.products = 60;
    settings.catalog.seed = 3;
    return settings;
}

QList<QJsonObject> jsonLines(const QByteArray &body)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : body.split('\n')) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

} // namespace

class TestShopifyBulk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sandbox.listen());
        m_client.setToken(m_sandbox.issueAccessToken());
    }

    void init() { m_sandbox.setBulkObjectsPerSecond(0); }

    void cleanup()
    {
        // Leave no operation running for the next test.
        QTRY_VERIFY_WITH_TIMEOUT(!running(), 20000);
    }

    void productsExportHasShopifysLineShape()
    {
        const QString id = start(u"BulkProducts"_s);
        const QJsonObject done = waitFor(id);
        QCOMPARE(done[u"status"_s].toString(), u"COMPLETED"_s);
        QVERIFY(done[u"errorCode"_s].isNull());
        QVERIFY(done[u"partialDataUrl"_s].isNull());
        const auto download = m_client.get(QUrl(done[u"url"_s].toString()));
        QCOMPARE(download.status, 200);
        const QList<QJsonObject> lines = jsonLines(download.body);
        QCOMPARE(done[u"objectCount"_s].toString(), QString::number(lines.size())); // UnsignedInt64: a string
        QCOMPARE(done[u"rootObjectCount"_s].toString(), u"60"_s);

        QSet<QString> written;
        int products = 0;
        int variants = 0;
        for (const QJsonObject &line : lines) {
            const QString lineId = line[u"id"_s].toString();
            const QString parent = line[u"__parentId"_s].toString();
            if (lineId.startsWith(u"gid://shopify/Product/"_s)) {
                ++products;
                QVERIFY(!line.contains(u"__parentId"_s));
                QVERIFY(!line.contains(u"variants"_s)); // nested connections are lines of their own
                QVERIFY(line[u"options"_s].isArray());  // other nested objects stay inline
            } else {
                QVERIFY2(written.contains(parent), qPrintable(lineId)); // parents first
                QVERIFY(parent.startsWith(u"gid://shopify/Product/"_s));
                if (lineId.startsWith(u"gid://shopify/ProductVariant/"_s)) {
                    ++variants;
                    QVERIFY(line[u"inventoryItem"_s][u"measurement"_s][u"weight"_s].isObject());
                }
            }
            written.insert(lineId);
        }
        QCOMPARE(products, 60);
        QCOMPARE(variants, 180);
        // Each variant line names its own product.
        for (const ProductView &product : m_sandbox.catalog().products()) {
            for (const VariantView &variant : product.variants) {
                const auto line = std::find_if(lines.begin(), lines.end(), [&](const QJsonObject &l) {
                    return l[u"id"_s].toString() == ShopifyGid::variant(variant.id);
                });
                QVERIFY(line != lines.end());
                QCOMPARE((*line)[u"__parentId"_s].toString(), ShopifyGid::product(product.id));
                QCOMPARE((*line)[u"sku"_s].toString(), variant.sku);
            }
        }
    }

    void inventoryLevelsHaveNoIdButAParent()
    {
        const QJsonObject done = waitFor(start(u"BulkInventory"_s));
        const QList<QJsonObject> lines = jsonLines(m_client.get(QUrl(done[u"url"_s].toString())).body);
        int levels = 0;
        for (const QJsonObject &line : lines) {
            if (line.contains(u"id"_s)) {
                QVERIFY(line[u"id"_s].toString().startsWith(u"gid://shopify/InventoryItem/"_s));
                QVERIFY(line[u"variant"_s][u"id"_s].isString());
                continue;
            }
            ++levels;
            QVERIFY(line[u"__parentId"_s].toString().startsWith(u"gid://shopify/InventoryItem/"_s));
            QCOMPARE(line[u"quantities"_s].toArray().size(), 2);
        }
        QCOMPARE(levels, 60 * 3 * 3);
    }

    void oneBulkQueryAtATime()
    {
        m_sandbox.setBulkObjectsPerSecond(200);
        const QString first = start(u"BulkProducts"_s);
        // objectCount grows while it runs.
        QTRY_VERIFY_WITH_TIMEOUT(poll(first)[u"objectCount"_s].toString().toLongLong() > 0, 10000);
        QCOMPARE(poll(first)[u"status"_s].toString(), u"RUNNING"_s);
        const auto second = runQuery(ShopifyTestClient::documentText(u"BulkCollections"_s));
        const QJsonObject payload = second.json()[u"data"_s][u"bulkOperationRunQuery"_s].toObject();
        QVERIFY(payload[u"bulkOperation"_s].isNull());
        const QJsonObject error = payload[u"userErrors"_s][0].toObject();
        QVERIFY(error[u"field"_s].isNull());
        QCOMPARE(error[u"code"_s].toString(), u"OPERATION_IN_PROGRESS"_s);
        QCOMPARE(error[u"message"_s].toString(),
                 u"A bulk query operation for this app and shop is already in progress: %1."_s.arg(first));
        const auto current = m_client.document(u"CurrentBulkOperation"_s);
        QCOMPARE(current.json()[u"data"_s][u"currentBulkOperation"_s][u"id"_s].toString(), first);
        m_sandbox.setBulkObjectsPerSecond(0);
    }

    void alreadyRunningWhenTheAdapterArrives()
    {
        const qint64 earlier = m_sandbox.startRunningBulkOperation(1500);
        const QString earlierId = ShopifyGid::make(u"BulkOperation"_s, earlier);
        const auto current = m_client.document(u"CurrentBulkOperation"_s);
        const QJsonObject operation = current.json()[u"data"_s][u"currentBulkOperation"_s].toObject();
        QCOMPARE(operation[u"id"_s].toString(), earlierId);
        QVERIFY(operation[u"status"_s].toString() == u"RUNNING"_s || operation[u"status"_s].toString() == u"CREATED"_s);
        QCOMPARE(runQuery(ShopifyTestClient::documentText(u"BulkCollections"_s))
                     .json()[u"data"_s][u"bulkOperationRunQuery"_s][u"userErrors"_s][0][u"code"_s]
                     .toString(),
                 u"OPERATION_IN_PROGRESS"_s);
        QCOMPARE(waitFor(earlierId)[u"status"_s].toString(), u"COMPLETED"_s);
        QCOMPARE(waitFor(start(u"BulkCollections"_s))[u"status"_s].toString(), u"COMPLETED"_s);
    }

    void failedOperationLeavesPartialData()
    {
        const QJsonObject full = waitFor(start(u"BulkProducts"_s));
        const int fullLines = int(jsonLines(m_client.get(QUrl(full[u"url"_s].toString())).body).size());
        m_sandbox.failNextBulkOperation();
        const QJsonObject failed = waitFor(start(u"BulkProducts"_s));
        QCOMPARE(failed[u"status"_s].toString(), u"FAILED"_s);
        QCOMPARE(failed[u"errorCode"_s].toString(), u"INTERNAL_SERVER_ERROR"_s);
        QVERIFY(failed[u"url"_s].isNull());
        const auto partial = m_client.get(QUrl(failed[u"partialDataUrl"_s].toString()));
        QCOMPARE(partial.status, 200);
        const QList<QJsonObject> lines = jsonLines(partial.body);
        QVERIFY(!lines.isEmpty());
        QVERIFY(lines.size() < fullLines);
    }

    void expiredOperationHasNoUrl()
    {
        m_sandbox.expireNextBulkOperation();
        const QJsonObject expired = waitFor(start(u"BulkCollections"_s));
        QCOMPARE(expired[u"status"_s].toString(), u"EXPIRED"_s);
        QVERIFY(expired[u"url"_s].isNull());
        QVERIFY(expired[u"partialDataUrl"_s].isNull());
    }

    void innerQueriesOutsideShopifysLimits_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("message");
        QTest::newRow("three deep")
            << u"{ products { edges { node { id variants { edges { node { id inventoryItem { "
               "inventoryLevels { edges { node { id } } } } } } } } } } }"_s
            << u"Bulk queries cannot contain connections with a nesting depth greater than 2."_s;
        QTest::newRow("six connections")
            << u"{ products { edges { node { id a: variants { edges { node { id } } } b: variants { edges { node { id } } } "
               "c: media { edges { node { id } } } d: collections { edges { node { id } } } "
               "e: collections { edges { node { id } } } } } } }"_s
            << u"Bulk queries cannot contain more than 5 connections."_s;
        QTest::newRow("parent without id") << u"{ products { edges { node { title variants { edges { node { id } } } } } } }"_s
                                           << u"The parent 'node' field for a nested connection must select the 'id' "
                                              "field without an alias. Connection fields without 'id': variants."_s;
        QTest::newRow("syntax") << u"{ products { edges "_s
                                << u"Invalid bulk query: syntax error, unexpected end of file at [1, 20]"_s;
        QTest::newRow("unknown field") << u"{ products { edges { node { id colour } } } }"_s
                                       << u"Invalid bulk query: Field 'colour' doesn't exist on type 'Product'"_s;
    }
    void innerQueriesOutsideShopifysLimits()
    {
        QFETCH(QString, query);
        QFETCH(QString, message);
        const auto reply = runQuery(query);
        const QJsonObject payload = reply.json()[u"data"_s][u"bulkOperationRunQuery"_s].toObject();
        QVERIFY(payload[u"bulkOperation"_s].isNull());
        const QJsonObject error = payload[u"userErrors"_s][0].toObject();
        QCOMPARE(error[u"message"_s].toString(), message);
        QCOMPARE(error[u"code"_s].toString(), u"INVALID"_s);
        QCOMPARE(error[u"field"_s].toArray(), QJsonArray{u"query"_s});
    }

    void largeFileStreamsWhole()
    {
        ShopifySandboxSettings settings;
        settings.catalog.products = 3000;
        ShopifySandbox large(settings);
        QVERIFY(large.listen());
        ShopifyTestClient client(large, large.issueAccessToken());
        const auto started = client.document(u"BulkOperationRunQuery"_s,
                                             {{u"query"_s, ShopifyTestClient::documentText(u"BulkProducts"_s)}});
        const QString id = started.json()[u"data"_s][u"bulkOperationRunQuery"_s][u"bulkOperation"_s][u"id"_s].toString();
        const QString pollWithSize = u"query ($id: ID!) { bulkOperation(id: $id) { status url objectCount fileSize } }"_s;
        QJsonObject state;
        QTRY_VERIFY_WITH_TIMEOUT(
            (state = client.graphql(pollWithSize, {{u"id"_s, id}}).json()[u"data"_s][u"bulkOperation"_s].toObject(),
             state[u"status"_s].toString() == u"COMPLETED"_s),
            60000);
        const auto download = client.get(QUrl(state[u"url"_s].toString()));
        QCOMPARE(download.status, 200);
        QCOMPARE(QString::number(download.body.size()), state[u"fileSize"_s].toString());
        QVERIFY(download.body.size() > 2 * 1024 * 1024); // well past the server's 256 KiB send window
        QCOMPARE(download.body.count('\n'), state[u"objectCount"_s].toString().toInt());
    }

    void unknownResultIs404()
    {
        QCOMPARE(m_client.get(QUrl(m_sandbox.url().toString() + u"/bulk/99.jsonl"_s)).status, 404);
    }

private:
    ShopifyTestClient::Reply runQuery(const QString &query)
    {
        return m_client.document(u"BulkOperationRunQuery"_s, {{u"query"_s, query}});
    }

    QString start(const QString &document)
    {
        const auto reply = runQuery(ShopifyTestClient::documentText(document));
        const QJsonObject payload = reply.json()[u"data"_s][u"bulkOperationRunQuery"_s].toObject();
        if (!payload[u"userErrors"_s].toArray().isEmpty())
            qWarning() << "bulk start refused:" << payload;
        return payload[u"bulkOperation"_s][u"id"_s].toString();
    }

    QJsonObject poll(const QString &id)
    {
        return m_client.document(u"BulkOperationPoll"_s, {{u"id"_s, id}}).json()[u"data"_s][u"node"_s].toObject();
    }

    bool running()
    {
        const auto current = m_client.document(u"CurrentBulkOperation"_s);
        const QString status = current.json()[u"data"_s][u"currentBulkOperation"_s][u"status"_s].toString();
        return status == u"CREATED"_s || status == u"RUNNING"_s || status == u"CANCELING"_s;
    }

    QJsonObject waitFor(const QString &id)
    {
        QJsonObject state;
        const QStringList finished = {u"COMPLETED"_s, u"FAILED"_s, u"EXPIRED"_s, u"CANCELED"_s};
        if (!QTest::qWaitFor([&] { return finished.contains((state = poll(id))[u"status"_s].toString()); }, 30000))
            qWarning() << "bulk operation did not finish:" << state;
        return state;
    }

    ShopifySandbox m_sandbox{shop()};
    ShopifyTestClient m_client{m_sandbox};
};

QTEST_GUILESS_MAIN(TestShopifyBulk)
#include "tst_shopify_bulk.moc"
