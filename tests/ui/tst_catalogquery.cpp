// The SQL behind the Catalog page (CatalogQuery) on a seeded catalog: every
// search and filter (the channel state filter on mappings written through
// ChannelMappings) returns exactly the products the seed says, in the order
// asked for, on SQLite and — when the PostgreSQL peer runs
// (scripts/with-test-peers.sh) — on PostgreSQL with the same migrations.

#include "catalogquery.h"
#include "catalogseed.h"
#include "channelmappings.h"
#include "migrator.h"
#include "peers.h"
#include "testworkspace.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <functional>
#include <optional>

using namespace storeloom;
using Seed = test::CatalogSeed;

namespace {

constexpr int kProducts = 600;
const QString kPostgres = QStringLiteral("catalogquery-pg");
const QString kPostgresAdmin = QStringLiteral("catalogquery-pg-admin");

QSqlDatabase connectToPostgres(const QString &name, const QString &database)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(qEnvironmentVariableIntValue("STORELOOM_TEST_PG_PORT"));
    db.setUserName(QStringLiteral("postgres"));
    db.setDatabaseName(database);
    db.open();
    return db;
}

} // namespace

class TestCatalogQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void filtersMatchWhatTheSeedSays_data() { dialects(); }
    void filtersMatchWhatTheSeedSays();
    void searchTakesWildcardsLiterally_data() { dialects(); }
    void searchTakesWildcardsLiterally();
    void ordersByEachColumn_data() { dialects(); }
    void ordersByEachColumn();
    void summariesAndStockPerLocation_data() { dialects(); }
    void summariesAndStockPerLocation();
    void choicesAreTheConnectionsAndCollections_data() { dialects(); }
    void choicesAreTheConnectionsAndCollections();
    void versionChangesWithTheCatalog_data() { dialects(); }
    void versionChangesWithTheCatalog();
    void channelStateFilter_data() { dialects(); }
    void channelStateFilter();
    void problemsFilterShowsSharedSkus_data() { dialects(); }
    void problemsFilterShowsSharedSkus();

private:
    void dialects();
    QSqlDatabase db() const;
    int indexOf(qint64 productId) const;
    QList<qint64> idsWhere(const std::function<bool(int)> &matches) const;
    Seed::Ids &seedIds();

    std::optional<test::TestWorkspace> m_workspace;
    std::optional<DbHandle> m_sqlite;
    Seed::Ids m_sqliteIds;
    Seed::Ids m_postgresIds;
    QString m_postgresDatabase;
};

void TestCatalogQuery::initTestCase()
{
    m_workspace.emplace();
    m_sqlite.emplace(m_workspace->workspace().openHandle());
    m_sqliteIds = Seed::seed(m_sqlite->db(), kProducts);

    // Without the PostgreSQL peer its rows are left out — and under CI=true
    // that fails instead, so a run without the peer cannot pass for one with it.
    if (const QString missing = test::postgresPeer(); !missing.isEmpty()) {
        if (test::peersRequired())
            QFAIL(qPrintable(missing + QStringLiteral(" (CI=true requires it)")));
        qInfo().noquote() << "PostgreSQL rows left out:" << missing;
        return;
    }
    m_postgresDatabase =
        QStringLiteral("storeloom_catalogquery_%1").arg(QCoreApplication::applicationPid());
    QSqlDatabase admin = connectToPostgres(kPostgresAdmin, QStringLiteral("postgres"));
    QVERIFY2(admin.isOpen(), qPrintable(admin.lastError().text()));
    QSqlQuery create(admin);
    QVERIFY2(create.exec(QStringLiteral("CREATE DATABASE %1").arg(m_postgresDatabase)),
             qPrintable(create.lastError().text()));
    const QSqlDatabase pg = connectToPostgres(kPostgres, m_postgresDatabase);
    QVERIFY2(pg.isOpen(), qPrintable(pg.lastError().text()));
    Migrator(Workspace::migrationsResourceDirectory()).migrate(pg);
    m_postgresIds = Seed::seed(pg, kProducts);
}

