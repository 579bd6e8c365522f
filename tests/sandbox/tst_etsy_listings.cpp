// Listings against the Etsy sandbox: createDraftListing's required fields
// and Etsy's title and tag rules (errors as {"error": …} naming the field),
// updateListing, getListing/deleteListing, getListingsByShop paging and
// sorting, and the shop's fixtures (shop, profiles, taxonomy).
#include "etsytestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace storeloom::sandbox::etsy;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

EtsySandboxOptions seeded()
{
    EtsySandboxOptions options;
    options.seedListings = 60;
    options.perSecondLimit = 100000; // this file is not about limits
    return options;
}

} // namespace

class TestEtsyListings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sandbox.listen());
        m_client = std::make_unique<EtsyTestClient>(m_sandbox);
    }

    void createReturnsADraftShopListing()
    {
        const auto reply = m_client->form("POST", u"/shops/90210/listings"_s,
                                          m_client->listingForm({{u"tags"_s, u"candle"_s}, {u"tags"_s, u"soy wax"_s}}));
        QCOMPARE(reply.status, 201);
        const QJsonObject listing = reply.json();
        const qint64 id = listing[u"listing_id"_s].toInteger();
        QVERIFY(id > 1000000000);
        QCOMPARE(listing[u"state"_s].toString(), u"draft"_s);
        QCOMPARE(listing[u"shop_id"_s].toInteger(), 90210);
        QCOMPARE(listing[u"user_id"_s].toInteger(), 4242);
        QCOMPARE(listing[u"quantity"_s].toInt(), 5);
        QCOMPARE(listing[u"url"_s].toString(), u"https://www.etsy.com/listing/%1"_s.arg(id));
        QCOMPARE(listing[u"tags"_s].toArray(), (QJsonArray{u"candle"_s, u"soy wax"_s}));
        QCOMPARE(listing[u"price"_s].toObject(),
                 (QJsonObject{{u"amount"_s, 1250}, {u"divisor"_s, 100}, {u"currency_code"_s, u"USD"_s}}));
        QCOMPARE(listing[u"skus"_s].toArray(), QJsonArray());
        QCOMPARE(listing[u"who_made"_s].toString(), u"i_did"_s);
        QCOMPARE(listing[u"readiness_state_id"_s].toInteger(), 1400000001);
        QVERIFY(listing[u"created_timestamp"_s].toInteger() > 0);
        QCOMPARE(m_client->get(u"/listings/%1"_s.arg(id)).json(), listing);

        const qint64 other = m_client->createListing();
        QVERIFY(other != 0 && other != id);
    }

    void commaSeparatedTagsAreAccepted()
    {
        const auto reply = m_client->form("POST", u"/shops/90210/listings"_s,
                                          m_client->listingForm({{u"tags"_s, u"one,two, three"_s}}));
        QCOMPARE(reply.json()[u"tags"_s].toArray(), (QJsonArray{u"one"_s, u"two"_s, u"three"_s}));
    }

    void createValidation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named"); // what the message must mention
        QTest::newRow("no title") << u"title"_s << QString() << u"title"_s;
        QTest::newRow("no price") << u"price"_s << QString() << u"price"_s;
        QTest::newRow("title too long") << u"title"_s << QString(141, u'a') << u"title"_s;
        QTest::newRow("title two colons") << u"title"_s << u"a: b: c"_s << u"title"_s;
        QTest::newRow("title two ampersands") << u"title"_s << u"salt & pepper & more"_s << u"title"_s;
        QTest::newRow("title currency sign") << u"title"_s << u"Only $5"_s << u"title"_s;
        QTest::newRow("price zero") << u"price"_s << u"0"_s << u"price"_s;
        QTest::newRow("price too high") << u"price"_s << u"50000.01"_s << u"price"_s;
        QTest::newRow("price not a number") << u"price"_s << u"cheap"_s << u"price"_s;
        QTest::newRow("quantity zero") << u"quantity"_s << u"0"_s << u"quantity"_s;
        QTest::newRow("quantity 1000") << u"quantity"_s << u"1000"_s << u"quantity"_s;
        QTest::newRow("who_made") << u"who_made"_s << u"robots"_s << u"who_made"_s;
        QTest::newRow("when_made") << u"when_made"_s << u"yesterday"_s << u"when_made"_s;
        QTest::newRow("unknown taxonomy") << u"taxonomy_id"_s << u"999999"_s << u"taxonomy_id"_s;
        QTest::newRow("foreign profile") << u"shipping_profile_id"_s << u"12345"_s << u"shipping_profile_id"_s;
        QTest::newRow("no profile") << u"shipping_profile_id"_s << QString() << u"shipping_profile_id"_s;
        QTest::newRow("no readiness") << u"readiness_state_id"_s << QString() << u"readiness_state_id"_s;
        QTest::newRow("unknown readiness") << u"readiness_state_id"_s << u"77"_s << u"readiness_state_id"_s;
        QTest::newRow("tag too long") << u"tags"_s << u"abcdefghijklmnopqrstu"_s << u"tags"_s;
        QTest::newRow("tag bad character") << u"tags"_s << u"50% off"_s << u"tags"_s;
        QTest::newRow("duplicate tags") << u"tags"_s << u"Wax,wax"_s << u"tags"_s;
        QTest::newRow("fourteen tags") << u"tags"_s << u"a,b,c,d,e,f,g,h,i,j,k,l,m,n"_s << u"tags"_s;
    }

    void createValidation()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, named);
        const int before = int(m_sandbox.listings().size());
        const auto reply = m_client->form("POST", u"/shops/90210/listings"_s, m_client->listingForm({{field, value}}));
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.errorMessage().contains(named), qPrintable(reply.errorMessage()));
        QCOMPARE(reply.json().keys(), QStringList{u"error"_s});
        QCOMPARE(int(m_sandbox.listings().size()), before);
    }

    void digitalListingsNeedNoShippingProfile()
    {
        const qint64 id = m_client->createListing(
            {{u"type"_s, u"download"_s}, {u"shipping_profile_id"_s, QString()}, {u"readiness_state_id"_s, QString()}});
        QVERIFY(id != 0);
        QCOMPARE(m_sandbox.listing(id)->value(u"listing_type"_s).toString(), u"download"_s);
    }

    void titleAllowsEtsyCharacters()
    {
        QVERIFY(m_client->createListing({{u"title"_s, u"Ring™ size 7 – silver ©2024 (50% + tax): café"_s}}) != 0);
    }

    void updateChangesGivenFieldsOnly()
    {
        const qint64 id = m_client->createListing();
        const auto reply = m_client->form("PATCH", u"/shops/90210/listings/%1"_s.arg(id),
                                          {{u"title"_s, u"Renamed candle"_s}, {u"tags"_s, u"renamed"_s}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()[u"title"_s].toString(), u"Renamed candle"_s);
        QCOMPARE(reply.json()[u"description"_s].toString(), u"A candle."_s);
        QCOMPARE(m_sandbox.listing(id)->value(u"tags"_s).toArray(), QJsonArray{u"renamed"_s});

        const auto bad = m_client->form("PATCH", u"/shops/90210/listings/%1"_s.arg(id), {{u"title"_s, QString(200, u'x')}});
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.errorMessage().contains(u"title"_s));
    }

    void updateUnknownOrForeignListingIs404()
    {
        const qint64 id = m_client->createListing();
        const auto unknown = m_client->form("PATCH", u"/shops/90210/listings/1"_s, {{u"title"_s, u"x"_s}});
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorMessage(), u"Listing not found"_s);
        const auto foreign = m_client->form("PATCH", u"/shops/777/listings/%1"_s.arg(id), {{u"title"_s, u"x"_s}});
        QCOMPARE(foreign.status, 404);
    }

    void activatingNeedsAnImage()
    {
        const qint64 id = m_client->createListing();
        const auto reply = m_client->form("PATCH", u"/shops/90210/listings/%1"_s.arg(id), {{u"state"_s, u"active"_s}});
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.errorMessage().contains(u"image"_s));
    }

    void deleteRemovesTheListing()
    {
        const qint64 id = m_client->createListing();
        QCOMPARE(m_client->del(u"/listings/%1"_s.arg(id)).status, 204);
        QCOMPARE(m_client->get(u"/listings/%1"_s.arg(id)).status, 404);
        QCOMPARE(m_client->del(u"/listings/%1"_s.arg(id)).status, 404);
    }

    void listingsByShopPages()
    {
        QSet<qint64> seen;
        int total = -1;
        for (int offset = 0; offset < 60; offset += 25) {
            const auto reply = m_client->get(u"/shops/90210/listings?state=active&limit=25&offset=%1"_s.arg(offset));
            QCOMPARE(reply.status, 200);
            total = reply.json()[u"count"_s].toInt();
            for (const QJsonValue &listing : reply.json()[u"results"_s].toArray()) {
                seen.insert(listing[u"listing_id"_s].toInteger());
                QVERIFY(listing[u"skus"_s].toArray().size() == 1);
                QVERIFY(listing[u"created_timestamp"_s].toInteger() > 0);
            }
        }
        QCOMPARE(total, 60);
        QCOMPARE(seen.size(), 60);
        const auto last = m_client->get(u"/shops/90210/listings?limit=25&offset=50"_s).json();
        QCOMPARE(last[u"results"_s].toArray().size(), 10);
    }

    void listingsByShopSorts()
    {
        const QJsonArray newest = m_client->get(u"/shops/90210/listings?limit=3"_s).json()[u"results"_s].toArray();
        QCOMPARE(newest.first()[u"title"_s].toString(), u"Sandbox listing 60"_s);
        const QJsonArray oldest =
            m_client->get(u"/shops/90210/listings?limit=3&sort_on=created&sort_order=asc"_s).json()[u"results"_s].toArray();
        QCOMPARE(oldest.first()[u"title"_s].toString(), u"Sandbox listing 1"_s);
        const QJsonArray cheapest =
            m_client->get(u"/shops/90210/listings?limit=100&sort_on=price&sort_order=up"_s).json()[u"results"_s].toArray();
        for (qsizetype i = 1; i < cheapest.size(); ++i)
            QVERIFY(cheapest[i - 1][u"price"_s][u"amount"_s].toInt() <= cheapest[i][u"price"_s][u"amount"_s].toInt());
    }

    void listingsByShopFiltersByState()
    {
        m_client->createListing();
        const QJsonObject drafts = m_client->get(u"/shops/90210/listings?state=draft&limit=100"_s).json();
        QVERIFY(drafts[u"count"_s].toInt() >= 1);
        for (const QJsonValue &listing : drafts[u"results"_s].toArray())
            QCOMPARE(listing[u"state"_s].toString(), u"draft"_s);
    }

    void listingsByShopRefusesBadParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("limit 101") << u"limit=101"_s;
        QTest::newRow("limit 0") << u"limit=0"_s;
        QTest::newRow("negative offset") << u"offset=-1"_s;
        QTest::newRow("unknown state") << u"state=deleted"_s;
        QTest::newRow("unknown sort") << u"sort_on=title"_s;
    }

    void listingsByShopRefusesBadParameters()
    {
        QFETCH(QString, query);
        const auto reply = m_client->get(u"/shops/90210/listings?"_s + query);
        QCOMPARE(reply.status, 400);
        QVERIFY(!reply.errorMessage().isEmpty());
    }

    void shopAndFixtures()
    {
        const QJsonObject shop = m_client->get(u"/shops/90210"_s).json();
        QCOMPARE(shop[u"shop_name"_s].toString(), u"SandboxCrafts"_s);
        QCOMPARE(shop[u"currency_code"_s].toString(), u"USD"_s);
        QCOMPARE(shop[u"url"_s].toString(), u"https://www.etsy.com/shop/SandboxCrafts"_s);
        QCOMPARE(shop[u"listing_active_count"_s].toInt(), 60);
        QCOMPARE(m_client->get(u"/shops/1"_s).status, 404);

        const QJsonObject profiles = m_client->get(u"/shops/90210/shipping-profiles"_s).json();
        QCOMPARE(profiles[u"count"_s].toInt(), 2);
        QVERIFY(profiles[u"results"_s][0].toObject().contains(u"processing_days_display_label"_s));

        const QJsonObject readiness = m_client->get(u"/shops/90210/readiness-state-definitions"_s).json();
        QCOMPARE(readiness[u"count"_s].toInt(), 2);
        QCOMPARE(readiness[u"results"_s][1][u"readiness_state"_s].toString(), u"made_to_order"_s);
        QCOMPARE(readiness[u"results"_s][0][u"processing_time_unit"_s].toString(), u"days"_s);

        const QJsonObject taxonomy = m_client->get(u"/seller-taxonomy/nodes"_s).json();
        QVERIFY(taxonomy[u"count"_s].toInt() >= 3);
        const QJsonObject jewelry = taxonomy[u"results"_s][0].toObject();
        QCOMPARE(jewelry[u"name"_s].toString(), u"Jewelry"_s);
        QCOMPARE(jewelry[u"level"_s].toInt(), 0);
        QVERIFY(jewelry[u"parent_id"_s].isNull());
        const QJsonObject necklaces = jewelry[u"children"_s][0].toObject();
        QCOMPARE(necklaces[u"parent_id"_s].toInteger(), jewelry[u"id"_s].toInteger());
        QCOMPARE(necklaces[u"full_path_taxonomy_ids"_s].toArray(),
                 (QJsonArray{jewelry[u"id"_s], necklaces[u"id"_s]}));
        QVERIFY(jewelry[u"child_ids"_s].toArray().contains(necklaces[u"id"_s]));
    }

private:
    EtsySandbox m_sandbox{seeded()};
    std::unique_ptr<EtsyTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestEtsyListings)
#include "tst_etsy_listings.moc"
