// The workspace schema and the engine's statements on a real PostgreSQL (the
// private cluster scripts/with-test-peers.sh starts), so team workspaces can
// come without rewriting the hub.
#include "catalogimport.h"
#include "catalogstore.h"
#include "channelmappings.h"
#include "channelsettings.h"
#include "connectionstore.h"
#include "importconflicts.h"
#include "importfixture.h"
#include "itemstore.h"
#include "migrator.h"
#include "peers.h"
#include "publishableproduct.h"
#include "publishruns.h"
#include "publishseed.h"
#include "runstore.h"
#include "testworkspace.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace storeloom;
using State = SyncItem::State;

namespace {
const QString kAdmin = QStringLiteral("pg-admin");
const QString kWorkspace = QStringLiteral("pg-workspace");

QSqlDatabase connectTo(const QString &name, const QString &database)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(qEnvironmentVariableIntValue("STORELOOM_TEST_PG_PORT"));
    db.setUserName(QStringLiteral("postgres"));
    db.setDatabaseName(database);
    db.open();
    return db;
}

NewItem item(const QString &key)
{
    NewItem newItem;
    newItem.operation = QStringLiteral("listing.create");
    newItem.direction = Direction::Outbound;
    newItem.idempotencyKey = key;
    newItem.maxAttempts = 2;
    return newItem;
}
} // namespace

class TestPostgresSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::postgresPeer());
        m_database = QStringLiteral("storeloom_test_%1").arg(QCoreApplication::applicationPid());
        QSqlDatabase admin = connectTo(kAdmin, QStringLiteral("postgres"));
        QVERIFY2(admin.isOpen(), qPrintable(admin.lastError().text()));
        QSqlQuery create(admin);
        QVERIFY2(create.exec(QStringLiteral("CREATE DATABASE %1").arg(m_database)),
                 qPrintable(create.lastError().text()));
        QVERIFY2(connectTo(kWorkspace, m_database).isOpen(), "cannot open the test database");
    }

    void cleanupTestCase()
    {
        if (m_database.isEmpty())
            return;
        QSqlDatabase::database(kWorkspace, false).close();
        QSqlDatabase::removeDatabase(kWorkspace);
        {
            QSqlQuery drop(QSqlDatabase::database(kAdmin, false));
            drop.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_database));
        }
        QSqlDatabase::database(kAdmin, false).close();
        QSqlDatabase::removeDatabase(kAdmin);
    }

    void migrationsApply()
    {
        const QSqlDatabase db = QSqlDatabase::database(kWorkspace, false);
        const Migrator migrator(Workspace::migrationsResourceDirectory());
        migrator.migrate(db);
        QCOMPARE(Migrator::currentVersion(db), migrator.latestVersion());
        migrator.migrate(db); // applying again changes nothing
        QCOMPARE(Migrator::currentVersion(db), migrator.latestVersion());
        for (const char *table :
             {"products", "variants", "stock_levels", "connections", "mappings", "sync_runs",
              "sync_items", "audit_events", "catalog_imports", "import_conflicts",
              "workspace_locks"})
            QVERIFY2(db.tables().contains(QLatin1String(table)), table);
    }

    void engineRunsOnPostgres()
    {
        const QSqlDatabase db = QSqlDatabase::database(kWorkspace, false);
        RunStore runs(db);
        ItemStore items(db, RetryPolicy(1, 2));
        const qint64 runId = runs.create(QStringLiteral("publish"), 0, QStringLiteral("test"));
        const auto first =
            items.enqueue(runId, {item(QStringLiteral("a")), item(QStringLiteral("b")),
                                  item(QStringLiteral("c"))});
        QVERIFY(first.at(0).created && first.at(0).item.id > 0);
        const auto again = items.enqueue(runId, item(QStringLiteral("a")));
        QVERIFY(!again.created);
        QCOMPARE(again.item.id, first.at(0).item.id);

        const auto claimed = items.claim(QStringLiteral("w"), 2, 60000);
        QCOMPARE(claimed.size(), 2);
        QCOMPARE(claimed.at(0).attempts, 1);
        items.completeAll({{claimed.at(0), ItemOutcome::succeeded()},
                           {claimed.at(1), ItemOutcome::permanent(QStringLiteral("refused"))}},
                          60000);
        QCOMPARE(items.get(claimed.at(1).id).state, State::Dead);
        QCOMPARE(items.replay(claimed.at(1).id).state, State::Pending);

        QCOMPARE(runs.cancel(runId), 2);
        const SyncRun run = runs.get(runId);
        QCOMPARE(run.status, SyncRun::Status::Cancelled);
        QVERIFY(run.isFinished());
        QString why;
        QVERIFY2(test::countersMatchItems(db, run, &why), qPrintable(why));
    }

    void catalogAndConnectionsRunOnPostgres()
    {
        const QSqlDatabase db = QSqlDatabase::database(kWorkspace, false);
        Connection connection;
        connection.provider = QStringLiteral("test");
        connection.externalShopId = QStringLiteral("shop-1");
        connection.name = QStringLiteral("Shop One");
        const qint64 connectionId = ConnectionStore(db).add(connection);
        ConnectionStore(db).setAllowed(connectionId, Direction::Inbound, false);
        QVERIFY(!ConnectionStore(db).isAllowed(connectionId, Direction::Inbound));

        Product product;
        product.title = QStringLiteral("Wool scarf");
        product.sourceConnectionId = connectionId;
        product.optionNames = {QStringLiteral("Colour")};
        product.variants = {Variant{0,
                                    QStringLiteral("Red"),
                                    QStringLiteral("SC-R"),
                                    {},
                                    {2500, QStringLiteral("EUR")},
                                    {},
                                    {},
                                    {QStringLiteral("Red")}},
                            Variant{0,
                                    QStringLiteral("Blue"),
                                    QStringLiteral("SC-B"),
                                    {},
                                    {2900, QStringLiteral("EUR")},
                                    {},
                                    {},
                                    {QStringLiteral("Blue")}}};
        CatalogStore catalog(db);
        const qint64 productId = catalog.addProduct(product);
        QVERIFY(productId > 0);
        const auto rows = catalog.summaries();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().variantCount, 2);
        QCOMPARE(rows.first().minPrice.minorUnits, 2500);
        QCOMPARE(rows.first().maxPrice.minorUnits, 2900);
        QCOMPARE(rows.first().sourceName, QStringLiteral("Shop One"));
        QCOMPARE(rows.first().skus.size(), 2);
    }

    // Every statement of an import: creating, updating, conflicts, flags,
    // members, resuming — through QtSql, as PostgreSQL has no SQLite C API.
    void catalogImportRunsOnPostgres()
    {
        const QSqlDatabase db = QSqlDatabase::database(kWorkspace, false);
        const qint64 connectionId = test::addTestConnection(db, QStringLiteral("shop-import"));
        QList<ImportedProduct> products = test::sampleProducts(7);
        ImportCheckpoint done = test::importAll(db, connectionId, products, 3);
        QCOMPARE(done.counts, (ImportCounts{7, 0, 0, 0, 0}));
        for (const ImportedProduct &product : products)
            QCOMPARE(*test::readBack(db, connectionId, product.externalId),
                     test::normalized(product));

        const auto productIdOf = [&](const QString &externalId) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT internal_id FROM mappings WHERE connection_id = ? "
                                         "AND entity_type = 'product' AND external_id = ?"));
            query.addBindValue(connectionId);
            query.addBindValue(externalId);
            query.exec();
            return query.next() ? query.value(0).toLongLong() : 0;
        };
        CatalogStore(db).editProduct(productIdOf(products[2].externalId),
                                     {QStringLiteral("Edited here"), {}, {}});
        products[1] = test::changedAtSource(products[1]);
        products[2].title = QStringLiteral("Edited there");
        const ImportedProduct gone = products.takeLast();
        done = test::importAll(db, connectionId, products, 3);
        QCOMPARE(done.counts, (ImportCounts{0, 1, 4, 1, 1}));
        QCOMPARE(*test::readBack(db, connectionId, products[1].externalId),
                 test::normalized(products[1]));
        QCOMPARE(CatalogStore(db).product(productIdOf(products[2].externalId))->title,
                 QStringLiteral("Edited here"));
        QCOMPARE(ImportConflictStore(db).open(connectionId).size(), 1);
        QSqlQuery flagged(db);
        QVERIFY(flagged.exec(QStringLiteral("SELECT COUNT(*) FROM products WHERE "
                                            "source_deleted_at IS NOT NULL")));
        QVERIFY(flagged.next());
        QCOMPARE(flagged.value(0).toLongLong(), 1);

        {
            CatalogImport import(db, connectionId);
            import.begin();
            import.applyCollections(test::sampleCollections());
            QCOMPARE(import.applyCollectionMembers(
                         test::sampleCollections().first().externalId,
                         {products[1].externalId, gone.externalId},
                         ImportPosition{QStringLiteral("members"), QStringLiteral("m1")}),
                     1);
        } // as if it crashed here
        CatalogImport resumed(db, connectionId);
        const ImportCheckpoint checkpoint = resumed.begin();
        QVERIFY(checkpoint.resumed);
        QCOMPARE(checkpoint.cursor, QStringLiteral("m1"));
        QCOMPARE(resumed.applyProductPage(products.mid(0, 2), QStringLiteral("products"), {}),
                 (PageOutcome{0, 0, 2, 0}));
        resumed.abandon();
    }

    // Publishing: mappings as channel states (upserts, the derived out of
    // sync, the intent's UPDATE … NOT EXISTS), settings and overrides
    // (ON CONFLICT upserts, delete), the publishable product, publish runs.
    void publishingRunsOnPostgres()
    {
        const QSqlDatabase db = QSqlDatabase::database(kWorkspace, false);
        for (const char *table : {"channel_settings", "channel_overrides"})
            QVERIFY2(db.tables().contains(QLatin1String(table)), table);
        Connection connection;
        connection.provider = QStringLiteral("test");
        connection.externalShopId = QStringLiteral("shop-publish");
        connection.name = QStringLiteral("Publish shop");
        const qint64 connectionId = ConnectionStore(db).add(connection);
        Product product;
        product.title = QStringLiteral("Linen shirt");
        product.variants = {Variant{0,
                                    QStringLiteral("M"),
                                    QStringLiteral("LS-M"),
                                    {},
                                    {3900, QStringLiteral("EUR")},
                                    {},
                                    {},
                                    {}}};
        CatalogStore catalog(db);
        const qint64 productId = catalog.addProduct(product);
        const qint64 locationId = catalog.addLocation(QStringLiteral("Publish warehouse"));
        catalog.setStock(catalog.product(productId)->variants.at(0).id, locationId, 4, 4);

        PublishableProductReader reader(db);
        reader.addImage(productId, {QStringLiteral("https://img/1.jpg"), QStringLiteral("One")});
        reader.addImage(productId, {QStringLiteral("https://img/2.jpg"), {}});
        const auto publishable = reader.read(productId);
        QVERIFY(publishable);
        QCOMPARE(publishable->images.size(), 2);
        QCOMPARE(publishable->images.at(1).url, QStringLiteral("https://img/2.jpg"));
        QCOMPARE(publishable->totalAvailable(), 4);
        QVERIFY(!publishable->contentHash.isEmpty());

        ChannelSettingsStore settings(db);
        settings.setSettings(connectionId, {{QStringLiteral("who_made"), QStringLiteral("i_did")}});
        settings.setSettings(connectionId, {{QStringLiteral("who_made"), QStringLiteral("other")}});
        QCOMPARE(settings.settings(connectionId).value(QStringLiteral("who_made")).toString(),
                 QStringLiteral("other"));
        settings.setOverrides(connectionId, productId, {{QStringLiteral("taxonomy_id"), 1}});
        settings.setOverrides(connectionId, productId, {{QStringLiteral("taxonomy_id"), 2}});
        QCOMPARE(settings.overrides(connectionId, productId).value(QStringLiteral("taxonomy_id"))
                     .toInt(),
                 2);
        settings.setOverrides(connectionId, productId, {});
        QVERIFY(settings.overrides(connectionId, productId).isEmpty());

        // Two runs write the product: two running items want its intent.
        PublishPlan plan;
        plan.connectionId = connectionId;
        PlanEntry entry;
        entry.productId = productId;
        entry.action = PlanEntry::Action::Create;
        entry.listingHash = QStringLiteral("h1");
        plan.entries = {entry};
        PublishRuns runs(db);
        const qint64 firstRun = runs.start(plan, QStringLiteral("test"));
        QCOMPARE(runs.plan(firstRun).entries.size(), 1);
        // The product is queued in the first run: a second plan adds nothing…
        const qint64 emptyRun = runs.start(plan, QStringLiteral("test"));
        QVERIFY(RunStore(db).get(emptyRun).isFinished());
        // …but another process's run may still hold an item for it.
        ItemStore items(db, RetryPolicy(1, 2));
        const qint64 secondRun = RunStore(db).create(PublishRuns::kind(), connectionId,
                                                     QStringLiteral("elsewhere"));
        items.enqueue(secondRun, test::publishItem(connectionId, productId,
                                                   QStringLiteral("elsewhere")));
        SyncItem first;
        SyncItem second;
        for (const SyncItem &item : items.claim(QStringLiteral("pg-publish"), 100, 60000)) {
            if (item.runId == firstRun)
                first = item;
            else if (item.runId == secondRun)
                second = item;
        }
        QVERIFY(first.id > 0 && second.id > 0);

        ChannelMappings mappings(db);
        QCOMPARE(mappings.state(connectionId, productId).state, ChannelState::State::Pending);
        QVERIFY(mappings.claimIntent(connectionId, productId, first.id));
        QVERIFY(mappings.claimIntent(connectionId, productId, first.id));
        QVERIFY(!mappings.claimIntent(connectionId, productId, second.id));
        items.complete(first, ItemOutcome::permanent(QStringLiteral("refused")), 60000);
        // Its stock and media waited for it: cancelled with it, the product counted once.
        const QList<SyncItem> steps = items.list(firstRun);
        QCOMPARE(steps.size(), 3);
        QCOMPARE(steps.at(1).afterItemId, std::optional<qint64>(first.id));
        QCOMPARE(steps.at(2).state, SyncItem::State::Cancelled);
        QCOMPARE(RunStore(db).get(firstRun).failed, 1);
        QCOMPARE(RunStore(db).get(firstRun).total, 1);
        QVERIFY(mappings.claimIntent(connectionId, productId, second.id));
        QCOMPARE(mappings.state(connectionId, productId).intentItemId,
                 std::optional<qint64>(second.id));

        mappings.recordExternalId(connectionId, productId, QStringLiteral("L-1"),
                                  QStringLiteral("https://l/1"));
        QVERIFY(!mappings.state(connectionId, productId).intentItemId);
        mappings.recordChannelData(connectionId, productId, QStringLiteral("{}"));
        mappings.recordSynced(connectionId, productId, publishable->contentHash,
                              QStringLiteral("h1"), QStringLiteral("{\"a\":1}"));
        QCOMPARE(mappings.state(connectionId, productId).state, ChannelState::State::Synced);
        catalog.editProduct(productId, {QStringLiteral("Linen shirt, white"), {}, {}});
        QCOMPARE(mappings.states(connectionId, {productId}).value(productId).state,
                 ChannelState::State::OutOfSync);
        QCOMPARE(mappings.channelsOf({productId}).value(productId).size(), 1);
        QCOMPARE(mappings.productWithExternalId(connectionId, QStringLiteral("L-1")),
                 std::optional<qint64>(productId));
        mappings.recordFailed(connectionId, productId, QStringLiteral("down"));
        QCOMPARE(mappings.state(connectionId, productId).state, ChannelState::State::Failed);

        QCOMPARE(runs.retryFailed(firstRun), 1);
        QCOMPARE(items.get(first.id).state, State::Pending);
        QCOMPARE(items.get(steps.at(2).id).state, State::Pending); // back with it
        QCOMPARE(RunStore(db).get(firstRun).failed, 0);
    }

private:
    QString m_database;
};

QTEST_GUILESS_MAIN(TestPostgresSchema)
#include "tst_postgresschema.moc"