void TestCatalogQuery::cleanupTestCase()
{
    m_sqlite.reset();
    if (m_postgresDatabase.isEmpty())
        return;
    QSqlDatabase::database(kPostgres, false).close();
    QSqlDatabase::removeDatabase(kPostgres);
    {
        QSqlQuery drop(QSqlDatabase::database(kPostgresAdmin, false));
        drop.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_postgresDatabase));
    }
    QSqlDatabase::database(kPostgresAdmin, false).close();
    QSqlDatabase::removeDatabase(kPostgresAdmin);
}

void TestCatalogQuery::dialects()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    if (!m_postgresDatabase.isEmpty())
        QTest::newRow("postgres") << true;
}

QSqlDatabase TestCatalogQuery::db() const
{
    QFETCH(bool, postgres);
    return postgres ? QSqlDatabase::database(kPostgres, false) : m_sqlite->db();
}

Seed::Ids &TestCatalogQuery::seedIds()
{
    QFETCH(bool, postgres);
    return postgres ? m_postgresIds : m_sqliteIds;
}

int TestCatalogQuery::indexOf(qint64 productId) const
{
    const Seed::Ids &ids = const_cast<TestCatalogQuery *>(this)->seedIds();
    return int(ids.products.indexOf(productId));
}

// The seeded products that match, in title order (titles are unique).
QList<qint64> TestCatalogQuery::idsWhere(const std::function<bool(int)> &matches) const
{
    QList<int> indexes;
    for (int i = 0; i < kProducts; ++i) {
        if (matches(i))
            indexes.append(i);
    }
    std::sort(indexes.begin(), indexes.end(), [](int a, int b) {
        return Seed::title(a).toLower() < Seed::title(b).toLower();
    });
    const Seed::Ids &ids = const_cast<TestCatalogQuery *>(this)->seedIds();
    QList<qint64> result;
    for (int i : indexes)
        result.append(ids.products.at(i));
    return result;
}

void TestCatalogQuery::filtersMatchWhatTheSeedSays()
{
    const CatalogQuery query(db());
    const Seed::Ids &ids = seedIds();
    const auto search = [](const QString &text) {
        CatalogFilter filter;
        filter.search = text;
        return filter;
    };
    CatalogFilter acme;
    acme.source = CatalogFilter::Source::Connection;
    acme.connectionId = ids.connections.at(0);
    CatalogFilter madeHere;
    madeHere.source = CatalogFilter::Source::MadeHere;
    CatalogFilter summer;
    summer.collectionId = ids.collections.at(0);
    CatalogFilter winter;
    winter.collectionId = ids.collections.at(1);
    CatalogFilter inStock;
    inStock.stock = CatalogFilter::Stock::InStock;
    CatalogFilter outOfStock;
    outOfStock.stock = CatalogFilter::Stock::OutOfStock;
    CatalogFilter combined = outOfStock;
    combined.search = QStringLiteral("boots");
    combined.source = CatalogFilter::Source::Connection;
    combined.connectionId = ids.connections.at(1);

    const struct
    {
        const char *name;
        CatalogFilter filter;
        std::function<bool(int)> matches;
    } cases[] = {
        {"everything", {}, [](int) { return true; }},
        {"title", search(QStringLiteral("wool socks")), [](int i) { return i % 5 == 1; }},
        {"title in capitals", search(QStringLiteral(" WOOL ")), [](int i) { return i % 5 == 1; }},
        {"number in the title", search(QStringLiteral("000012")), [](int i) { return i == 12; }},
        {"sku", search(QStringLiteral("sku-000124-b")), [](int i) { return i == 124; }},
        {"no such sku", search(QStringLiteral("sku-000123-b")), [](int) { return false; }},
        {"connection", acme, [](int i) { return Seed::connection(i) == 0; }},
        {"made here", madeHere, [](int i) { return Seed::connection(i) < 0; }},
        {"collection", summer, [](int i) { return Seed::inCollection(i, 0); }},
        {"other collection", winter, [](int i) { return Seed::inCollection(i, 1); }},
        {"in stock", inStock, [](int i) { return Seed::totalAvailable(i) > 0; }},
        {"out of stock", outOfStock, [](int i) { return Seed::totalAvailable(i) == 0; }},
        {"all together", combined,
         [](int i) {
             return i % 5 == 3 && Seed::connection(i) == 1 && Seed::totalAvailable(i) == 0;
         }},
    };
    for (const auto &test : cases) {
        const QList<qint64> expected = idsWhere(test.matches);
        const QList<qint64> found = query.matchingIds(test.filter);
        QVERIFY2(found == expected, qPrintable(QStringLiteral("%1: %2 ids, expected %3")
                                                   .arg(QLatin1String(test.name))
                                                   .arg(found.size())
                                                   .arg(expected.size())));
    }
    QVERIFY(!idsWhere([](int i) { return Seed::totalAvailable(i) == 0; }).isEmpty());
    QVERIFY(CatalogFilter().matchesAll());
    QVERIFY(!summer.matchesAll());
}

