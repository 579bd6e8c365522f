// A listing's inventory and images against the Etsy sandbox:
// updateListingInventory replaces the whole inventory and is checked like
// Etsy checks it; uploadListingImage takes multipart PNG/JPEG/GIF, at most
// ten; the sandbox's own image host serves deterministic PNGs.
#include "etsytestclient.h"

#include "etsy/store/imagebytes.h"

#include <QJsonArray>
#include <QTest>

using namespace storeloom::sandbox::etsy;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

EtsySandboxOptions unlimited()
{
    EtsySandboxOptions options;
    options.perSecondLimit = 100000;
    return options;
}

QJsonObject product(const QString &sku, const QString &size, const QString &color, double price, int quantity,
                    bool enabled = true)
{
    QJsonArray properties;
    if (!size.isEmpty())
        properties.append(QJsonObject{{u"property_id"_s, 513}, {u"property_name"_s, u"Size"_s},
                                      {u"values"_s, QJsonArray{size}}});
    if (!color.isEmpty())
        properties.append(QJsonObject{{u"property_id"_s, 514}, {u"property_name"_s, u"Color"_s},
                                      {u"values"_s, QJsonArray{color}}});
    return {{u"sku"_s, sku},
            {u"property_values"_s, properties},
            {u"offerings"_s, QJsonArray{QJsonObject{{u"price"_s, price}, {u"quantity"_s, quantity},
                                                    {u"is_enabled"_s, enabled}}}}};
}

QJsonObject inventory(const QJsonArray &products, const QJsonArray &onProperty = {513})
{
    return {{u"products"_s, products},
            {u"price_on_property"_s, onProperty},
            {u"quantity_on_property"_s, onProperty},
            {u"sku_on_property"_s, onProperty}};
}

QStringList skusOf(const QJsonObject &inventory)
{
    QStringList skus;
    for (const QJsonValue &product : inventory[u"products"_s].toArray())
        skus.append(product[u"sku"_s].toString());
    return skus;
}

} // namespace

