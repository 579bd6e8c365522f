// Every document the Shopify adapter sends, executed by the sandbox over
// HTTP and checked against the sandbox's catalog; variations a client may
// write (aliases, __typename, edges, node/nodes, @skip); and Shopify's error
// answers (unknown field, syntax, version, token, scope).
#include "shopifytestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace storeloom::sandbox::shopify;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

ShopifySandboxSettings smallShop()
{
    ShopifySandboxSettings settings;
    settings.catalog.products = 30;
    settings.catalog.seed = 7;
    return settings;
}

} // namespace

class TestShopifyGraphql : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sandbox.listen());
        m_client.setToken(m_sandbox.issueAccessToken());
    }

    void shopInfo()
    {
        const auto reply = m_client.document(u"ShopInfo"_s);
        QCOMPARE(reply.status, 200);
        const QJsonObject shop = reply.json()[u"data"_s][u"shop"_s].toObject();
        QCOMPARE(shop[u"id"_s].toString(), u"gid://shopify/Shop/1"_s);
        QCOMPARE(shop[u"name"_s].toString(), m_sandbox.catalog().shop().name);
        QCOMPARE(shop[u"myshopifyDomain"_s].toString(), m_sandbox.shopDomain());
        QCOMPARE(shop[u"currencyCode"_s].toString(), u"EUR"_s);
        QCOMPARE(reply.header("X-Shopify-API-Version"), QByteArray("2026-07"));
    }

    void catalogOverviewCountsProducts()
    {
        const auto reply = m_client.document(u"CatalogOverview"_s);
        const QJsonObject count = reply.json()[u"data"_s][u"productsCount"_s].toObject();
        QCOMPARE(count[u"count"_s].toInt(), 30);
        QCOMPARE(count[u"precision"_s].toString(), u"EXACT"_s);
        const auto capped = m_client.graphql(u"{ productsCount(limit: 10) { count precision } }"_s);
        QCOMPARE(capped.json()[u"data"_s][u"productsCount"_s][u"precision"_s].toString(), u"AT_LEAST"_s);
    }

    void locationsPage()
    {
        const auto reply = m_client.document(u"LocationsPage"_s, {{u"first"_s, 10}});
        const QJsonArray nodes = reply.json()[u"data"_s][u"locations"_s][u"nodes"_s].toArray();
        QCOMPARE(nodes.size(), 3);
        QStringList ids;
        for (const QJsonValue &node : nodes) {
            ids.append(node[u"id"_s].toString());
            QVERIFY(node[u"isActive"_s].toBool());
        }
        for (const LocationView &location : m_sandbox.catalog().locations())
            QVERIFY(ids.contains(ShopifyGid::location(location.id)));
    }

    void inactiveLocationsOnlyWhenAskedFor()
    {
        const qint64 closed = m_sandbox.catalog().locations().last().id;
        QVERIFY(m_sandbox.catalog().setLocationActive(closed, false));
        const auto all = m_client.document(u"LocationsPage"_s, {{u"first"_s, 10}});
        QCOMPARE(all.json()[u"data"_s][u"locations"_s][u"nodes"_s].toArray().size(), 3);
        const auto active = m_client.graphql(u"{ locations(first: 10) { nodes { id isActive } } }"_s);
        QCOMPARE(active.json()[u"data"_s][u"locations"_s][u"nodes"_s].toArray().size(), 2);
        m_sandbox.catalog().setLocationActive(closed, true);
    }

    void productsPageMatchesTheCatalog()
    {
        const auto reply = m_client.document(u"ProductsPage"_s, {{u"first"_s, 5}, {u"variantsFirst"_s, 3},
                                                                 {u"levelsFirst"_s, 3}, {u"mediaFirst"_s, 3}});
        QCOMPARE(reply.status, 200);
        QVERIFY2(!reply.json().contains(u"errors"_s), reply.body.constData());
        const QJsonObject products = reply.json()[u"data"_s][u"products"_s].toObject();
        QVERIFY(products[u"pageInfo"_s][u"hasNextPage"_s].toBool());
        const QJsonArray nodes = products[u"nodes"_s].toArray();
        QCOMPARE(nodes.size(), 5);
        const QList<ProductView> catalog = m_sandbox.catalog().products();
        for (qsizetype i = 0; i < nodes.size(); ++i)
            compareProduct(nodes.at(i).toObject(), catalog.at(i));
    }

    void variantsPagePagesOneProductsVariants()
    {
        const ProductView product = m_sandbox.catalog().products().first();
        const QJsonObject variables{{u"id"_s, ShopifyGid::product(product.id)}, {u"first"_s, 2},
                                    {u"levelsFirst"_s, 5}};
        const auto first = m_client.document(u"ProductVariantsPage"_s, variables);
        const QJsonObject page = first.json()[u"data"_s][u"product"_s][u"variants"_s].toObject();
        QCOMPARE(page[u"nodes"_s].toArray().size(), 2);
        QVERIFY(page[u"pageInfo"_s][u"hasNextPage"_s].toBool());
        QJsonObject next = variables;
        next.insert(u"after"_s, page[u"pageInfo"_s][u"endCursor"_s]);
        const auto second = m_client.document(u"ProductVariantsPage"_s, next);
        const QJsonObject rest = second.json()[u"data"_s][u"product"_s][u"variants"_s].toObject();
        QCOMPARE(rest[u"nodes"_s].toArray().size(), 1);
        QVERIFY(!rest[u"pageInfo"_s][u"hasNextPage"_s].toBool());
        QCOMPARE(rest[u"nodes"_s][0][u"id"_s].toString(), ShopifyGid::variant(product.variants.at(2).id));
    }

    void mediaPage()
    {
        ProductView withMedia;
        for (const ProductView &product : m_sandbox.catalog().products()) {
            if (product.media.size() >= 2)
                withMedia = product;
        }
        QVERIFY(withMedia.id);
        const auto reply = m_client.document(u"ProductMediaPage"_s,
                                             {{u"id"_s, ShopifyGid::product(withMedia.id)}, {u"first"_s, 1}});
        const QJsonObject media = reply.json()[u"data"_s][u"product"_s][u"media"_s].toObject();
        QCOMPARE(media[u"nodes"_s][0][u"image"_s][u"url"_s].toString(), withMedia.media.first().url);
        QVERIFY(media[u"pageInfo"_s][u"hasNextPage"_s].toBool());
    }

    void collectionsWithTheirMembers()
    {
        const auto reply = m_client.document(u"CollectionsPage"_s, {{u"first"_s, 10}, {u"productsFirst"_s, 2}});
        const QJsonArray nodes = reply.json()[u"data"_s][u"collections"_s][u"nodes"_s].toArray();
        const QList<CollectionView> collections = m_sandbox.catalog().collections();
        QCOMPARE(nodes.size(), collections.size());
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            const CollectionView &collection = collections.at(i);
            QCOMPARE(nodes[i][u"title"_s].toString(), collection.title);
            QCOMPARE(nodes[i][u"handle"_s].toString(), collection.handle);
            QStringList members;
            QJsonObject page = nodes[i][u"products"_s].toObject();
            QString after;
            forever {
                for (const QJsonValue &member : page[u"nodes"_s].toArray())
                    members.append(member[u"id"_s].toString());
                if (!page[u"pageInfo"_s][u"hasNextPage"_s].toBool())
                    break;
                after = page[u"pageInfo"_s][u"endCursor"_s].toString();
                const auto more = m_client.document(
                    u"CollectionProductsPage"_s,
                    {{u"id"_s, ShopifyGid::collection(collection.id)}, {u"first"_s, 2}, {u"after"_s, after}});
                page = more.json()[u"data"_s][u"collection"_s][u"products"_s].toObject();
            }
            QStringList expected;
            for (qint64 id : collection.productIds)
                expected.append(ShopifyGid::product(id));
            QCOMPARE(members, expected);
        }
    }

    void bulkDocumentsBeforeAnyOperation()
    {
        const auto current = m_client.document(u"CurrentBulkOperation"_s);
        QVERIFY(current.json()[u"data"_s][u"currentBulkOperation"_s].isNull());
        const auto poll = m_client.document(u"BulkOperationPoll"_s, {{u"id"_s, u"gid://shopify/BulkOperation/1"_s}});
        QVERIFY(poll.json()[u"data"_s][u"node"_s].isNull());
        QVERIFY(!poll.json().contains(u"errors"_s));
    }

    void variationsAClientMayWrite()
    {
        const ProductView product = m_sandbox.catalog().products().first();
        const QString gid = ShopifyGid::product(product.id);
        const auto reply = m_client.graphql(
            u"query Both($id: ID!, $skip: Boolean = true) {\n"
            "  first: products(first: 2, reverse: false) { edges { cursor node { __typename id } } }\n"
            "  one: node(id: $id) { __typename ... on Product { name: title } }\n"
            "  many: nodes(ids: [$id, \"gid://shopify/Product/1\"]) { id }\n"
            "  hidden: shop @skip(if: $skip) { id }\n"
            "  shown: shop @include(if: true) { ...ShopName }\n"
            "}\n"
            "fragment ShopName on Shop { name }\n"
            "query Other { shop { id } }"_s,
            {{u"id"_s, gid}}, u"Both"_s);
        const QJsonObject data = reply.json()[u"data"_s].toObject();
        QVERIFY2(!reply.json().contains(u"errors"_s), reply.body.constData());
        QCOMPARE(data.keys(), (QStringList{u"first"_s, u"many"_s, u"one"_s, u"shown"_s}));
        QVERIFY(reply.body.indexOf("\"first\"") < reply.body.indexOf("\"one\"")); // document order kept
        QCOMPARE(data[u"first"_s][u"edges"_s][0][u"node"_s][u"__typename"_s].toString(), u"Product"_s);
        QVERIFY(!data[u"first"_s][u"edges"_s][0][u"cursor"_s].toString().isEmpty());
        QCOMPARE(data[u"one"_s][u"name"_s].toString(), product.title);
        QCOMPARE(data[u"many"_s][0][u"id"_s].toString(), gid);
        QVERIFY(data[u"many"_s][1].isNull());
        QCOMPARE(data[u"shown"_s][u"name"_s].toString(), m_sandbox.catalog().shop().name);
    }

    void unknownFieldIsAGraphqlErrorWithStatus200()
    {
        const auto reply = m_client.graphql(u"{ shop { id colour } }"_s);
        QCOMPARE(reply.status, 200);
        QVERIFY(!reply.json().contains(u"data"_s));
        QCOMPARE(reply.firstErrorMessage(), u"Field 'colour' doesn't exist on type 'Shop'"_s);
        QCOMPARE(reply.firstErrorCode(), u"undefinedField"_s);
        QVERIFY(reply.json()[u"extensions"_s][u"cost"_s].isObject());
    }

    void syntaxError()
    {
        const auto reply = m_client.graphql(u"{ shop { id }"_s);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.firstErrorMessage().startsWith(u"syntax error, "_s));
    }

    void operationChoice()
    {
        const QString two = u"query A { shop { id } } query B { shop { name } }"_s;
        QCOMPARE(m_client.graphql(two).firstErrorMessage(), u"An operation name is required"_s);
        QCOMPARE(m_client.graphql(two, {}, u"C"_s).firstErrorMessage(), u"No operation named \"C\""_s);
        QVERIFY(m_client.graphql(two, {}, u"B"_s).json()[u"data"_s][u"shop"_s][u"name"_s].isString());
    }

    void unknownVersionIs404()
    {
        ShopifyTestClient client(m_sandbox, m_sandbox.issueAccessToken());
        client.setVersion(u"2023-01"_s);
        const auto reply = client.document(u"ShopInfo"_s);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json(), (QJsonObject{{u"errors"_s, u"Not Found"_s}}));
    }

    void badTokenIs401()
    {
        for (const QString &token : {QString(), u"shpua_nope"_s}) {
            ShopifyTestClient client(m_sandbox, token);
            const auto reply = client.document(u"ShopInfo"_s);
            QCOMPARE(reply.status, 401);
            QCOMPARE(reply.json()[u"errors"_s].toString(),
                     u"[API] Invalid API key or access token (unrecognized login or wrong password)"_s);
        }
    }

    void missingScopeIsAccessDenied()
    {
        ShopifyTestClient client(m_sandbox, m_sandbox.issueAccessToken({u"read_products"_s}));
        const auto reply = client.document(u"LocationsPage"_s, {{u"first"_s, 5}});
        QCOMPARE(reply.firstErrorCode(), u"ACCESS_DENIED"_s);
        QVERIFY(reply.json()[u"data"_s][u"locations"_s].isNull());
        QVERIFY(client.document(u"ShopInfo"_s).json()[u"data"_s][u"shop"_s].isObject());
    }

