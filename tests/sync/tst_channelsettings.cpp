// A channel's publishing defaults and a product's overrides of them.
#include "channelsettings.h"
#include "enginefixture.h"
#include "publishseed.h"

#include <QJsonArray>
#include <QTest>
#include <memory>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

using test::addTestConnection;

qint64 addProduct(const QSqlDatabase &db, const QString &title)
{
    return test::addProduct(db, title, test::eurVariant({}, 900));
}

qint64 rowsIn(const QSqlDatabase &db, const QString &table)
{
    return test::scalar(db, u"SELECT COUNT(*) FROM "_s + table);
}

} // namespace

class TestChannelSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_engine = std::make_unique<test::EngineFixture>();
        m_connection = addTestConnection(db(), u"etsy-shop"_s);
        m_product = addProduct(db(), u"Wool scarf"_s);
        m_store = std::make_unique<ChannelSettingsStore>(db());
    }
    void cleanup()
    {
        m_store.reset();
        m_engine.reset();
    }

    void nothingSetIsEmpty()
    {
        QVERIFY(m_store->settings(m_connection).isEmpty());
        QVERIFY(m_store->overrides(m_connection, m_product).isEmpty());
    }

    void settingsRoundTripAndReplace()
    {
        const QJsonObject first{{u"who_made"_s, u"i_did"_s},
                                {u"taxonomy_id"_s, 1234},
                                {u"is_supply"_s, false},
                                {u"tags"_s, QJsonArray{u"wool"_s, u"scarf"_s}}};
        m_store->setSettings(m_connection, first);
        QCOMPARE(m_store->settings(m_connection), first);

        // Setting again replaces the whole object (no merge), in the same row.
        const QJsonObject second{{u"who_made"_s, u"someone_else"_s}};
        m_store->setSettings(m_connection, second);
        QCOMPARE(m_store->settings(m_connection), second);
        QCOMPARE(rowsIn(db(), u"channel_settings"_s), 1);
    }

    void settingsArePerConnection()
    {
        const qint64 other = addTestConnection(db(), u"other-shop"_s);
        m_store->setSettings(m_connection, {{u"who_made"_s, u"i_did"_s}});
        m_store->setSettings(other, {{u"who_made"_s, u"collective"_s}});
        QCOMPARE(m_store->settings(m_connection).value(u"who_made"_s).toString(), u"i_did"_s);
        QCOMPARE(m_store->settings(other).value(u"who_made"_s).toString(), u"collective"_s);
        // Overrides are not settings, and settings are not overrides.
        QVERIFY(m_store->overrides(m_connection, m_product).isEmpty());
    }

    void overridesPerProductAndConnection()
    {
        const qint64 otherProduct = addProduct(db(), u"Canvas tote"_s);
        const qint64 otherConnection = addTestConnection(db(), u"other-shop"_s);
        const QJsonObject scarf{{u"taxonomy_id"_s, 42}};
        const QJsonObject tote{{u"taxonomy_id"_s, 77}, {u"when_made"_s, u"2020_2024"_s}};
        m_store->setOverrides(m_connection, m_product, scarf);
        m_store->setOverrides(m_connection, otherProduct, tote);
        QCOMPARE(m_store->overrides(m_connection, m_product), scarf);
        QCOMPARE(m_store->overrides(m_connection, otherProduct), tote);
        QVERIFY(m_store->overrides(otherConnection, m_product).isEmpty());
        QVERIFY(m_store->settings(m_connection).isEmpty());

        const QJsonObject changed{{u"taxonomy_id"_s, 43}};
        m_store->setOverrides(m_connection, m_product, changed);
        QCOMPARE(m_store->overrides(m_connection, m_product), changed);
        QCOMPARE(rowsIn(db(), u"channel_overrides"_s), 2);
    }

    void emptyOverridesDeleteTheRow()
    {
        const qint64 otherProduct = addProduct(db(), u"Canvas tote"_s);
        m_store->setOverrides(m_connection, m_product, {{u"taxonomy_id"_s, 42}});
        m_store->setOverrides(m_connection, otherProduct, {{u"taxonomy_id"_s, 77}});
        QCOMPARE(rowsIn(db(), u"channel_overrides"_s), 2);

        m_store->setOverrides(m_connection, m_product, {});
        QVERIFY(m_store->overrides(m_connection, m_product).isEmpty());
        QCOMPARE(rowsIn(db(), u"channel_overrides"_s), 1);
        QCOMPARE(m_store->overrides(m_connection, otherProduct).value(u"taxonomy_id"_s).toInt(),
                 77);
        m_store->setOverrides(m_connection, m_product, {}); // nothing to delete: fine
        QCOMPARE(rowsIn(db(), u"channel_overrides"_s), 1);
    }

private:
    QSqlDatabase db() const { return m_engine->db(); }

    std::unique_ptr<test::EngineFixture> m_engine;
    std::unique_ptr<ChannelSettingsStore> m_store;
    qint64 m_connection = 0;
    qint64 m_product = 0;
};

QTEST_GUILESS_MAIN(TestChannelSettings)
#include "tst_channelsettings.moc"
