// The area models: what each shows for representative rows, and that the
// connector model never hands out the key of a connection's secret.

#include "activitymodel.h"
#include "catalogmodel.h"
#include "catalogstore.h"
#include "connectionstore.h"
#include "connectorlistmodel.h"
#include "displayformat.h"
#include "itemstore.h"
#include "providerregistry.h"
#include "shopify/shopifyprovider.h"
#include "runstore.h"
#include "syncrunmodel.h"
#include "testworkspace.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace storeloom;

namespace {

const QString kSecretKey = QStringLiteral("storeloom/connection/acme-secret-4711");

Connection acme()
{
    Connection c;
    c.provider = QStringLiteral("shopify");
    c.externalShopId = QStringLiteral("acme-1");
    c.name = QStringLiteral("Acme Outdoor");
    c.domain = QStringLiteral("acme.myshopify.com");
    c.scopes = {QStringLiteral("read_products"), QStringLiteral("write_inventory")};
    c.status = Connection::Status::Live;
    c.secretKey = kSecretKey;
    c.lastActiveAt = QDateTime::currentMSecsSinceEpoch() - 3 * 60 * 1000;
    return c;
}

Variant variant(const QString &sku, qint64 price, const QString &currency = QStringLiteral("EUR"))
{
    Variant v;
    v.title = sku;
    v.sku = sku;
    v.price = {price, currency};
    return v;
}

// Fills the model from the workspace and waits for the rows.
bool load(WorkspaceModel &model)
{
    QSignalSpy loaded(&model, &WorkspaceModel::loaded);
    model.refresh();
    return loaded.wait(10000) && !model.isLoading();
}

// The catalog reads its rows' details on demand: ask for every row, as a
// view showing them would, and wait until they are in.
bool loadRows(CatalogModel &model)
{
    for (int row = 0; row < model.rowCount(); ++row)
        model.data(model.index(row, CatalogModel::Title));
    return QTest::qWaitFor(
        [&] {
            for (int row = 0; row < model.rowCount(); ++row) {
                if (!model.isRowLoaded(row))
                    return false;
            }
            return true;
        },
        10000);
}

QString text(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void connectorModelShowsTheConnection();
    void connectorModelNeverReturnsTheSecretKey();
    void catalogModelShowsProducts();
    void syncRunModelShowsCountersAndProgress();
    void activityModelShowsAuditEventsNewestFirst();
    void emptyWorkspaceLoadsNoRows();
};

void TestModels::initTestCase()
{
    QLocale::setDefault(QLocale::c()); // "12.50", no group separators
}

void TestModels::cleanup()
{
    // No query may outlive the workspace it reads.
    QThreadPool::globalInstance()->waitForDone();
}

void TestModels::connectorModelShowsTheConnection()
{
    test::TestWorkspace ws;
    Connection failed = acme();
    failed.externalShopId = QStringLiteral("bolt-2");
    failed.name = QStringLiteral("Bolt Bikes");
    failed.domain = QStringLiteral("bolt.example");
    failed.provider = QStringLiteral("woocommerce");
    failed.status = Connection::Status::Failed;
    failed.statusReason = QStringLiteral("The store refused the key (401).");
    failed.lastActiveAt.reset();
    {
        const DbHandle handle = ws.workspace().openHandle();
        ConnectionStore store(handle.db());
        store.add(acme());
        store.add(failed);
    }

    ProviderRegistry registry;
    registry.add(std::make_unique<ShopifyProvider>());
    ConnectorListModel model(ws.workspace());
    model.setProviderRegistry(&registry);
    QVERIFY(load(model));

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ConnectorListModel::ColumnCount));
    // Ordered by name.
    QCOMPARE(text(model, 0, ConnectorListModel::Name), QStringLiteral("Acme Outdoor"));
    QCOMPARE(text(model, 0, ConnectorListModel::Platform), QStringLiteral("Shopify"));
    QCOMPARE(text(model, 0, ConnectorListModel::Domain), QStringLiteral("acme.myshopify.com"));
    QCOMPARE(text(model, 0, ConnectorListModel::Status), QStringLiteral("Live"));
    QCOMPARE(text(model, 0, ConnectorListModel::Scopes),
             QStringLiteral("read_products, write_inventory"));
    QCOMPARE(text(model, 0, ConnectorListModel::LastActive), QStringLiteral("3 min ago"));
    QVERIFY(!text(model, 0, ConnectorListModel::LastActive, Qt::ToolTipRole).isEmpty());
    QCOMPARE(model.data(model.index(0, 0), ConnectorListModel::StatusRole).toInt(),
             int(Connection::Status::Live));
    QVERIFY(model.data(model.index(0, 0), ConnectorListModel::IdRole).toLongLong() > 0);

    // An adapter this build lacks shows its stored id; a failure says why on hover.
    QCOMPARE(text(model, 1, ConnectorListModel::Platform), QStringLiteral("woocommerce"));
    QCOMPARE(text(model, 1, ConnectorListModel::Status), QStringLiteral("Failed"));
    QCOMPARE(text(model, 1, ConnectorListModel::Status, Qt::ToolTipRole),
             QStringLiteral("The store refused the key (401)."));
    QCOMPARE(text(model, 1, ConnectorListModel::LastActive), QStringLiteral("never"));
    QVERIFY(model.data(model.index(1, ConnectorListModel::Status), Qt::DecorationRole).isValid());

    QCOMPARE(model.headerData(ConnectorListModel::Name, Qt::Horizontal).toString(),
             QStringLiteral("Store"));
}

