// Cursor pagination as the adapter walks it: every product exactly once,
// forwards and backwards, edges and nodes, other sort orders, and keyset
// behaviour when the catalog changes between two pages.
#include "shopifytestclient.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace storeloom::sandbox::shopify;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

ShopifySandboxSettings shop()
{
    ShopifySandboxSettings settings;
    settings.catalog.products = 237;
    settings.catalog.seed = 5;
    settings.bucket = BucketLimits{100000, 100000}; // paging, not throttling, is under test here
    return settings;
}

QStringList catalogIds(ShopifyCatalog &catalog)
{
    QStringList ids;
    catalog.forEachProduct([&](const ProductView &product) { ids.append(ShopifyGid::product(product.id)); });
    return ids;
}

} // namespace

class TestShopifyPagination : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sandbox.listen());
        m_client.setToken(m_sandbox.issueAccessToken());
    }

    void productsPageWalksEveryProductOnce()
    {
        QStringList seen;
        int pages = 0;
        QJsonValue after;
        forever {
            QJsonObject variables{{u"first"_s, 16}, {u"variantsFirst"_s, 3}, {u"levelsFirst"_s, 3},
                                  {u"mediaFirst"_s, 3}, {u"after"_s, after}};
            const auto reply = m_client.document(u"ProductsPage"_s, variables);
            QVERIFY2(!reply.json().contains(u"errors"_s), reply.body.left(300).constData());
            const QJsonObject products = reply.json()[u"data"_s][u"products"_s].toObject();
            for (const QJsonValue &node : products[u"nodes"_s].toArray())
                seen.append(node[u"id"_s].toString());
            ++pages;
            if (!products[u"pageInfo"_s][u"hasNextPage"_s].toBool())
                break;
            after = products[u"pageInfo"_s][u"endCursor"_s];
            QVERIFY(pages < 30);
        }
        QCOMPARE(pages, 15); // 237 / 16, rounded up: 16 stays under the 1000-point maximum
        QCOMPARE(seen, catalogIds(m_sandbox.catalog()));
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 237);
    }

    void edgeCursorsContinueWhereTheyPointTo()
    {
        const auto first = m_client.graphql(u"{ products(first: 3) { edges { cursor node { id } } } }"_s);
        const QJsonArray edges = first.json()[u"data"_s][u"products"_s][u"edges"_s].toArray();
        const QString middle = edges.at(1)[u"cursor"_s].toString();
        const auto next = m_client.graphql(u"query ($c: String) { products(first: 1, after: $c) { nodes { id } } }"_s,
                                           {{u"c"_s, middle}});
        QCOMPARE(next.json()[u"data"_s][u"products"_s][u"nodes"_s][0][u"id"_s],
                 edges.at(2)[u"node"_s][u"id"_s]);
        // Cursors are opaque base64, like Shopify's.
        QVERIFY(QByteArray::fromBase64(middle.toLatin1()).startsWith("{\"last_id\":"));
    }

    void walkingBackwardsWithLastAndBefore()
    {
        QStringList seen;
        QJsonValue before;
        forever {
            const auto reply = m_client.graphql(
                u"query ($b: String) { products(last: 100, before: $b) { "
                "pageInfo { hasPreviousPage startCursor } nodes { id } } }"_s,
                {{u"b"_s, before}});
            const QJsonObject products = reply.json()[u"data"_s][u"products"_s].toObject();
            QStringList page;
            for (const QJsonValue &node : products[u"nodes"_s].toArray())
                page.append(node[u"id"_s].toString());
            seen = page + seen;
            if (!products[u"pageInfo"_s][u"hasPreviousPage"_s].toBool())
                break;
            before = products[u"pageInfo"_s][u"startCursor"_s];
        }
        QCOMPARE(seen, catalogIds(m_sandbox.catalog()));
    }

    void reverseOrder()
    {
        const auto reply = m_client.graphql(u"{ products(first: 3, reverse: true) { nodes { id } } }"_s);
        const QStringList ids = catalogIds(m_sandbox.catalog());
        const QJsonArray nodes = reply.json()[u"data"_s][u"products"_s][u"nodes"_s].toArray();
        QCOMPARE(nodes[0][u"id"_s].toString(), ids.last());
        QCOMPARE(nodes[2][u"id"_s].toString(), ids.at(ids.size() - 3));
    }

    void sortByTitleVisitsAllOnce()
    {
        QStringList titles;
        QSet<QString> ids;
        QJsonValue after;
        forever {
            const auto reply = m_client.graphql(
                u"query ($a: String) { products(first: 100, after: $a, sortKey: TITLE) { "
                "pageInfo { hasNextPage endCursor } nodes { id title } } }"_s,
                {{u"a"_s, after}});
            const QJsonObject products = reply.json()[u"data"_s][u"products"_s].toObject();
            for (const QJsonValue &node : products[u"nodes"_s].toArray()) {
                titles.append(node[u"title"_s].toString().toLower());
                ids.insert(node[u"id"_s].toString());
            }
            if (!products[u"pageInfo"_s][u"hasNextPage"_s].toBool())
                break;
            after = products[u"pageInfo"_s][u"endCursor"_s];
        }
        QCOMPARE(ids.size(), 237);
        QVERIFY(std::is_sorted(titles.begin(), titles.end()));
    }

    void inventoryItemsWalk()
    {
        int items = 0;
        QJsonValue after;
        forever {
            const auto reply = m_client.graphql(
                u"query ($a: String) { inventoryItems(first: 250, after: $a) { "
                "pageInfo { hasNextPage endCursor } nodes { id variant { id } } } }"_s,
                {{u"a"_s, after}});
            const QJsonObject page = reply.json()[u"data"_s][u"inventoryItems"_s].toObject();
            items += int(page[u"nodes"_s].toArray().size());
            if (!page[u"pageInfo"_s][u"hasNextPage"_s].toBool())
                break;
            after = page[u"pageInfo"_s][u"endCursor"_s];
        }
        QCOMPARE(items, 237 * 3);
    }

    // Keyset cursors: a product removed or added between two pages neither
    // repeats a product nor skips one that was there all along.
    void catalogChangesBetweenPages()
    {
        const QString query = u"query ($a: String) { products(first: 20, after: $a) { "
                              "pageInfo { hasNextPage endCursor } nodes { id } } }"_s;
        const QStringList before = catalogIds(m_sandbox.catalog());
        const auto first = m_client.graphql(query);
        const QJsonObject page = first.json()[u"data"_s][u"products"_s].toObject();
        QStringList seen;
        for (const QJsonValue &node : page[u"nodes"_s].toArray())
            seen.append(node[u"id"_s].toString());
        // The cursor's own product and a later one go; a new one arrives at the end.
        QString type;
        qint64 cursorProduct = 0;
        ShopifyGid::parse(seen.last(), &type, &cursorProduct);
        qint64 later = 0;
        ShopifyGid::parse(before.at(30), &type, &later);
        QVERIFY(m_sandbox.catalog().deleteProduct(cursorProduct));
        QVERIFY(m_sandbox.catalog().deleteProduct(later));
        ProductView added;
        added.title = u"Late Arrival"_s;
        added.variants.append(VariantView{});
        added.variants.first().price = u"9.99"_s;
        const qint64 addedId = m_sandbox.catalog().addProduct(added);
        QJsonValue after = page[u"pageInfo"_s][u"endCursor"_s];
        forever {
            const auto reply = m_client.graphql(query, {{u"a"_s, after}});
            const QJsonObject next = reply.json()[u"data"_s][u"products"_s].toObject();
            for (const QJsonValue &node : next[u"nodes"_s].toArray())
                seen.append(node[u"id"_s].toString());
            if (!next[u"pageInfo"_s][u"hasNextPage"_s].toBool())
                break;
            after = next[u"pageInfo"_s][u"endCursor"_s];
        }
        QStringList expected = before;
        expected.removeAll(ShopifyGid::product(later));
        expected.append(ShopifyGid::product(addedId));
        QCOMPARE(seen, expected);
    }

    void badCursorIsAnError()
    {
        const auto reply = m_client.graphql(u"{ products(first: 2, after: \"bm90IGEgY3Vyc29y\") { nodes { id } } }"_s);
        QVERIFY(!reply.firstErrorMessage().isEmpty());
        QVERIFY(reply.json()[u"data"_s][u"products"_s].isNull());
    }

private:
    ShopifySandbox m_sandbox{shop()};
    ShopifyTestClient m_client{m_sandbox};
};

QTEST_GUILESS_MAIN(TestShopifyPagination)
#include "tst_shopify_pagination.moc"
