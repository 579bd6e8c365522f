// `storeloom-sandbox shopify --load`: a JSONL file in Shopify's bulk output
// shape is served back over GraphQL as the file says it — exact decimal
// prices, image alt text, untracked items and the stock levels attached to a
// variant's inventory item, at the file's locations and nowhere else.
#include "shopifytestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom::sandbox::shopify;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

QJsonObject quantity(const char *name, int value)
{
    return {{u"name"_s, QString::fromLatin1(name)}, {u"quantity"_s, value}};
}

QJsonObject level(const QString &parent, qint64 location, const QString &name, int available, int onHand)
{
    return {{u"__parentId"_s, parent},
            {u"location"_s, QJsonObject{{u"id"_s, ShopifyGid::location(location)}, {u"name"_s, name}}},
            {u"quantities"_s, QJsonArray{quantity("available", available), quantity("on_hand", onHand)}}};
}

QJsonObject variant(qint64 id, const char *size, const QJsonValue &price, const QJsonValue &compareAt,
                    const QJsonObject &inventoryItem)
{
    return {{u"id"_s, ShopifyGid::variant(id)}, {u"__parentId"_s, ShopifyGid::product(10)},
            {u"sku"_s, u"T-"_s + QLatin1String(size)}, {u"price"_s, price}, {u"compareAtPrice"_s, compareAt},
            {u"position"_s, int(id - 10)},
            {u"selectedOptions"_s, QJsonArray{QJsonObject{{u"name"_s, u"Size"_s}, {u"value"_s, QLatin1String(size)}}}},
            {u"inventoryItem"_s, inventoryItem}};
}

// One product as a productVariants-with-levels export writes it: levels nest
// under the variant's inventoryItem, so their __parentId is the variant (the
// BulkInventory shape, parent InventoryItem, is mixed in for the medium size).
QList<QJsonObject> jsonlLines()
{
    QJsonObject first = level(ShopifyGid::variant(11), 7, u"Back Room"_s, 4, 6);
    first.insert(u"id"_s, u"gid://shopify/InventoryLevel/31?inventory_item_id=21"_s);
    return {
        {{u"id"_s, ShopifyGid::product(10)}, {u"title"_s, u"Odd Tote"_s}, {u"status"_s, u"ACTIVE"_s},
         {u"options"_s, QJsonArray{QJsonObject{{u"name"_s, u"Size"_s}, {u"position"_s, 1}}}}},
        variant(11, "S", u"19.999"_s, u"25.5"_s,
                {{u"id"_s, ShopifyGid::inventoryItem(21)}, {u"tracked"_s, false}}),
        variant(12, "M", u"1500"_s, QJsonValue::Null, {{u"id"_s, ShopifyGid::inventoryItem(22)}}),
        variant(13, "L", u"0.10"_s, QJsonValue::Null,
                {{u"id"_s, ShopifyGid::inventoryItem(23)}, {u"tracked"_s, true}}),
        first,
        level(ShopifyGid::inventoryItem(22), 8, u"Front Desk"_s, 9, 9),
        {{u"id"_s, ShopifyGid::media(41)}, {u"__parentId"_s, ShopifyGid::product(10)},
         {u"mediaContentType"_s, u"IMAGE"_s},
         {u"image"_s, QJsonObject{{u"url"_s, u"https://cdn.example/tote.jpg"_s},
                                  {u"altText"_s, u"A tote, front"_s}}}},
    };
}

const char *const Query =
    "{ product(id: \"gid://shopify/Product/10\") {"
    " media(first: 5) { nodes { ... on MediaImage { alt image { altText url } } } }"
    " variants(first: 5) { nodes { sku price compareAtPrice inventoryItem { tracked"
    " inventoryLevels(first: 5) { nodes { location { id name }"
    " quantities(names: [\"available\", \"on_hand\"]) { name quantity } } } } } } } }";

QJsonObject quantities(const QJsonValue &level)
{
    QJsonObject byName;
    for (const QJsonValue &q : level[u"quantities"_s].toArray())
        byName.insert(q[u"name"_s].toString(), q[u"quantity"_s]);
    return byName;
}

} // namespace

class TestShopifyLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        QFile file(m_folder.filePath(u"variants.jsonl"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (const QJsonObject &line : jsonlLines())
            file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
        file.close();
        ShopifySandboxSettings settings;
        settings.loadFiles = {file.fileName()};
        m_sandbox = std::make_unique<ShopifySandbox>(settings);
        QVERIFY2(m_sandbox->isValid(), qPrintable(m_sandbox->loadError()));
        QVERIFY(m_sandbox->listen());
        ShopifyTestClient client(*m_sandbox, m_sandbox->issueAccessToken());
        const auto reply = client.graphql(QString::fromUtf8(Query));
        QVERIFY2(!reply.json().contains(u"errors"_s), reply.body.constData());
        m_product = reply.json()[u"data"_s][u"product"_s].toObject();
        m_variants = m_product[u"variants"_s][u"nodes"_s].toArray();
        QCOMPARE(m_variants.size(), 3);
    }

    void pricesAreTheFilesDigits()
    {
        QCOMPARE(m_variants[0][u"price"_s].toString(), u"19.999"_s);
        QCOMPARE(m_variants[0][u"compareAtPrice"_s].toString(), u"25.5"_s);
        QCOMPARE(m_variants[1][u"price"_s].toString(), u"1500"_s);
        QVERIFY(m_variants[1][u"compareAtPrice"_s].isNull());
        QCOMPARE(m_variants[2][u"price"_s].toString(), u"0.10"_s);
    }

    void altTextIsKept()
    {
        const QJsonValue media = m_product[u"media"_s][u"nodes"_s][0];
        QCOMPARE(media[u"alt"_s].toString(), u"A tote, front"_s);
        QCOMPARE(media[u"image"_s][u"altText"_s].toString(), u"A tote, front"_s);
    }

    void trackedIsKept()
    {
        QCOMPARE(m_variants[0][u"inventoryItem"_s][u"tracked"_s].toBool(true), false);
        QCOMPARE(m_variants[1][u"inventoryItem"_s][u"tracked"_s].toBool(false), true);
    }

    // Only the file's two locations, by their names; each variant holds
    // exactly the stock its levels say, zero where the file gives none.
    void stockIsTheFilesAtTheFilesLocations()
    {
        const QList<LocationView> locations = m_sandbox->catalog().locations();
        QCOMPARE(locations.size(), 2);
        QCOMPARE(locations.at(0).name, u"Back Room"_s);
        QCOMPARE(locations.at(1).name, u"Front Desk"_s);
        const QJsonArray small = m_variants[0][u"inventoryItem"_s][u"inventoryLevels"_s][u"nodes"_s].toArray();
        QCOMPARE(small.size(), 2);
        QCOMPARE(small[0][u"location"_s][u"name"_s].toString(), u"Back Room"_s);
        QCOMPARE(quantities(small[0]), (QJsonObject{{u"available"_s, 4}, {u"on_hand"_s, 6}}));
        QCOMPARE(quantities(small[1]), (QJsonObject{{u"available"_s, 0}, {u"on_hand"_s, 0}}));
        const QJsonArray medium = m_variants[1][u"inventoryItem"_s][u"inventoryLevels"_s][u"nodes"_s].toArray();
        QCOMPARE(quantities(medium[1]), (QJsonObject{{u"available"_s, 9}, {u"on_hand"_s, 9}}));
        const QJsonArray large = m_variants[2][u"inventoryItem"_s][u"inventoryLevels"_s][u"nodes"_s].toArray();
        for (const QJsonValue &level : large)
            QCOMPARE(quantities(level), (QJsonObject{{u"available"_s, 0}, {u"on_hand"_s, 0}}));
    }

private:
    QTemporaryDir m_folder;
    std::unique_ptr<ShopifySandbox> m_sandbox;
    QJsonObject m_product;
    QJsonArray m_variants;
};

QTEST_GUILESS_MAIN(TestShopifyLoad)
#include "tst_shopify_load.moc"