void TestModels::connectorModelNeverReturnsTheSecretKey()
{
    test::TestWorkspace ws;
    {
        const DbHandle handle = ws.workspace().openHandle();
        ConnectionStore(handle.db()).add(acme());
    }
    ConnectorListModel model(ws.workspace());
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 1);

    const auto leaks = [](const QVariant &value) {
        if (value.metaType() == QMetaType::fromType<Connection>())
            return true;
        if (value.toString().contains(kSecretKey))
            return true;
        const QStringList list = value.toStringList();
        return std::any_of(list.cbegin(), list.cend(),
                           [](const QString &s) { return s.contains(kSecretKey); });
    };
    for (int column = 0; column < model.columnCount(); ++column) {
        for (int role = 0; role <= Qt::UserRole + 50; ++role) {
            const QVariant value = model.data(model.index(0, column), role);
            QVERIFY2(!leaks(value), qPrintable(QStringLiteral("column %1 role %2 returns the secret "
                                                              "key")
                                                   .arg(column)
                                                   .arg(role)));
            QVERIFY(!leaks(model.headerData(column, Qt::Horizontal, role)));
        }
        const QMap<int, QVariant> all = model.itemData(model.index(0, column));
        for (const QVariant &value : all)
            QVERIFY(!leaks(value));
    }
}

