// The main window, driven offscreen: navigation by mouse and keyboard, each
// area's empty state, rows after the workspace fills up, and the geometry and
// area it remembers. Settings go to an ini file in a temporary folder.
//
// STORELOOM_UI_SCREENSHOTS=<folder> saves a PNG of each populated area there.

#include "addconnectordialog.h"
#include "areapage.h"
#include "builtinproviders.h"
#include "catalogstore.h"
#include "connectionstore.h"
#include "itemstore.h"
#include "appservices.h"
#include "mainwindow.h"
#include "workspacewatcher.h"
#include "providerregistry.h"
#include "runindicator.h"
#include "runstore.h"
#include "testworkspace.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace storeloom;
using Area = MainWindow::Area;

namespace {

struct AreaSpec
{
    const char *name;
    const char *emptyText;
};

const AreaSpec kAreas[MainWindow::kAreaCount] = {
    {"connectors", "No stores connected yet. Use Add connector to connect the stores you sell on."},
    {"catalog", "Your catalog is empty. Connect a store and import its products."},
    {"syncJobs", "No sync jobs yet — publish products from the Catalog or import a store from "
                 "Connectors."},
    {"activity", "Nothing has happened yet. Connections, runs and errors are recorded here."},
};

QString areaObjectName(int area, const char *suffix)
{
    return QString::fromLatin1(kAreas[area].name) + QString::fromLatin1(suffix);
}

QWidget *pageOf(const MainWindow &window, int area)
{
    return window.findChild<QWidget *>(areaObjectName(area, "Page"));
}
QLabel *emptyStateOf(const MainWindow &window, int area)
{
    return window.findChild<QLabel *>(areaObjectName(area, "EmptyState"));
}
QTableView *tableOf(const MainWindow &window, int area)
{
    return window.findChild<QTableView *>(areaObjectName(area, "Table"));
}
QWidget *currentPage(const MainWindow &window)
{
    return window.findChild<QStackedWidget *>(QStringLiteral("areas"))->currentWidget();
}
QListWidget *navigationOf(const MainWindow &window)
{
    return window.findChild<QListWidget *>(QStringLiteral("navigation"));
}

void clickArea(const MainWindow &window, int area)
{
    QListWidget *navigation = navigationOf(window);
    const QRect rect = navigation->visualItemRect(navigation->item(area));
    QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, rect.center());
}

// All cells' display texts of a table, for "shows this somewhere" checks.
QStringList cellTexts(const QTableView &table)
{
    QStringList texts;
    const QAbstractItemModel *model = table.model();
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column)
            texts.append(model->index(row, column).data().toString());
    }
    return texts;
}

Variant variant(const QString &sku, qint64 price)
{
    Variant v;
    v.title = sku;
    v.sku = sku;
    v.price = {price, QStringLiteral("EUR")};
    return v;
}

