// Etsy's published listing limits at their boundaries, as the sandbox holds
// them: just inside is taken (and kept as sent), just outside is refused
// with Etsy's {"error": …} naming the field — so a test of the adapter
// cannot pass against a sandbox more lenient than Etsy.
#include "etsytestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace storeloom::sandbox::etsy;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

EtsySandboxOptions unthrottled()
{
    EtsySandboxOptions options;
    options.perSecondLimit = 100000; // this file is not about limits
    return options;
}

QJsonObject oneOffering(const QJsonValue &price, int quantity, const QString &sku = u"SKU-1"_s)
{
    return {{u"products"_s,
             QJsonArray{QJsonObject{{u"sku"_s, sku},
                                    {u"property_values"_s, QJsonArray()},
                                    {u"offerings"_s, QJsonArray{QJsonObject{{u"price"_s, price},
                                                                            {u"quantity"_s, quantity},
                                                                            {u"is_enabled"_s, true}}}}}}},
            {u"price_on_property"_s, QJsonArray()},
            {u"quantity_on_property"_s, QJsonArray()},
            {u"sku_on_property"_s, QJsonArray()}};
}

using Form = QList<QPair<QString, QString>>;

QString tags(int count, int length)
{
    QStringList list;
    for (int i = 0; i < count; ++i)
        list.append(QString(length, QChar(u'a' + i)));
    return list.join(u',');
}

} // namespace

class TestEtsyListingRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sandbox.listen());
        m_client = std::make_unique<EtsyTestClient>(m_sandbox);
    }

    void createBoundaries_data()
    {
        QTest::addColumn<Form>("inside");
        QTest::addColumn<Form>("outside");
        QTest::addColumn<QString>("field");
        QTest::newRow("price") << Form{{u"price"_s, u"50000.00"_s}} << Form{{u"price"_s, u"50000.01"_s}}
                               << u"price"_s;
        QTest::newRow("lowest price") << Form{{u"price"_s, u"0.01"_s}} << Form{{u"price"_s, u"0"_s}} << u"price"_s;
        QTest::newRow("quantity") << Form{{u"quantity"_s, u"999"_s}} << Form{{u"quantity"_s, u"1000"_s}}
                                  << u"quantity"_s;
        QTest::newRow("title length") << Form{{u"title"_s, QString(140, u'a')}}
                                      << Form{{u"title"_s, QString(141, u'a')}} << u"title"_s;
        // A composed é is a letter; a decomposed one carries a mark Etsy refuses.
        QTest::newRow("title accent") << Form{{u"title"_s, u"Caf\u00e9 scarf"_s}}
                                      << Form{{u"title"_s, u"Cafe\u0301 scarf"_s}} << u"title"_s;
        QTest::newRow("title invisible") << Form{{u"title"_s, u"Blue scarf"_s}}
                                         << Form{{u"title"_s, u"Blue\u200Bscarf"_s}} << u"title"_s;
        QTest::newRow("description") << Form{{u"description"_s, u"x"_s}} << Form{{u"description"_s, u""_s}}
                                     << u"description"_s;
        QTest::newRow("blank description") << Form{{u"description"_s, u"x"_s}}
                                           << Form{{u"description"_s, u" \n "_s}} << u"description"_s;
        QTest::newRow("tag count") << Form{{u"tags"_s, tags(13, 3)}} << Form{{u"tags"_s, tags(14, 3)}} << u"tags"_s;
        QTest::newRow("tag length") << Form{{u"tags"_s, QString(20, u'b')}} << Form{{u"tags"_s, QString(21, u'b')}}
                                    << u"tags"_s;
        QTest::newRow("who_made") << Form{{u"who_made"_s, u"collective"_s}} << Form{{u"who_made"_s, u""_s}}
                                  << u"who_made"_s;
        QTest::newRow("no taxonomy") << Form{{u"taxonomy_id"_s, u"1002"_s}} << Form{{u"taxonomy_id"_s, QString()}}
                                     << u"taxonomy_id"_s;
    }

    void createBoundaries()
    {
        QFETCH(Form, inside);
        QFETCH(Form, outside);
        QFETCH(QString, field);
        const auto taken = m_client->form("POST", u"/shops/90210/listings"_s, m_client->listingForm(inside));
        QVERIFY2(taken.status == 201, taken.body.constData());
        const QJsonObject held = *m_sandbox.listing(taken.json()[u"listing_id"_s].toInteger());
        if (field == u"title"_s)
            QCOMPARE(held[u"title"_s].toString(), inside.first().second);

        const int before = int(m_sandbox.listings().size());
        const auto refused = m_client->form("POST", u"/shops/90210/listings"_s, m_client->listingForm(outside));
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().keys(), QStringList{u"error"_s});
        QVERIFY2(refused.errorMessage().contains(field), qPrintable(refused.errorMessage()));
        QCOMPARE(int(m_sandbox.listings().size()), before);
    }

    void updateRefusesWhatCreateRefuses()
    {
        const qint64 id = m_client->createListing();
        QVERIFY(id != 0);
        const QString path = u"/shops/90210/listings/%1"_s.arg(id);
        const auto empty = m_client->form("PATCH", path, {{u"description"_s, u""_s}});
        QCOMPARE(empty.status, 400);
        QVERIFY2(empty.errorMessage().contains(u"description"_s), qPrintable(empty.errorMessage()));
        const auto decomposed = m_client->form("PATCH", path, {{u"title"_s, u"Cafe\u0301"_s}});
        QCOMPARE(decomposed.status, 400);
        QCOMPARE(m_sandbox.listing(id)->value(u"description"_s).toString(), u"A candle."_s);
    }

    void inventoryBoundaries_data()
    {
        QTest::addColumn<QJsonObject>("inside");
        QTest::addColumn<QJsonObject>("outside");
        QTest::addColumn<QString>("field");
        QTest::newRow("price") << oneOffering(50000.0, 1) << oneOffering(50000.01, 1) << u"price"_s;
        QTest::newRow("quantity") << oneOffering(10.0, 999) << oneOffering(10.0, 1000) << u"quantity"_s;
        QTest::newRow("sku") << oneOffering(10.0, 1, QString(32, u'S')) << oneOffering(10.0, 1, QString(33, u'S'))
                             << u"sku"_s;
    }

    void inventoryBoundaries()
    {
        QFETCH(QJsonObject, inside);
        QFETCH(QJsonObject, outside);
        QFETCH(QString, field);
        const qint64 id = m_client->createListing();
        QVERIFY(id != 0);
        const QString path = u"/listings/%1/inventory"_s.arg(id);
        const auto taken = m_client->putJson(path, inside);
        QVERIFY2(taken.status == 200, taken.body.constData());
        const QJsonObject held = m_sandbox.inventory(id);
        QCOMPARE(held[u"products"_s][0][u"sku"_s].toString(), inside[u"products"_s][0][u"sku"_s].toString());
        const auto refused = m_client->putJson(path, outside);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().keys(), QStringList{u"error"_s});
        QVERIFY2(refused.errorMessage().contains(field), qPrintable(refused.errorMessage()));
        QCOMPARE(m_sandbox.inventory(id), held);
    }

    void oneOfferingWithoutPropertiesHasNoVariations()
    {
        const qint64 id = m_client->createListing();
        QCOMPARE(m_client->putJson(u"/listings/%1/inventory"_s.arg(id), oneOffering(12.5, 3)).status, 200);
        QCOMPARE(m_sandbox.listing(id)->value(u"has_variations"_s).toBool(), false);
    }

private:
    EtsySandbox m_sandbox{unthrottled()};
    std::unique_ptr<EtsyTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestEtsyListingRules)
#include "tst_etsy_listingrules.moc"