void TestModels::catalogModelShowsProducts()
{
    test::TestWorkspace ws;
    {
        const DbHandle handle = ws.workspace().openHandle();
        const qint64 source = ConnectionStore(handle.db()).add(acme());
        CatalogStore catalog(handle.db());

        Product jacket;
        jacket.title = QStringLiteral("Trail Jacket");
        jacket.sourceConnectionId = source;
        jacket.optionNames = {QStringLiteral("Size")};
        jacket.variants = {variant(QStringLiteral("TJ-S"), 1250), variant(QStringLiteral("TJ-M"), 1900),
                           variant(QStringLiteral("TJ-L"), 1500)};
        catalog.addProduct(jacket);
        const qint64 location = catalog.addLocation(QStringLiteral("Warehouse"), source);
        QSqlQuery variants(handle.db());
        QVERIFY(variants.exec(QStringLiteral("SELECT id FROM variants ORDER BY id")));
        qint64 stock = 4;
        while (variants.next())
            catalog.setStock(variants.value(0).toLongLong(), location, stock++, 10);
        variants.finish();

        Product socks;
        socks.title = QStringLiteral("Wool Socks");
        socks.variants = {variant(QStringLiteral("WS-1"), 1500, QStringLiteral("JPY"))};
        catalog.addProduct(socks);

        Product bundle;
        bundle.title = QStringLiteral("Zip Bundle");
        for (const char *sku : {"Z1", "Z2", "Z3", "Z4", "Z5"})
            bundle.variants.append(variant(QString::fromLatin1(sku), 500));
        catalog.addProduct(bundle);

        Product draft;
        draft.title = QStringLiteral("Unpriced Draft");
        catalog.addProduct(draft);
    }

    CatalogModel model(ws.workspace());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(CatalogModel::ColumnCount));
    // Until its page is read a row shows a placeholder, but knows its product.
    QVERIFY(model.data(model.index(0, 0), CatalogModel::IdRole).toLongLong() > 0);
    QVERIFY(loadRows(model));

    // Ordered by title.
    QCOMPARE(text(model, 0, CatalogModel::Title), QStringLiteral("Trail Jacket"));
    QStringList skus = text(model, 0, CatalogModel::Skus).split(QStringLiteral(", "));
    skus.sort();
    QCOMPARE(skus, QStringList({QStringLiteral("TJ-L"), QStringLiteral("TJ-M"), QStringLiteral("TJ-S")}));
    QCOMPARE(text(model, 0, CatalogModel::Variants), QStringLiteral("3"));
    QCOMPARE(text(model, 0, CatalogModel::Price), QStringLiteral("12.50–19.00 EUR"));
    QCOMPARE(text(model, 0, CatalogModel::Stock), QStringLiteral("15")); // 4 + 5 + 6
    QCOMPARE(text(model, 0, CatalogModel::Source), QStringLiteral("Acme Outdoor"));
    QVERIFY(model.data(model.index(0, 0), CatalogModel::IdRole).toLongLong() > 0);

    QCOMPARE(text(model, 1, CatalogModel::Title), QStringLiteral("Unpriced Draft"));
    QCOMPARE(text(model, 1, CatalogModel::Variants), QStringLiteral("0"));
    QCOMPARE(text(model, 1, CatalogModel::Price), QString());
    QCOMPARE(text(model, 1, CatalogModel::Stock), QStringLiteral("0"));
    QCOMPARE(text(model, 1, CatalogModel::Source), QStringLiteral("Made here"));

    // One price; a currency without minor units.
    QCOMPARE(text(model, 2, CatalogModel::Price), QStringLiteral("1500 JPY"));

    // A long SKU list is cut short; the tooltip has them all.
    QVERIFY(text(model, 3, CatalogModel::Skus).endsWith(QStringLiteral(" +2 more")));
    QCOMPARE(text(model, 3, CatalogModel::Skus, Qt::ToolTipRole).split(QLatin1Char('\n')).size(), 5);
    QCOMPARE(text(model, 3, CatalogModel::Price), QStringLiteral("5.00 EUR"));

    // Stock per location on hover over the stock cell.
    QCOMPARE(text(model, 0, CatalogModel::Stock, Qt::ToolTipRole), QStringLiteral("Warehouse: 15"));
    QCOMPARE(text(model, 1, CatalogModel::Stock, Qt::ToolTipRole),
             QStringLiteral("No stock recorded at any location"));
}