void TestCatalogQuery::searchTakesWildcardsLiterally()
{
    const CatalogQuery query(db());
    for (const char *text : {"%", "_", "\\", "Wool%Socks", "Wool_Socks"}) {
        CatalogFilter filter;
        filter.search = QString::fromLatin1(text);
        QVERIFY2(query.matchingIds(filter).isEmpty(), text);
    }
}

void TestCatalogQuery::ordersByEachColumn()
{
    const CatalogQuery query(db());
    const QList<qint64> ascending = query.matchingIds({}, {CatalogSort::Key::Title, false});
    QList<qint64> descending = query.matchingIds({}, {CatalogSort::Key::Title, true});
    QCOMPARE(ascending, idsWhere([](int) { return true; }));
    std::reverse(descending.begin(), descending.end());
    QCOMPARE(descending, ascending);

    // Each order is non-decreasing in what its column shows.
    const struct
    {
        CatalogSort::Key key;
        std::function<QVariant(int)> value;
    } orders[] = {
        {CatalogSort::Key::Variants, [](int i) { return QVariant(Seed::variantCount(i)); }},
        {CatalogSort::Key::Price, [](int i) { return QVariant(Seed::price(i, 0)); }},
        {CatalogSort::Key::Stock, [](int i) { return QVariant(Seed::totalAvailable(i)); }},
        {CatalogSort::Key::Sku, [](int i) { return QVariant(Seed::sku(i, 0).toLower()); }},
        {CatalogSort::Key::Source,
         [](int i) {
             const int c = Seed::connection(i);
             return QVariant(c < 0 ? QString() : Seed::kConnections.at(c).toLower());
         }},
    };
    for (const auto &order : orders) {
        const QList<qint64> ids = query.matchingIds({}, {order.key, false});
        QCOMPARE(ids.size(), kProducts);
        for (int row = 1; row < ids.size(); ++row) {
            const QVariant before = order.value(indexOf(ids.at(row - 1)));
            const QVariant here = order.value(indexOf(ids.at(row)));
            QVERIFY2(QVariant::compare(before, here) != QPartialOrdering::Greater,
                     qPrintable(QStringLiteral("sort %1, row %2").arg(int(order.key)).arg(row)));
        }
    }
}

void TestCatalogQuery::summariesAndStockPerLocation()
{
    const CatalogQuery query(db());
    const Seed::Ids &ids = seedIds();
    const qint64 gone = ids.products.last() + 1000;
    const QList<ProductSummary> rows =
        query.summaries({ids.products.at(5), gone, ids.products.at(4)});
    QCOMPARE(rows.size(), 2); // in the order asked for, without the missing one
    const ProductSummary &five = rows.at(0);
    QCOMPARE(five.id, ids.products.at(5));
    QCOMPARE(five.title, Seed::title(5));
    QCOMPARE(five.skus, QStringList({Seed::sku(5, 0), Seed::sku(5, 1), Seed::sku(5, 2)}));
    QCOMPARE(five.variantCount, 3);
    QCOMPARE(five.minPrice, (Money{Seed::price(5, 0), QStringLiteral("EUR")}));
    QCOMPARE(five.maxPrice, (Money{Seed::price(5, 2), QStringLiteral("EUR")}));
    QCOMPARE(five.totalAvailable, Seed::totalAvailable(5));
    QCOMPARE(five.sourceName, QString()); // made here
    const ProductSummary &four = rows.at(1);
    QCOMPARE(four.title, Seed::title(4));
    QCOMPARE(four.sourceName, Seed::kConnections.at(1));
    QCOMPARE(four.totalAvailable, qint64(0));

    const auto stock = query.locationsStock({ids.products.at(5), ids.products.at(6)});
    // By location name: Shop, then Warehouse; product 6 has no Shop level.
    const QList<LocationStock> atFive = stock.value(ids.products.at(5));
    QCOMPARE(atFive.size(), 2);
    QCOMPARE(atFive.at(0).name, QStringLiteral("Shop"));
    QCOMPARE(atFive.at(0).available, qint64(3));
    QCOMPARE(atFive.at(1).name, QStringLiteral("Warehouse"));
    QCOMPARE(atFive.at(1).available, qint64(1 + 2 + 3));
    QCOMPARE(stock.value(ids.products.at(6)).size(), qsizetype(1));
    QVERIFY(query.summaries({}).isEmpty());
}

