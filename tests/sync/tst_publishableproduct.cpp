// A catalog product as a channel adapter reads it: images in order, stock
// over active locations, collections, and the content hash it had.
#include "catalogstore.h"
#include "enginefixture.h"
#include "publishableproduct.h"
#include "publishseed.h"

#include <QSqlQuery>
#include <QTest>
#include <memory>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

using test::contentHashOf;

Variant variant(const QString &sku, qint64 price)
{
    return test::eurVariant(sku, price, sku);
}

void exec(const QSqlDatabase &db, const QString &statement, const QVariantList &values = {})
{
    QSqlQuery query(db);
    QVERIFY(query.prepare(statement));
    for (const QVariant &value : values)
        query.addBindValue(value);
    QVERIFY(query.exec());
}

qint64 insertReturningId(const QSqlDatabase &db, const QString &statement,
                         const QVariantList &values)
{
    QSqlQuery query(db);
    query.prepare(statement);
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.exec();
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace

class TestPublishableProduct : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_engine = std::make_unique<test::EngineFixture>();
        Product product;
        product.title = u"Wool scarf"_s;
        product.description = u"Warm."_s;
        product.optionNames = {u"Colour"_s};
        product.variants = {variant(u"SC-R"_s, 2500), variant(u"SC-B"_s, 2900),
                            variant(u"SC-G"_s, 3100)};
        product.variants[0].optionValues = {u"Red"_s};
        product.variants[1].optionValues = {u"Blue"_s};
        product.variants[2].optionValues = {u"Green"_s};
        m_product = CatalogStore(db()).addProduct(product);
    }
    void cleanup() { m_engine.reset(); }

    void unknownProductIsNothing()
    {
        QVERIFY(!PublishableProductReader(db()).read(m_product + 1000));
    }

    void readsTheProductAndItsContentHash()
    {
        const auto read = PublishableProductReader(db()).read(m_product);
        QVERIFY(read);
        QCOMPARE(read->product.id, m_product);
        QCOMPARE(read->product.title, u"Wool scarf"_s);
        QCOMPARE(read->product.description, u"Warm."_s);
        QCOMPARE(read->product.variants.size(), 3);
        QCOMPARE(read->product.variants.at(1).sku, u"SC-B"_s);
        QCOMPARE(read->product.variants.at(1).optionValues, QStringList{u"Blue"_s});
        QVERIFY(!read->contentHash.isEmpty());
        QCOMPARE(read->contentHash, contentHashOf(db(), m_product));
        QVERIFY(read->images.isEmpty());
        QVERIFY(read->collections.isEmpty());

        CatalogStore(db()).editProduct(m_product, {u"Wool scarf, long"_s, {}, {}});
        const auto edited = PublishableProductReader(db()).read(m_product);
        QVERIFY(edited);
        QCOMPARE(edited->product.title, u"Wool scarf, long"_s);
        QVERIFY(edited->contentHash != read->contentHash);
        QCOMPARE(edited->contentHash, contentHashOf(db(), m_product));
    }

    void imagesInOrder()
    {
        Product other;
        other.title = u"Canvas tote"_s;
        other.variants = {variant(u"CT"_s, 1200)};
        const qint64 otherId = CatalogStore(db()).addProduct(other);

        PublishableProductReader reader(db());
        reader.addImage(m_product, {u"https://img.example/front.jpg"_s, u"Front"_s});
        reader.addImage(otherId, {u"https://img.example/tote.jpg"_s, u"Tote"_s});
        reader.addImage(m_product, {u"https://img.example/back.jpg"_s, QString()});
        reader.addImage(m_product, {u"https://img.example/detail.jpg"_s, u"Detail"_s});

        const auto read = reader.read(m_product);
        QVERIFY(read);
        QCOMPARE(read->images.size(), 3);
        QCOMPARE(read->images.at(0).url, u"https://img.example/front.jpg"_s);
        QCOMPARE(read->images.at(0).altText, u"Front"_s);
        QCOMPARE(read->images.at(1).url, u"https://img.example/back.jpg"_s);
        QCOMPARE(read->images.at(1).altText, QString());
        QCOMPARE(read->images.at(2).url, u"https://img.example/detail.jpg"_s);
        QCOMPARE(reader.read(otherId)->images.size(), 1);
    }

    void imagesFollowTheirPositionNotTheirInsertion()
    {
        exec(db(), u"INSERT INTO media (product_id, position, url) VALUES (?, 2, 'c')"_s,
             {m_product});
        exec(db(), u"INSERT INTO media (product_id, position, url) VALUES (?, 0, 'a')"_s,
             {m_product});
        exec(db(), u"INSERT INTO media (product_id, position, url) VALUES (?, 1, 'b')"_s,
             {m_product});
        const auto read = PublishableProductReader(db()).read(m_product);
        QVERIFY(read);
        QCOMPARE(read->images.size(), 3);
        QCOMPARE(read->images.at(0).url, u"a"_s);
        QCOMPARE(read->images.at(1).url, u"b"_s);
        QCOMPARE(read->images.at(2).url, u"c"_s);
    }

    void stockOverActiveLocations()
    {
        CatalogStore catalog(db());
        const qint64 warehouse = catalog.addLocation(u"Warehouse"_s);
        const qint64 shop = catalog.addLocation(u"Shop"_s);
        const qint64 closed = catalog.addLocation(u"Closed store"_s);
        exec(db(), u"UPDATE locations SET active = 0 WHERE id = ?"_s, {closed});

        const auto product = catalog.product(m_product);
        QVERIFY(product);
        const qint64 red = product->variants.at(0).id;
        const qint64 blue = product->variants.at(1).id;
        const qint64 green = product->variants.at(2).id;
        catalog.setStock(red, warehouse, 5, 5);
        catalog.setStock(red, shop, 2, 2);
        catalog.setStock(red, closed, 100, 100); // not counted: inactive
        catalog.setStock(blue, closed, 7, 7);    // only at the closed store
        catalog.setStock(green, warehouse, -3, 0); // oversold

        const auto read = PublishableProductReader(db()).read(m_product);
        QVERIFY(read);
        QCOMPARE(read->availableByVariant.size(), 3);
        QCOMPARE(read->availableByVariant.value(red), 7);
        QVERIFY(read->availableByVariant.contains(blue));
        QCOMPARE(read->availableByVariant.value(blue), 0);
        QCOMPARE(read->availableByVariant.value(green), -3);
        QCOMPARE(read->totalAvailable(), 7); // an oversold variant counts as none
    }

    void noStockAnywhere()
    {
        const auto read = PublishableProductReader(db()).read(m_product);
        QVERIFY(read);
        QCOMPARE(read->availableByVariant.size(), 3);
        QCOMPARE(read->totalAvailable(), 0);
    }

    void collectionsByTitle()
    {
        const auto addCollection = [&](const QString &title) {
            return insertReturningId(db(), u"INSERT INTO collections (title) VALUES (?) "
                                           "RETURNING id"_s,
                                     {title});
        };
        const qint64 winter = addCollection(u"Winter"_s);
        const qint64 accessories = addCollection(u"Accessories"_s);
        const qint64 summer = addCollection(u"Summer"_s);
        exec(db(), u"INSERT INTO collection_products (collection_id, product_id) VALUES (?, ?)"_s,
             {winter, m_product});
        exec(db(), u"INSERT INTO collection_products (collection_id, product_id) VALUES (?, ?)"_s,
             {accessories, m_product});
        Q_UNUSED(summer); // the product is not in it

        const auto read = PublishableProductReader(db()).read(m_product);
        QVERIFY(read);
        QCOMPARE(read->collections, (QStringList{u"Accessories"_s, u"Winter"_s}));
    }

private:
    QSqlDatabase db() const { return m_engine->db(); }

    std::unique_ptr<test::EngineFixture> m_engine;
    qint64 m_product = 0;
};

QTEST_GUILESS_MAIN(TestPublishableProduct)
#include "tst_publishableproduct.moc"