void TestModels::syncRunModelShowsCountersAndProgress()
{
    test::TestWorkspace ws;
    qint64 importRun = 0;
    qint64 emptyRun = 0;
    {
        const DbHandle handle = ws.workspace().openHandle();
        const qint64 connection = ConnectionStore(handle.db()).add(acme());
        RunStore runs(handle.db());
        ItemStore items(handle.db());
        importRun = runs.create(QStringLiteral("import"), connection, QStringLiteral("test"));
        QList<NewItem> work;
        for (int page = 1; page <= 3; ++page) {
            NewItem item;
            item.operation = QStringLiteral("catalog.import_page");
            item.idempotencyKey = QStringLiteral("import-page-%1").arg(page);
            item.connectionId = connection;
            work.append(item);
        }
        items.enqueue(importRun, work);
        const QList<SyncItem> claimed = items.claim(QStringLiteral("test-worker"), 1, 60000);
        QCOMPARE(claimed.size(), 1);
        QVERIFY(items.complete(claimed.first(), ItemOutcome::succeeded(), 60000).recorded);

        emptyRun = runs.create(QStringLiteral("publish"), connection, QStringLiteral("test"));
        runs.cancel(emptyRun);
    }

    SyncRunModel model(ws.workspace());
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(SyncRunModel::ColumnCount));

    // Newest first.
    QCOMPARE(model.data(model.index(0, SyncRunModel::Id)).toLongLong(), emptyRun);
    QCOMPARE(text(model, 0, SyncRunModel::Kind), QStringLiteral("Publish"));
    QCOMPARE(text(model, 0, SyncRunModel::Status), QStringLiteral("Cancelled"));
    QCOMPARE(text(model, 0, SyncRunModel::Progress), QStringLiteral("0/0"));
    QCOMPARE(model.data(model.index(0, 0), SyncRunModel::ProgressRole).toInt(), 100);
    QVERIFY(!text(model, 0, SyncRunModel::Finished).isEmpty());

    QCOMPARE(model.data(model.index(1, SyncRunModel::Id)).toLongLong(), importRun);
    QCOMPARE(model.data(model.index(1, 0), SyncRunModel::IdRole).toLongLong(), importRun);
    QCOMPARE(text(model, 1, SyncRunModel::Kind), QStringLiteral("Import"));
    QCOMPARE(text(model, 1, SyncRunModel::Status), QStringLiteral("Running"));
    QCOMPARE(model.data(model.index(1, 0), SyncRunModel::StatusRole).toInt(),
             int(SyncRun::Status::Running));
    QCOMPARE(text(model, 1, SyncRunModel::Progress), QStringLiteral("1/3"));
    QCOMPARE(model.data(model.index(1, SyncRunModel::Progress), SyncRunModel::ProgressRole).toInt(),
             33);
    QCOMPARE(text(model, 1, SyncRunModel::Succeeded), QStringLiteral("1"));
    QCOMPARE(text(model, 1, SyncRunModel::Failed), QStringLiteral("0"));
    QCOMPARE(text(model, 1, SyncRunModel::Skipped), QStringLiteral("0"));
    QCOMPARE(text(model, 1, SyncRunModel::Started),
             DisplayFormat::dateTime(model.rowAt(1).createdAt));
    QVERIFY(!text(model, 1, SyncRunModel::Started).isEmpty());
    QCOMPARE(text(model, 1, SyncRunModel::Finished), QString());
    QVERIFY(text(model, 1, SyncRunModel::Progress, Qt::ToolTipRole).contains(QStringLiteral("2 remaining")));
}

void TestModels::activityModelShowsAuditEventsNewestFirst()
{
    test::TestWorkspace ws;
    qint64 run = 0;
    {
        const DbHandle handle = ws.workspace().openHandle();
        const qint64 connection = ConnectionStore(handle.db()).add(acme());
        run = RunStore(handle.db()).create(QStringLiteral("import"), connection, QStringLiteral("test"));
    }

    ActivityModel model(ws.workspace());
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ActivityModel::ColumnCount));

    QCOMPARE(text(model, 0, ActivityModel::Kind), QStringLiteral("run.created"));
    QCOMPARE(text(model, 0, ActivityModel::Message),
             QStringLiteral("Run %1 (import) started").arg(run));
    QCOMPARE(model.data(model.index(0, 0), ActivityModel::RunIdRole).toLongLong(), run);
    QCOMPARE(text(model, 1, ActivityModel::Kind), QStringLiteral("connection.added"));
    QCOMPARE(text(model, 1, ActivityModel::Message),
             QStringLiteral("Added Acme Outdoor (acme.myshopify.com)"));
    QCOMPARE(model.data(model.index(1, 0), ActivityModel::RunIdRole).toLongLong(), 0);
    QCOMPARE(text(model, 1, ActivityModel::Time), DisplayFormat::dateTime(model.rowAt(1).at));
    QVERIFY(!text(model, 1, ActivityModel::Time).isEmpty());
    QCOMPARE(model.headerData(ActivityModel::Message, Qt::Horizontal).toString(),
             QStringLiteral("Message"));
}

void TestModels::emptyWorkspaceLoadsNoRows()
{
    test::TestWorkspace ws;
    ConnectorListModel connectors(ws.workspace());
    CatalogModel catalog(ws.workspace());
    SyncRunModel runs(ws.workspace());
    ActivityModel activity(ws.workspace());
    for (WorkspaceModel *model : std::initializer_list<WorkspaceModel *>{&connectors, &catalog, &runs, &activity}) {
        QVERIFY(!model->hasLoaded());
        QVERIFY(load(*model));
        QVERIFY(model->hasLoaded());
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(model->lastError().isEmpty());
    }
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