void TestCatalogQuery::choicesAreTheConnectionsAndCollections()
{
    const CatalogQuery query(db());
    const Seed::Ids &ids = seedIds();
    QCOMPARE(query.sources(), (QList<CatalogChoice>{{ids.connections.at(0), Seed::kConnections.at(0)},
                                                    {ids.connections.at(1), Seed::kConnections.at(1)}}));
    QCOMPARE(query.collections(),
             (QList<CatalogChoice>{{ids.collections.at(0), Seed::kCollections.at(0)},
                                   {ids.collections.at(1), Seed::kCollections.at(1)}}));
}

void TestCatalogQuery::versionChangesWithTheCatalog()
{
    const QSqlDatabase database = db();
    const CatalogQuery query(database);
    const CatalogVersion first = query.version();
    QCOMPARE(first.products, qint64(kProducts));
    QCOMPARE(query.version(), first);

    QSqlQuery change(database);
    QVERIFY2(change.exec(QStringLiteral("UPDATE stock_levels SET available = available + 1, "
                                        "updated_at = updated_at + 1 WHERE variant_id = "
                                        "(SELECT MIN(variant_id) FROM stock_levels)")),
             qPrintable(change.lastError().text()));
    const CatalogVersion second = query.version();
    QVERIFY(second != first);
    QVERIFY2(change.exec(QStringLiteral("UPDATE products SET title = 'Renamed', updated_at = "
                                        "updated_at + 1 WHERE id = %1")
                             .arg(seedIds().products.at(0))),
             qPrintable(change.lastError().text()));
    QVERIFY(query.version() != second);
}

void TestCatalogQuery::channelStateFilter()
{
    const QSqlDatabase database = db();
    const Seed::Ids &ids = seedIds();
    const qint64 acme = ids.connections.at(0);
    const qint64 bolt = ids.connections.at(1);
    const auto product = [&ids](int i) { return ids.products.at(i); };
    // On Bolt: 0 synced, 2 failed, 3 out of sync (synced from an older
    // version), 5 pending. 1 comes from Bolt: its Bolt mapping does not count,
    // but it failed on Acme. 6 comes from Acme: its failed Acme mapping does
    // not count either.
    ChannelMappings mappings(database);
    mappings.markPending(bolt, {product(0), product(1), product(2), product(3), product(5)});
    mappings.recordSynced(bolt, product(0), QString(), QStringLiteral("t"), QString());
    mappings.recordFailed(bolt, product(2), QStringLiteral("refused"));
    mappings.recordSynced(bolt, product(3), QStringLiteral("older"), QStringLiteral("t"),
                          QString());
    mappings.recordSynced(bolt, product(1), QStringLiteral("older"), QStringLiteral("t"),
                          QString());
    mappings.recordFailed(acme, product(1), QStringLiteral("refused"));
    mappings.recordFailed(acme, product(6), QStringLiteral("refused"));
    const CatalogQuery query(database);
    const CatalogVersion before = query.version();

    const auto filter = [](CatalogFilter::Channel channel, qint64 channelId,
                           ChannelState::State state = ChannelState::State::Synced) {
        CatalogFilter f;
        f.channel = channel;
        f.channelId = channelId;
        f.channelState = state;
        return f;
    };
    using C = CatalogFilter::Channel;
    using S = ChannelState::State;
    CatalogFilter boots = filter(C::HasProblems, 0);
    boots.search = QStringLiteral("rain boots");
    const struct
    {
        const char *name;
        CatalogFilter filter;
        std::function<bool(int)> matches;
    } cases[] = {
        {"synced on bolt", filter(C::InState, bolt, S::Synced), [](int i) { return i == 0; }},
        {"failed on bolt", filter(C::InState, bolt, S::Failed), [](int i) { return i == 2; }},
        {"out of sync on bolt", filter(C::InState, bolt, S::OutOfSync),
         [](int i) { return i == 3; }},
        {"pending on bolt", filter(C::InState, bolt, S::Pending), [](int i) { return i == 5; }},
        {"not listed on bolt", filter(C::InState, bolt, S::NotListed),
         [](int i) { return i != 0 && i != 2 && i != 3 && i != 5; }},
        {"problems on bolt", filter(C::HasProblems, bolt), [](int i) { return i == 2 || i == 3; }},
        {"problems anywhere", filter(C::HasProblems, 0),
         [](int i) { return i == 1 || i == 2 || i == 3; }},
        {"failed anywhere", filter(C::InState, 0, S::Failed),
         [](int i) { return i == 1 || i == 2; }},
        {"listed nowhere", filter(C::InState, 0, S::NotListed),
         [](int i) { return i > 3 && i != 5; }},
        {"with a search", boots, [](int i) { return i == 3; }},
    };
    for (const auto &test : cases) {
        const QList<qint64> expected = idsWhere(test.matches);
        const QList<qint64> found = query.matchingIds(test.filter);
        QVERIFY2(found == expected, qPrintable(QStringLiteral("%1: %2 ids, expected %3")
                                                   .arg(QLatin1String(test.name))
                                                   .arg(found.size())
                                                   .arg(expected.size())));
        QVERIFY(!test.filter.matchesAll());
    }

    // A state change shows in the version, so the page reads its rows again.
    mappings.markPending(bolt, {product(2)});
    const CatalogVersion pending = query.version();
    QVERIFY(pending != before);
    mappings.recordFailed(bolt, product(2), QStringLiteral("refused again"));
    QVERIFY(query.version() != pending);
}

