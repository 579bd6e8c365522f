// Shopify's JSON into the neutral catalog: money exactly in minor units of
// the shop's currency, weights in grams, options in the product's order,
// stock per location, and bulk JSONL lines reassembled into the same products.
// (The JSON lives in shopifyjsonfixtures.h: moc 6.4 cannot read raw strings.)
#include "shopify/jsonlproducts.h"
#include "shopify/shopifynormalizer.h"
#include "shopify/stockmap.h"
#include "shopifyjsonfixtures.h"

#include <QJsonDocument>
#include <QTest>

using namespace storeloom;
using namespace storeloom::shopify;
using namespace Qt::StringLiterals;

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}
} // namespace

class TestShopifyNormalizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void moneyIsExact_data()
    {
        QTest::addColumn<QString>("decimal");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<qint64>("minor");
        QTest::newRow("EUR") << u"12.50"_s << u"EUR"_s << qint64(1250);
        QTest::newRow("one decimal") << u"12.5"_s << u"EUR"_s << qint64(1250);
        QTest::newRow("whole") << u"7"_s << u"USD"_s << qint64(700);
        QTest::newRow("zero") << u"0.00"_s << u"EUR"_s << qint64(0);
        QTest::newRow("JPY has no minor unit") << u"1200"_s << u"JPY"_s << qint64(1200);
        QTest::newRow("KWD has three") << u"1.250"_s << u"KWD"_s << qint64(1250);
        QTest::newRow("trailing zeros past the precision") << u"3.1000"_s << u"EUR"_s << qint64(310);
        QTest::newRow("no float rounding") << u"19999999.99"_s << u"EUR"_s << qint64(1999999999);
        QTest::newRow("negative") << u"-4.05"_s << u"EUR"_s << qint64(-405);
        QTest::newRow("spaces around") << u" 8.5\n"_s << u"EUR"_s << qint64(850);
        QTest::newRow("fifteen digits") << u"999999999999999.999000"_s << u"KWD"_s
                                        << qint64(999999999999999999);
    }

    void moneyIsExact()
    {
        QFETCH(QString, decimal);
        QFETCH(QString, currency);
        QFETCH(qint64, minor);
        QCOMPARE(minorUnits(decimal, currency), std::optional<qint64>(minor));
    }

    void unreadableMoneyIsRefused()
    {
        QCOMPARE(minorUnits(u"12.345"_s, u"EUR"_s), std::nullopt); // more precision than EUR has
        QCOMPARE(minorUnits(u"12,50"_s, u"EUR"_s), std::nullopt);
        QCOMPARE(minorUnits(u""_s, u"EUR"_s), std::nullopt);
        QCOMPARE(minorUnits(u"1e3"_s, u"EUR"_s), std::nullopt);
        for (const QString &unreadable :
             {u"-"_s, u".5"_s, u"5."_s, u"+5"_s, u"1 000"_s, u"1.2.3"_s, u"1.0000000"_s,
              u"1234567890123456"_s, u"\u0661\u0662"_s})
            QVERIFY2(!minorUnits(unreadable, u"EUR"_s), qPrintable(unreadable));
    }

    void weightsBecomeGrams()
    {
        QCOMPARE(grams(250, u"GRAMS"_s), std::optional<qint64>(250));
        QCOMPARE(grams(1.2, u"KILOGRAMS"_s), std::optional<qint64>(1200));
        QCOMPARE(grams(1, u"POUNDS"_s), std::optional<qint64>(454));
        QCOMPARE(grams(2, u"OUNCES"_s), std::optional<qint64>(57));
        QCOMPARE(grams(2, u"STONES"_s), std::nullopt);
    }

    void aProductNodeIsNormalized()
    {
        const QJsonObject node = json(fixtures::kProductNode);
        QString problem;
        const ImportedProduct product = normalizeProduct(node, u"EUR"_s, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(product.status, u"draft"_s);
        QCOMPARE(product.optionNames, (QStringList{u"Colour"_s, u"Size"_s})); // by position
        QCOMPARE(product.variants.size(), 1);
        const ImportedVariant &variant = product.variants.first();
        QCOMPARE(variant.optionValues, (QStringList{u"Blue"_s, u"S"_s}));
        QCOMPARE(variant.price, (Money{2450, u"EUR"_s}));
        QCOMPARE(variant.compareAtMinorUnits, std::optional<qint64>(3000));
        QCOMPARE(variant.weightGrams, std::optional<qint64>(200));
        QCOMPARE(variant.barcode, QString());
        QCOMPARE(variant.stock.size(), 1);
        QCOMPARE(variant.stock.first().available, 4);
        QCOMPARE(variant.stock.first().onHand, 6);
        QCOMPARE(product.media.size(), 1); // the video is not an image
        QCOMPARE(product.media.first().url, u"https://cdn/1.jpg"_s);
    }

    void aProductWithoutAReadablePriceIsRefused()
    {
        QString problem;
        normalizeProduct(json(fixtures::kProductWithFreePrice),
                         u"EUR"_s, &problem);
        QVERIFY(problem.contains("free"_L1));
    }

    void bulkLinesAreReassembledWithTheirStock()
    {
        StockMap stock;
        QString problem;
        for (const char *line : {
                 fixtures::kInventoryItemLine,
                 fixtures::kInventoryLevelLine}) {
            QVERIFY2(stock.addLine(json(line), &problem), qPrintable(problem));
        }
        JsonlProducts products(u"EUR"_s, &stock);
        for (const char *line : {
                 fixtures::kProductLine,
                 fixtures::kVariantLine,
                 fixtures::kMediaLine,
                 fixtures::kCollectionLine,
                 fixtures::kSecondProductLine}) {
            QVERIFY2(products.addLine(QByteArray(line), &problem), qPrintable(problem));
        }
        QCOMPARE(products.readyCount(), 1); // the hat may still have children coming
        QVERIFY(products.finish(&problem));
        const QList<ImportedProduct> ready = products.takeReady();
        QCOMPARE(ready.size(), 2);
        QCOMPARE(ready.first().variants.first().stock.first().available, 3);
        QCOMPARE(ready.first().media.first().url, u"https://cdn/1.jpg"_s);
        QCOMPARE(ready.first().collectionExternalIds, QStringList{u"gid://shopify/Collection/4"_s});
    }

    void anUngroupedExportIsRefusedNotGuessed()
    {
        JsonlProducts products(u"EUR"_s, nullptr);
        QString problem;
        QVERIFY(products.addLine(fixtures::kScarfLine, &problem));
        QVERIFY(products.addLine(fixtures::kHatLine, &problem));
        QVERIFY(!products.addLine(fixtures::kStrayVariantLine, &problem));
        QVERIFY(problem.contains("not grouped"_L1));
    }
};

QTEST_GUILESS_MAIN(TestShopifyNormalizer)
#include "tst_shopifynormalizer.moc"