// What a merchant has after connecting a store, importing and starting a run.
qint64 populate(const Workspace &workspace)
{
    const DbHandle handle = workspace.openHandle();
    Connection acme;
    acme.provider = QStringLiteral("shopify");
    acme.externalShopId = QStringLiteral("acme-1");
    acme.name = QStringLiteral("Acme Outdoor");
    acme.domain = QStringLiteral("acme.myshopify.com");
    acme.scopes = {QStringLiteral("read_products"), QStringLiteral("write_inventory")};
    acme.status = Connection::Status::Live;
    acme.secretKey = QStringLiteral("storeloom/acme");
    acme.lastActiveAt = QDateTime::currentMSecsSinceEpoch();
    const qint64 connection = ConnectionStore(handle.db()).add(acme);

    Product jacket;
    jacket.title = QStringLiteral("Trail Jacket");
    jacket.sourceConnectionId = connection;
    jacket.optionNames = {QStringLiteral("Size")};
    jacket.variants = {variant(QStringLiteral("TJ-S"), 1250),
                       variant(QStringLiteral("TJ-M"), 1900)};
    CatalogStore(handle.db()).addProduct(jacket);

    RunStore runs(handle.db());
    const qint64 run = runs.create(QStringLiteral("import"), connection, QStringLiteral("cli"));
    QList<NewItem> items;
    for (int page = 1; page <= 3; ++page) {
        NewItem item;
        item.operation = QStringLiteral("catalog.import_page");
        item.idempotencyKey = QStringLiteral("acme-import-%1").arg(page);
        item.connectionId = connection;
        items.append(item);
    }
    ItemStore(handle.db()).enqueue(run, items);
    return run;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void emptyWorkspaceShowsEachAreasEmptyState();
    void arrowKeysMoveThroughTheAreas();
    void populatedWorkspaceShowsRowsAfterRefresh();
    void runsStartedElsewhereShowUpWithoutRefresh();
    void geometryAndAreaAreRestored();
    void addConnectorOpensTheConnectDialog();

private:
    QTemporaryDir m_settingsDir;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("StoreloomTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(QSettings().fileName().startsWith(m_settingsDir.path()));
    QLocale::setDefault(QLocale::c());
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
}

void TestMainWindow::emptyWorkspaceShowsEachAreasEmptyState()
{
    test::TestWorkspace ws;
    MainWindow window(ws.workspace());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QCOMPARE(window.currentArea(), Area::Connectors); // nothing remembered yet
    auto *path = window.findChild<QLabel *>(QStringLiteral("workspacePath"));
    QVERIFY(path && path->isVisible());
    QVERIFY(path->text().contains(QDir::toNativeSeparators(ws.path())));
    QVERIFY(!window.findChild<RunIndicator *>()->isVisible()); // no job runs

    auto *addConnector = window.findChild<QPushButton *>(QStringLiteral("addConnectorButton"));
    QVERIFY(addConnector && addConnector->isVisible());
    QVERIFY(!addConnector->isEnabled());
    QVERIFY(!addConnector->toolTip().isEmpty());

    // By mouse, through the navigation list.
    for (int area = 0; area < MainWindow::kAreaCount; ++area) {
        clickArea(window, area);
        QTRY_COMPARE(currentPage(window), pageOf(window, area));
        QCOMPARE(window.currentArea(), Area(area));
        QLabel *empty = emptyStateOf(window, area);
        QVERIFY(empty);
        QTRY_VERIFY(empty->isVisible());
        QCOMPARE(empty->text(), QString::fromUtf8(kAreas[area].emptyText));
        QVERIFY(!tableOf(window, area)->isVisible());
    }

    // By keyboard: Ctrl+1..Ctrl+4, in reverse so every press changes the area.
    for (int area = MainWindow::kAreaCount - 1; area >= 0; --area) {
        QTest::keyClick(&window, Qt::Key(Qt::Key_1 + area), Qt::ControlModifier);
        QTRY_COMPARE(currentPage(window), pageOf(window, area));
        QCOMPARE(navigationOf(window)->currentRow(), area);
        QTRY_VERIFY(emptyStateOf(window, area)->isVisible());
    }
}

void TestMainWindow::arrowKeysMoveThroughTheAreas()
{
    test::TestWorkspace ws;
    MainWindow window(ws.workspace());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QListWidget *navigation = navigationOf(window);
    QTRY_COMPARE(QApplication::focusWidget(), navigation); // keyboard users start here

    QTest::keyClick(navigation, Qt::Key_Down);
    QCOMPARE(window.currentArea(), Area::Catalog);
    QTest::keyClick(navigation, Qt::Key_Down);
    QCOMPARE(window.currentArea(), Area::SyncJobs);
    QTest::keyClick(navigation, Qt::Key_End);
    QCOMPARE(window.currentArea(), Area::Activity);
    QCOMPARE(currentPage(window), pageOf(window, int(Area::Activity)));
    QTest::keyClick(navigation, Qt::Key_Up);
    QCOMPARE(window.currentArea(), Area::SyncJobs);
}

void TestMainWindow::populatedWorkspaceShowsRowsAfterRefresh()
{
    test::TestWorkspace ws;
    MainWindow window(ws.workspace());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_VERIFY(emptyStateOf(window, 0)->isVisible());

    const qint64 run = populate(ws.workspace());
    QTest::keyClick(&window, Qt::Key_F5); // View > Refresh

    const QStringList expected[MainWindow::kAreaCount] = {
        {QStringLiteral("Acme Outdoor"), QStringLiteral("acme.myshopify.com"),
         QStringLiteral("Live"), QStringLiteral("read_products, write_inventory")},
        {QStringLiteral("Trail Jacket"), QStringLiteral("12.50–19.00 EUR"), QStringLiteral("2"),
         QStringLiteral("Acme Outdoor")},
        {QString::number(run), QStringLiteral("Import"), QStringLiteral("Running"),
         QStringLiteral("0/3")},
        {QStringLiteral("Added Acme Outdoor (acme.myshopify.com)"),
         QStringLiteral("Run %1 (import) started").arg(run)},
    };
    for (int area = 0; area < MainWindow::kAreaCount; ++area) {
        QTest::keyClick(&window, Qt::Key(Qt::Key_1 + area), Qt::ControlModifier);
        QTRY_COMPARE(currentPage(window), pageOf(window, area));
        QTableView *table = tableOf(window, area);
        QTRY_VERIFY(table->isVisible());
        QVERIFY(!emptyStateOf(window, area)->isVisible());
        // The catalog reads its rows' details after the list: wait for them.
        for (const QString &text : expected[area])
            QTRY_VERIFY2(cellTexts(*table).contains(text),
                         qPrintable(QStringLiteral("%1 does not show \"%2\"; it shows %3")
                                        .arg(areaObjectName(area, "Table"), text,
                                             cellTexts(*table).join(QStringLiteral(" | ")))));
    }
    QCOMPARE(tableOf(window, 2)->model()->rowCount(), 1);
    QCOMPARE(tableOf(window, 3)->model()->rowCount(), 2);

    auto *indicator = window.findChild<RunIndicator *>();
    QTRY_VERIFY(indicator->isVisible());
    QCOMPARE(indicator->text(), QStringLiteral("1 job running"));

    const QString screenshots = qEnvironmentVariable("STORELOOM_UI_SCREENSHOTS");
    if (!screenshots.isEmpty()) {
        window.resize(1000, 560);
        for (int area = 0; area < MainWindow::kAreaCount; ++area) {
            window.setCurrentArea(Area(area));
            QVERIFY(window.grab().save(QDir(screenshots).filePath(areaObjectName(area, ".png"))));
        }
    }
}

void TestMainWindow::runsStartedElsewhereShowUpWithoutRefresh()
{
    test::TestWorkspace ws;
    MainWindow window(ws.workspace());
    window.setCurrentArea(Area::SyncJobs);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(emptyStateOf(window, 2)->isVisible());

    populate(ws.workspace()); // as storeloom-cli would, from another connection
    QTRY_VERIFY_WITH_TIMEOUT(tableOf(window, 2)->isVisible(), 10 * WorkspaceWatcher::kCheckIntervalMs);
    QCOMPARE(tableOf(window, 2)->model()->index(0, 3).data().toString(), QStringLiteral("0/3"));
}

void TestMainWindow::geometryAndAreaAreRestored()
{
    test::TestWorkspace ws;
    const QSize size(640, 420);
    const QPoint position(30, 40);
    {
        MainWindow window(ws.workspace());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.resize(size);
        window.move(position);
        QTRY_COMPARE(window.size(), size);
        QTRY_COMPARE(window.pos(), position);
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentArea(), Area::SyncJobs);
        QVERIFY(window.close());
    }
    QVERIFY(QFile::exists(QSettings().fileName()));
    QVERIFY(QSettings().fileName().startsWith(m_settingsDir.path()));

    MainWindow restored(ws.workspace());
    QCOMPARE(restored.currentArea(), Area::SyncJobs);
    QCOMPARE(navigationOf(restored)->currentRow(), int(Area::SyncJobs));
    QCOMPARE(currentPage(restored), pageOf(restored, int(Area::SyncJobs)));
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QTRY_COMPARE(restored.size(), size);
    QTRY_COMPARE(restored.pos(), position);
}

void TestMainWindow::addConnectorOpensTheConnectDialog()
{
    test::TestWorkspace ws;
    ProviderRegistry providers;
    registerBuiltInProviders(providers);
    AppServices services(ws.workspace(), providers);
    const MainWindow::Services forWindow{services.providers(), services.secrets(),
                                         services.access(), services.publishing(),
                                         services.importing()};
    MainWindow window(ws.workspace(), &forWindow);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    auto *addConnector = window.findChild<QPushButton *>(QStringLiteral("addConnectorButton"));
    QVERIFY(addConnector->isEnabled());
    QTest::mouseClick(addConnector, Qt::LeftButton);
    auto *dialog = window.findChild<AddConnectorDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->page(), AddConnectorDialog::Page::Platform);
    QTest::mouseClick(addConnector, Qt::LeftButton); // a second click raises the same dialog
    QCOMPARE(window.findChildren<AddConnectorDialog *>().size(), 1);
    dialog->close();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