namespace {
QList<qint64> sorted(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}
} // namespace

void TestCatalogQuery::problemsFilterShowsSharedSkus()
{
    const QSqlDatabase database = db();
    const Seed::Ids &ids = seedIds();
    const auto product = [&ids](int i) { return ids.products.at(i); };
    // Product 10's first variant takes product 11's SKU.
    const auto setSku = [&](const QString &sku) {
        QSqlQuery update(database);
        update.prepare(
            QStringLiteral("UPDATE variants SET sku = ? WHERE product_id = ? AND sku = ?"));
        update.addBindValue(sku);
        update.addBindValue(product(10));
        update.addBindValue(sku == Seed::sku(11, 0) ? Seed::sku(10, 0) : Seed::sku(11, 0));
        QVERIFY2(update.exec() && update.numRowsAffected() == 1,
                 qPrintable(update.lastError().text()));
    };
    setSku(Seed::sku(11, 0));
    const CatalogQuery query(database);

    CatalogFilter duplicates;
    duplicates.problems = CatalogFilter::Problems::DuplicateSku;
    QVERIFY(!duplicates.matchesAll());
    QCOMPARE(sorted(query.matchingIds(duplicates)), sorted({product(10), product(11)}));

    // "Has problems": the shared SKUs and whatever failed or is out of sync on a channel.
    CatalogFilter channelProblems;
    channelProblems.channel = CatalogFilter::Channel::HasProblems;
    QList<qint64> expected = query.matchingIds(channelProblems);
    expected << product(10) << product(11);
    std::sort(expected.begin(), expected.end());
    CatalogFilter any;
    any.problems = CatalogFilter::Problems::Any;
    QList<qint64> found = query.matchingIds(any, {CatalogSort::Key::Title});
    std::sort(found.begin(), found.end());
    QCOMPARE(found, expected);

    // With a search too: both narrow.
    duplicates.search = Seed::sku(11, 0);
    QCOMPARE(sorted(query.matchingIds(duplicates)), sorted({product(10), product(11)}));

    setSku(Seed::sku(10, 0)); // as the seed had it, for the other tests
    duplicates.search.clear();
    QVERIFY(query.matchingIds(duplicates).isEmpty());
}

QTEST_GUILESS_MAIN(TestCatalogQuery)
#include "tst_catalogquery.moc"
