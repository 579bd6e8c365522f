// The sandbox's catalog: generated the same way from the same seed,
// changed between imports through the C++ API (and seen so over GraphQL),
// and loaded back from the JSONL its own bulk exports write.
#include "shopifytestclient.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom::sandbox::shopify;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

ShopifySandboxSettings shop(int products, quint64 seed)
{
    ShopifySandboxSettings settings;
    settings.catalog.products = products;
    settings.catalog.seed = seed;
    return settings;
}

// Runs one of the adapter's bulk documents and saves its JSONL.
QString exportTo(ShopifyTestClient &client, const QString &document, const QString &path)
{
    const auto started = client.document(u"BulkOperationRunQuery"_s,
                                         {{u"query"_s, ShopifyTestClient::documentText(document)}});
    const QString id = started.json()[u"data"_s][u"bulkOperationRunQuery"_s][u"bulkOperation"_s][u"id"_s].toString();
    QJsonObject state;
    if (!QTest::qWaitFor([&] {
            state = client.document(u"BulkOperationPoll"_s, {{u"id"_s, id}}).json()[u"data"_s][u"node"_s].toObject();
            return state[u"status"_s].toString() == u"COMPLETED"_s;
        }, 30000))
        return {};
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(client.get(QUrl(state[u"url"_s].toString())).body);
    return path;
}

} // namespace

class TestShopifyCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameCatalog()
    {
        ShopifyCatalog a;
        ShopifyCatalog b;
        ShopifyCatalog c;
        ShopifyCatalog::GenerateOptions options;
        options.products = 50;
        options.seed = 42;
        a.generate(options);
        b.generate(options);
        options.seed = 43;
        c.generate(options);
        QCOMPARE(a.products(), b.products());
        QVERIFY(a.products() != c.products());
    }

    void generatedCatalogLooksLikeAShop()
    {
        ShopifyCatalog catalog;
        ShopifyCatalog::GenerateOptions options;
        options.products = 200;
        options.variantsPerProduct = 4;
        options.locations = 2;
        catalog.generate(options);
        QCOMPARE(catalog.productCount(), 200);
        QCOMPARE(catalog.locations().size(), 2);
        QCOMPARE(catalog.collections().size(), 10); // ~ products / 20
        QSet<QString> skus;
        QSet<QString> handles;
        int withCompareAt = 0;
        int withoutCompareAt = 0;
        for (const ProductView &product : catalog.products()) {
            QVERIFY(product.id > (qint64(1) << 32)); // clients must not truncate ids
            QCOMPARE(product.variants.size(), 4);
            QVERIFY(product.media.size() <= 3);
            QVERIFY(!handles.contains(product.handle));
            handles.insert(product.handle);
            for (const VariantView &variant : product.variants) {
                QVERIFY(!skus.contains(variant.sku));
                skus.insert(variant.sku);
                QCOMPARE(variant.stock.size(), 2);
                QVERIFY(variant.price.contains(u'.'));
                (variant.compareAtPrice.isNull() ? withoutCompareAt : withCompareAt)++;
                QVERIFY(variant.stock.first().available <= variant.stock.first().onHand);
            }
        }
        QVERIFY(withCompareAt > 0 && withoutCompareAt > 0);
    }

    void changesBetweenImportsShowOverGraphql()
    {
        ShopifySandbox sandbox(shop(10, 1));
        QVERIFY(sandbox.listen());
        ShopifyTestClient client(sandbox, sandbox.issueAccessToken());
        ShopifyCatalog &catalog = sandbox.catalog();
        const ProductView product = catalog.products().first();
        const VariantView variant = product.variants.first();
        const qint64 location = catalog.locations().first().id;

        QVERIFY(catalog.setProductTitle(product.id, u"Renamed Tote"_s));
        QVERIFY(catalog.setVariantPrice(variant.id, u"12.50"_s));
        QVERIFY(catalog.setStock(variant.inventoryItemId, location, 7, 9));
        const auto reply = client.graphql(
            u"query ($id: ID!) { product(id: $id) { title updatedAt variants(first: 1) { nodes { price "
            "inventoryItem { inventoryLevels(first: 1) { nodes { quantities(names: [\"available\", \"on_hand\", "
            "\"committed\"]) { name quantity } } } } } } } }"_s,
            {{u"id"_s, ShopifyGid::product(product.id)}});
        const QJsonObject changed = reply.json()[u"data"_s][u"product"_s].toObject();
        QCOMPARE(changed[u"title"_s].toString(), u"Renamed Tote"_s);
        QVERIFY(changed[u"updatedAt"_s].toString() > product.updatedAt.toString(Qt::ISODate));
        const QJsonObject node = changed[u"variants"_s][u"nodes"_s][0].toObject();
        QCOMPARE(node[u"price"_s].toString(), u"12.50"_s);
        const QJsonArray quantities =
            node[u"inventoryItem"_s][u"inventoryLevels"_s][u"nodes"_s][0][u"quantities"_s].toArray();
        QCOMPARE(quantities[0][u"quantity"_s].toInt(), 7);
        QCOMPARE(quantities[1][u"quantity"_s].toInt(), 9);
        QCOMPARE(quantities[2][u"quantity"_s].toInt(), 2);

        ProductView added;
        added.title = u"Brand New Mug"_s;
        added.vendor = u"Kiln Street"_s;
        added.options = {u"Size"_s};
        VariantView small;
        small.sku = u"NEW-1"_s;
        small.price = u"20.00"_s;
        small.selectedOptions = {{u"Size"_s, u"Small"_s}};
        added.variants = {small};
        added.collectionIds = {catalog.collections().first().id};
        const qint64 addedId = catalog.addProduct(added);
        const auto count = client.graphql(u"{ productsCount { count } }"_s);
        QCOMPARE(count.json()[u"data"_s][u"productsCount"_s][u"count"_s].toInt(), 11);
        const auto fetched = client.graphql(
            u"query ($id: ID!) { product(id: $id) { handle variants(first: 5) { nodes { title sku } } "
            "collections(first: 5) { nodes { id } } } }"_s,
            {{u"id"_s, ShopifyGid::product(addedId)}});
        const QJsonObject newProduct = fetched.json()[u"data"_s][u"product"_s].toObject();
        QCOMPARE(newProduct[u"handle"_s].toString(), u"brand-new-mug"_s);
        QCOMPARE(newProduct[u"variants"_s][u"nodes"_s][0][u"title"_s].toString(), u"Small"_s);
        QCOMPARE(newProduct[u"collections"_s][u"nodes"_s][0][u"id"_s].toString(),
                 ShopifyGid::collection(catalog.collections().first().id));
        QVERIFY(catalog.collections().first().productIds.contains(addedId));

        QVERIFY(catalog.deleteProduct(product.id));
        const auto gone = client.graphql(u"query ($id: ID!) { product(id: $id) { id } }"_s,
                                         {{u"id"_s, ShopifyGid::product(product.id)}});
        QVERIFY(gone.json()[u"data"_s][u"product"_s].isNull());
        QVERIFY(!catalog.product(product.id));
    }

    // What the bulk exports write loads back into the same catalog.
    void bulkOutputLoadsBack()
    {
        ShopifySandbox original(shop(40, 9));
        QVERIFY(original.listen());
        ShopifyTestClient client(original, original.issueAccessToken());
        QTemporaryDir folder;
        const QStringList files = {
            exportTo(client, u"BulkProducts"_s, folder.filePath(u"products.jsonl"_s)),
            exportTo(client, u"BulkCollections"_s, folder.filePath(u"collections.jsonl"_s)),
            exportTo(client, u"BulkInventory"_s, folder.filePath(u"inventory.jsonl"_s)),
        };
        QVERIFY(!files.contains(QString()));

        ShopifySandboxSettings settings;
        settings.loadFiles = files;
        ShopifySandbox loaded(settings);
        QVERIFY2(loaded.isValid(), qPrintable(loaded.loadError()));
        const QList<ProductView> before = original.catalog().products();
        const QList<ProductView> after = loaded.catalog().products();
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            ProductView expected = before.at(i);
            ProductView actual = after.at(i);
            // BulkProducts selects neither handle nor createdAt; they are derived on load.
            expected.handle = actual.handle;
            expected.createdAt = actual.createdAt;
            QCOMPARE(actual.variants, expected.variants);
            QCOMPARE(actual, expected);
        }
        QCOMPARE(loaded.catalog().locations().size(), original.catalog().locations().size());
        const QList<CollectionView> collections = original.catalog().collections();
        const QList<CollectionView> reloaded = loaded.catalog().collections();
        QCOMPARE(reloaded.size(), collections.size());
        for (qsizetype i = 0; i < collections.size(); ++i) {
            QCOMPARE(reloaded.at(i).title, collections.at(i).title);
            QCOMPARE(reloaded.at(i).productIds, collections.at(i).productIds);
        }
    }

    void productsFileAloneLoads()
    {
        ShopifySandbox original(shop(12, 2));
        QVERIFY(original.listen());
        ShopifyTestClient client(original, original.issueAccessToken());
        QTemporaryDir folder;
        const QString file = exportTo(client, u"BulkProducts"_s, folder.filePath(u"p.jsonl"_s));
        ShopifySandboxSettings settings;
        settings.loadFiles = {file};
        ShopifySandbox loaded(settings);
        QVERIFY(loaded.isValid());
        QCOMPARE(loaded.catalog().productCount(), 12);
        QCOMPARE(loaded.catalog().products().first().variants.first().sku,
                 original.catalog().products().first().variants.first().sku);
        QCOMPARE(loaded.catalog().locations().size(), 3); // generated: the file has none
    }

    void badJsonlSaysWhere()
    {
        QTemporaryDir folder;
        QFile file(folder.filePath(u"bad.jsonl"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"id\":\"gid://shopify/Product/1\",\"title\":\"A\"}\n{not json\n");
        file.close();
        ShopifySandboxSettings settings;
        settings.loadFiles = {file.fileName()};
        ShopifySandbox loaded(settings);
        QVERIFY(!loaded.isValid());
        QVERIFY2(loaded.loadError().contains(u"bad.jsonl:2"_s), qPrintable(loaded.loadError()));
    }
};

QTEST_GUILESS_MAIN(TestShopifyCatalog)
#include "tst_shopify_catalog.moc"