class TestEtsyMedia : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sandbox.listen());
        m_client = std::make_unique<EtsyTestClient>(m_sandbox);
    }

    void newListingHasOneProduct()
    {
        const qint64 id = m_client->createListing();
        const auto reply = m_client->get(u"/listings/%1/inventory"_s.arg(id));
        QCOMPARE(reply.status, 200);
        const QJsonObject offering = reply.json()[u"products"_s][0][u"offerings"_s][0].toObject();
        QCOMPARE(offering[u"quantity"_s].toInt(), 5);
        QCOMPARE(offering[u"price"_s][u"amount"_s].toInt(), 1250);
        QVERIFY(offering[u"offering_id"_s].toInteger() > 0);
    }

    void putReplacesTheWholeInventory()
    {
        const qint64 id = m_client->createListing();
        const QString path = u"/listings/%1/inventory"_s.arg(id);
        const auto three = m_client->putJson(path, inventory({product(u"S-1"_s, u"S"_s, {}, 10, 3),
                                                               product(u"M-1"_s, u"M"_s, {}, 11, 4),
                                                               product(u"L-1"_s, u"L"_s, {}, 12.5, 5)}));
        QCOMPARE(three.status, 200);
        QCOMPARE(skusOf(three.json()), (QStringList{u"S-1"_s, u"M-1"_s, u"L-1"_s}));
        QVERIFY(three.json()[u"products"_s][0][u"product_id"_s].toInteger() > 0);
        QCOMPARE(three.json()[u"products"_s][2][u"offerings"_s][0][u"price"_s][u"amount"_s].toInt(), 1250);

        QJsonObject listing = *m_sandbox.listing(id);
        QCOMPARE(listing[u"quantity"_s].toInt(), 12);
        QCOMPARE(listing[u"price"_s][u"amount"_s].toInt(), 1000);
        QCOMPARE(listing[u"skus"_s].toArray(), (QJsonArray{u"S-1"_s, u"M-1"_s, u"L-1"_s}));
        QVERIFY(listing[u"has_variations"_s].toBool());

        // Sending only M drops S and L: Etsy's documented behaviour.
        const auto one = m_client->putJson(path, inventory({product(u"M-1"_s, u"M"_s, {}, 11, 4)}));
        QCOMPARE(one.status, 200);
        QCOMPARE(skusOf(m_sandbox.inventory(id)), QStringList{u"M-1"_s});
        listing = m_client->get(u"/listings/%1"_s.arg(id)).json();
        QCOMPARE(listing[u"skus"_s].toArray(), QJsonArray{u"M-1"_s});
        QCOMPARE(listing[u"quantity"_s].toInt(), 4);
    }

    void twoPropertiesCombine()
    {
        const qint64 id = m_client->createListing();
        QJsonArray products;
        for (const QString &size : {u"S"_s, u"M"_s})
            for (const QString &color : {u"Red"_s, u"Blue"_s})
                products.append(product(size + color, size, color, 10, 2));
        const auto reply = m_client->putJson(u"/listings/%1/inventory"_s.arg(id),
                                             inventory(products, QJsonArray{513, 514}));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()[u"products"_s].toArray().size(), 4);
        QVERIFY(!reply.json()[u"products"_s][0][u"property_values"_s][0][u"value_ids"_s].toArray().isEmpty());
    }

    void inventoryValidation_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("named");
        QTest::newRow("no products") << inventory({}) << u"products"_s;
        QJsonObject twoOfferings = product(u"A"_s, u"S"_s, {}, 10, 1);
        twoOfferings[u"offerings"_s] = QJsonArray{twoOfferings[u"offerings"_s][0], twoOfferings[u"offerings"_s][0]};
        QTest::newRow("two offerings") << inventory({twoOfferings}) << u"offering"_s;
        QTest::newRow("quantity 1000") << inventory({product(u"A"_s, u"S"_s, {}, 10, 1000)}) << u"quantity"_s;
        QTest::newRow("price zero") << inventory({product(u"A"_s, u"S"_s, {}, 0, 1)}) << u"price"_s;
        QTest::newRow("long sku") << inventory({product(QString(33, u'x'), u"S"_s, {}, 10, 1)}) << u"sku"_s;
        QTest::newRow("duplicate combination")
            << inventory({product(u"A"_s, u"S"_s, {}, 10, 1), product(u"B"_s, u"S"_s, {}, 10, 1)}) << u"duplicate"_s;
        QTest::newRow("different properties")
            << inventory({product(u"A"_s, u"S"_s, {}, 10, 1), product(u"B"_s, {}, u"Red"_s, 10, 1)})
            << u"same properties"_s;
        QJsonObject third = product(u"A"_s, u"S"_s, u"Red"_s, 10, 1);
        QJsonArray values = third[u"property_values"_s].toArray();
        values.append(QJsonObject{{u"property_id"_s, 200}, {u"values"_s, QJsonArray{u"Wool"_s}}});
        third[u"property_values"_s] = values;
        QTest::newRow("three properties") << inventory({third}, {}) << u"at most 2"_s;
        QJsonArray seventyOne;
        for (int i = 0; i < 71; ++i)
            seventyOne.append(product(u"V%1"_s.arg(i), u"Size %1"_s.arg(i), {}, 10, 1));
        QTest::newRow("71 values") << inventory(seventyOne) << u"at most 70"_s;
        QTest::newRow("nothing for sale")
            << inventory({product(u"A"_s, u"S"_s, {}, 10, 0), product(u"B"_s, u"M"_s, {}, 10, 3, false)})
            << u"enabled"_s;
        QTest::newRow("price varies, not on property")
            << inventory({product(u"A"_s, u"S"_s, {}, 10, 1), product(u"B"_s, u"M"_s, {}, 12, 1)}, {})
            << u"price_on_property"_s;
    }

    void inventoryValidation()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, named);
        const qint64 id = m_client->createListing();
        // An active listing must keep something for sale; a draft need not.
        QVERIFY(m_client->upload(u"/shops/90210/listings/%1/images"_s.arg(id), generatedPng(u"x"_s)).status == 201);
        QCOMPARE(m_client->form("PATCH", u"/shops/90210/listings/%1"_s.arg(id), {{u"state"_s, u"active"_s}}).status,
                 200);
        const QJsonObject before = m_sandbox.inventory(id);
        const auto reply = m_client->putJson(u"/listings/%1/inventory"_s.arg(id), body);
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.errorMessage().contains(named), qPrintable(reply.errorMessage()));
        QCOMPARE(m_sandbox.inventory(id), before);
    }

    void draftMayHaveNothingForSale()
    {
        const qint64 id = m_client->createListing();
        const auto reply = m_client->putJson(u"/listings/%1/inventory"_s.arg(id),
                                             inventory({product(u"A"_s, u"S"_s, {}, 10, 0)}));
        QCOMPARE(reply.status, 200);
    }

    void inventoryOfUnknownListingIs404()
    {
        QCOMPARE(m_client->get(u"/listings/42/inventory"_s).status, 404);
        QCOMPARE(m_client->putJson(u"/listings/42/inventory"_s, inventory({product(u"A"_s, {}, {}, 1, 1)})).status, 404);
    }

    void uploadStoresImagesUpToTen()
    {
        const qint64 id = m_client->createListing();
        const QString path = u"/shops/90210/listings/%1/images"_s.arg(id);
        const QByteArray png = generatedPng(u"first"_s);
        const auto first = m_client->upload(path, png, {{u"alt_text"_s, u"A candle"_s}});
        QCOMPARE(first.status, 201);
        const QJsonObject image = first.json();
        QCOMPARE(image[u"listing_id"_s].toInteger(), id);
        QCOMPARE(image[u"rank"_s].toInt(), 1);
        QCOMPARE(image[u"full_width"_s].toInt(), 64);
        QCOMPARE(image[u"alt_text"_s].toString(), u"A candle"_s);
        QVERIFY(image[u"url_fullxfull"_s].toString().startsWith(u"https://"_s));
        QCOMPARE(m_sandbox.images(id).first().bytes, png.size());

        for (int i = 2; i <= 10; ++i)
            QCOMPARE(m_client->upload(path, generatedPng(QString::number(i))).status, 201);
        const auto eleventh = m_client->upload(path, png);
        QCOMPARE(eleventh.status, 400);
        QCOMPARE(eleventh.errorMessage(), u"A listing may have at most 10 images"_s);
        QCOMPARE(m_sandbox.imageCount(id), 10);

        const auto overwrite = m_client->upload(path, png, {{u"rank"_s, u"3"_s}, {u"overwrite"_s, u"true"_s}});
        QCOMPARE(overwrite.status, 201);
        QCOMPARE(overwrite.json()[u"rank"_s].toInt(), 3);
        QCOMPARE(m_sandbox.imageCount(id), 10);

        const QJsonObject listed = m_client->get(u"/listings/%1/images"_s.arg(id)).json();
        QCOMPARE(listed[u"count"_s].toInt(), 10);
        const qint64 imageId = listed[u"results"_s][0][u"listing_image_id"_s].toInteger();
        QCOMPARE(m_client->del(u"%1/%2"_s.arg(path).arg(imageId)).status, 204);
        QCOMPARE(m_sandbox.imageCount(id), 9);
        QCOMPARE(m_client->get(u"/listings/%1/images"_s.arg(id)).json()[u"results"_s][0][u"rank"_s].toInt(), 1);
        QCOMPARE(m_client->del(u"%1/%2"_s.arg(path).arg(imageId)).status, 404);
    }

    void uploadRefusesANonImage()
    {
        const qint64 id = m_client->createListing();
        const auto reply = m_client->upload(u"/shops/90210/listings/%1/images"_s.arg(id), "%PDF-1.4 not an image");
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.errorMessage().contains(u"image"_s));
        QCOMPARE(m_sandbox.imageCount(id), 0);
    }

    void imageHostServesDeterministicPngs()
    {
        const auto first = m_client->getUrl(QUrl(m_sandbox.url().toString() + u"/_sandbox/images/blue-mug.png"_s));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.header("content-type"), QByteArray("image/png"));
        QCOMPARE(sniffImage(first.body).format, u"png"_s);
        QCOMPARE(first.body, generatedPng(u"blue-mug"_s));
        QVERIFY(first.body != generatedPng(u"red-mug"_s));
    }

private:
    EtsySandbox m_sandbox{unlimited()};
    std::unique_ptr<EtsyTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestEtsyMedia)
#include "tst_etsy_media.moc"