private:
    void compareProduct(const QJsonObject &node, const ProductView &product)
    {
        QCOMPARE(node[u"id"_s].toString(), ShopifyGid::product(product.id));
        QCOMPARE(node[u"title"_s].toString(), product.title);
        QCOMPARE(node[u"descriptionHtml"_s].toString(), product.descriptionHtml);
        QCOMPARE(node[u"vendor"_s].toString(), product.vendor);
        QCOMPARE(node[u"productType"_s].toString(), product.productType);
        QCOMPARE(node[u"status"_s].toString(), product.status);
        QCOMPARE(node[u"tags"_s].toVariant().toStringList(), product.tags);
        QCOMPARE(node[u"updatedAt"_s].toString(), product.updatedAt.toString(Qt::ISODate));
        QCOMPARE(node[u"options"_s].toArray().size(), product.options.size());
        const QJsonArray variants = node[u"variants"_s][u"nodes"_s].toArray();
        QCOMPARE(variants.size(), product.variants.size());
        for (qsizetype v = 0; v < variants.size(); ++v) {
            const QJsonObject variant = variants.at(v).toObject();
            const VariantView &expected = product.variants.at(v);
            QCOMPARE(variant[u"sku"_s].toString(), expected.sku);
            QCOMPARE(variant[u"barcode"_s].toString(), expected.barcode);
            QCOMPARE(variant[u"barcode"_s].isNull(), expected.barcode.isNull());
            QCOMPARE(variant[u"price"_s].toString(), expected.price);
            QCOMPARE(variant[u"compareAtPrice"_s].isNull(), expected.compareAtPrice.isNull());
            QCOMPARE(variant[u"title"_s].toString(), expected.title);
            const QJsonObject weight = variant[u"inventoryItem"_s][u"measurement"_s][u"weight"_s].toObject();
            QCOMPARE(weight[u"unit"_s].toString(), expected.weightUnit);
            QCOMPARE(weight[u"value"_s].toDouble(), expected.weight);
            const QJsonArray levels = variant[u"inventoryItem"_s][u"inventoryLevels"_s][u"nodes"_s].toArray();
            QCOMPARE(levels.size(), expected.stock.size());
            for (qsizetype l = 0; l < levels.size(); ++l) {
                QCOMPARE(levels[l][u"location"_s][u"id"_s].toString(),
                         ShopifyGid::location(expected.stock.at(l).locationId));
                QCOMPARE(levels[l][u"quantities"_s][0][u"name"_s].toString(), u"available"_s);
                QCOMPARE(levels[l][u"quantities"_s][0][u"quantity"_s].toInt(), expected.stock.at(l).available);
                QCOMPARE(levels[l][u"quantities"_s][1][u"quantity"_s].toInt(), expected.stock.at(l).onHand);
            }
        }
        const QJsonArray media = node[u"media"_s][u"nodes"_s].toArray();
        QCOMPARE(media.size(), product.media.size());
        for (qsizetype m = 0; m < media.size(); ++m)
            QCOMPARE(media[m][u"image"_s][u"url"_s].toString(), product.media.at(m).url);
    }

    ShopifySandbox m_sandbox{smallShop()};
    ShopifyTestClient m_client{m_sandbox};
};

QTEST_GUILESS_MAIN(TestShopifyGraphql)
#include "tst_shopify_graphql.moc"
