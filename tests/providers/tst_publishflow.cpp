// Publishing from the main window as a merchant would, against the Etsy
// sandbox: Ctrl+A in the Catalog, "Publish to…", the Etsy connection and
// Next, the plan (what Etsy would refuse and why, the calls left today),
// Confirm; then Sync jobs shows the run to its end with each listing's link,
// and the Catalog's badges say synced. Cancel in the plan changes nothing.
// The sign-in is read from the fixture's keychain (scripts/with-test-peers.sh).
#include "areapage.h"
#include "catalogmodel.h"
#include "catalogpage.h"
#include "channelbadgedelegate.h"
#include "connectionaccess.h"
#include "connectionstore.h"
#include "etsypublishfixture.h"
#include "appservices.h"
#include "publishservice.h"
#include "mainwindow.h"
#include "peers.h"
#include "productselectiondialog.h"
#include "providerregistry.h"
#include "publishconfirmationdialog.h"
#include "publishcontroller.h"
#include "rundetailmodel.h"
#include "rundetailview.h"
#include "runstore.h"
#include "secretstore.h"
#include "syncjobspage.h"
#include "syncrunmodel.h"
#include "testworkspace.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>

using namespace storeloom;
using namespace storeloom::test;
using namespace Qt::StringLiterals;
using sandbox::etsy::EtsySandbox;
using Area = MainWindow::Area;

namespace {

constexpr int kPlanTimeoutMs = 30000;
constexpr int kRunTimeoutMs = 120000;
constexpr int kRemainingToday = 5000;

// Where "open in the browser" goes instead of a browser.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

// Every text a tree shows, its issue rows included.
QStringList treeTexts(const QTreeWidget &tree)
{
    QStringList texts;
    QList<const QTreeWidgetItem *> items;
    for (int i = 0; i < tree.topLevelItemCount(); ++i)
        items.append(tree.topLevelItem(i));
    while (!items.isEmpty()) {
        const QTreeWidgetItem *item = items.takeFirst();
        for (int column = 0; column < item->columnCount(); ++column)
            texts.append(item->text(column));
        for (int i = 0; i < item->childCount(); ++i)
            items.append(item->child(i));
    }
    return texts;
}

// 152 characters of plain words: Etsy allows 140.
QString longTitle()
{
    QString title;
    for (int i = 0; i < 5; ++i)
        title += u"Hand thrown stoneware mug "_s;
    return title + u"with an oatmeal glazes"_s;
}

} // namespace

class TestPublishFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void publishingFromTheCatalogEndsInSyncedListings();
    void cancelInThePlanChangesNothing();

private:
    void showWindow();
    CatalogPage *catalog() const;
    int catalogRowOf(qint64 productId) const;
    // "Publish to…" with what the Catalog has selected, then Next in the
    // selection dialog; returns the confirmation dialog once the plan is in.
    PublishConfirmationDialog *publishSelection(int expectedCount);
    QList<SyncRun> runs() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<EtsySandbox> m_sandbox;
    ProviderRegistry m_providers;
    SecretStore m_secrets;
    std::unique_ptr<TestWorkspace> m_workspace;
    std::unique_ptr<AppServices> m_services;
    std::unique_ptr<MainWindow::Services> m_forWindow;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_connection = 0;
    QString m_shopName;
};

void TestPublishFlow::initTestCase()
{
    STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(u"StoreloomTest"_s);
    QCoreApplication::setApplicationName(u"tst_publishflow"_s);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(QSettings().fileName().startsWith(m_settingsDir.path()));
    QLocale::setDefault(QLocale::c());

    m_sandbox = std::make_unique<EtsySandbox>();
    QVERIFY(m_sandbox->listen());
    addEtsyProvider(m_providers, *m_sandbox);
}

void TestPublishFlow::init()
{
    QSettings().clear();
    m_sandbox->clearFaults();
    m_workspace = std::make_unique<TestWorkspace>();
    const Workspace &workspace = m_workspace->workspace();
    m_connection = addEtsyChannel(workspace, m_secrets, *m_sandbox);
    QVERIFY(m_connection > 0);
    const DbHandle handle = workspace.openHandle();
    m_shopName = ConnectionStore(handle.db()).get(m_connection).name; // the shop's, from Etsy
    QVERIFY(!m_shopName.isEmpty());
}

void TestPublishFlow::cleanup()
{
    m_window.reset();
    m_forWindow.reset();
    m_services.reset();
    QThreadPool::globalInstance()->waitForDone();
    m_workspace.reset();
}

void TestPublishFlow::showWindow()
{
    // As the app's composition root builds them.
    m_services = std::make_unique<AppServices>(m_workspace->workspace(), m_providers);
    m_services->publishing().resumeUnfinished();
    m_forWindow = std::make_unique<MainWindow::Services>(
        MainWindow::Services{m_services->providers(), m_services->secrets(), m_services->access(),
                             m_services->publishing(), m_services->importing()});
    m_window = std::make_unique<MainWindow>(m_workspace->workspace(), m_forWindow.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(m_window->publishService());
    QVERIFY(m_window->publishController());
    // The app reads the connection's sign-in from the keychain on its own.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connectionAccess()->tokens(m_connection) != nullptr, 15000);
}

CatalogPage *TestPublishFlow::catalog() const
{
    return static_cast<CatalogPage *>(m_window->page(Area::Catalog));
}

int TestPublishFlow::catalogRowOf(qint64 productId) const
{
    const CatalogModel *model = catalog()->catalogModel();
    return int(model->productIds().indexOf(productId));
}

PublishConfirmationDialog *TestPublishFlow::publishSelection(int expectedCount)
{
    PublishController *controller = m_window->publishController();
    auto *publish = catalog()->findChild<QPushButton *>(u"publishButton"_s);
    if (!publish || !publish->isEnabled()) {
        qWarning("Publish to… is not there or not enabled");
        return nullptr;
    }
    QTest::mouseClick(publish, Qt::LeftButton);

    ProductSelectionDialog *selection = controller->selectionDialog();
    if (!selection || !QTest::qWaitForWindowExposed(selection)) {
        qWarning("the product selection dialog did not open");
        return nullptr;
    }
    auto *target = selection->findChild<QComboBox *>(u"publishTarget"_s);
    auto *count = selection->findChild<QLabel *>(u"publishSelectedCount"_s);
    auto *next = selection->findChild<QPushButton *>(u"publishNext"_s);
    // The Etsy connection is the only target, so it is chosen already.
    [&] {
        QCOMPARE(target->count(), 1);
        QCOMPARE(target->currentText(), m_shopName);
        QCOMPARE(target->currentData().toLongLong(), m_connection);
        QCOMPARE(count->text(), u"%1 selected"_s.arg(expectedCount));
        QVERIFY(next->isEnabled());
    }();
    if (QTest::currentTestFailed())
        return nullptr;

    m_sandbox->setRemainingToday(kRemainingToday);
    QTest::mouseClick(next, Qt::LeftButton);
    if (!QTest::qWaitFor([controller] { return controller->confirmationDialog() != nullptr; },
                         kPlanTimeoutMs)) {
        qWarning("no plan came back");
        return nullptr;
    }
    PublishConfirmationDialog *dialog = controller->confirmationDialog();
    if (!QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

QList<SyncRun> TestPublishFlow::runs() const
{
    const DbHandle handle = m_workspace->workspace().openHandle();
    return RunStore(handle.db()).list();
}

void TestPublishFlow::publishingFromTheCatalogEndsInSyncedListings()
{
    const Workspace &workspace = m_workspace->workspace();
    const qint64 apron = addPublishableProduct(workspace, u"Linen apron"_s, 1, 1, m_sandbox->url());
    const qint64 scarf = addPublishableProduct(workspace, u"Wool scarf"_s, 2, 1, m_sandbox->url());
    QCOMPARE(longTitle().size(), 152);
    const qint64 mug = addPublishableProduct(workspace, longTitle(), 1, 1, m_sandbox->url());
    const qsizetype listingsBefore = m_sandbox->listings().size();

    showWindow();
    if (QTest::currentTestFailed())
        return;

    // The Catalog, all three products selected from the keyboard.
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->currentArea(), Area::Catalog);
    QTableView *table = catalog()->view();
    QTRY_COMPARE(table->model()->rowCount(), 3);
    QTRY_VERIFY(table->isVisible());
    table->setFocus();
    QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(catalog()->selectedProductIds().size(), 3);

    PublishConfirmationDialog *dialog = publishSelection(3);
    QVERIFY(dialog);

    // What the plan says it will do, and what Etsy would refuse.
    auto *summary = dialog->findChild<QLabel *>(u"planSummary"_s);
    QCOMPARE(summary->text(), u"Create 2 · Update 0 · Unchanged 0 (skipped) · Cannot publish 1"_s);
    auto *invalid = dialog->findChild<QTreeWidget *>(u"planInvalidList"_s);
    QVERIFY(invalid->isVisible()); // the problems are shown first
    const QStringList problems = treeTexts(*invalid);
    QVERIFY2(problems.contains(longTitle()), qPrintable(problems.join(u" | "_s)));
    QVERIFY2(problems.contains(u"The title has 152 characters; Etsy allows 140."_s),
             qPrintable(problems.join(u" | "_s)));
    // The calls it needs, against what Etsy still allows today (the sandbox
    // counted the probe that asked).
    auto *budget = dialog->findChild<QLabel *>(u"planBudget"_s);
    const QLocale locale;
    QCOMPARE(budget->text(), u"API calls needed: %1 · %2 allows %3 more today"_s.arg(
                                 locale.toString(dialog->plan().apiCalls()), m_shopName,
                                 locale.toString(kRemainingToday - 1)));
    QVERIFY(dialog->plan().apiCalls() > 0);

    QSignalSpy started(m_window->publishController(), &PublishController::runStarted);
    auto *confirm = dialog->findChild<QPushButton *>(u"planConfirm"_s);
    QVERIFY(confirm->isEnabled());
    QTest::mouseClick(confirm, Qt::LeftButton);
    QCOMPARE(started.size(), 1);
    const qint64 runId = started.first().first().toLongLong();
    QTRY_VERIFY(!m_window->publishController()->confirmationDialog());
    // The offscreen platform has no window manager to hand the activation
    // back to the window once its dialogs have closed.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

    // Sync jobs, with the new run selected.
    QCOMPARE(m_window->currentArea(), Area::SyncJobs);
    SyncJobsPage *jobs = m_window->syncJobsPage();
    QTRY_COMPARE(jobs->selectedRunId(), runId);
    QCOMPARE(jobs->view()->currentIndex().data(SyncRunModel::IdRole).toLongLong(), runId);

    // The run's row, to its end.
    SyncRunModel *runModel = jobs->runs();
    const auto runCell = [&](int column) {
        const int row = runModel->rowOf(runId);
        return row < 0 ? QString() : runModel->index(row, column).data().toString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(runCell(SyncRunModel::Status), u"Succeeded"_s, kRunTimeoutMs);
    QCOMPARE(runCell(SyncRunModel::Succeeded), u"2"_s);
    QCOMPARE(runCell(SyncRunModel::Failed), u"0"_s);

    // Its products: both synced, each with its listing's link.
    QTableView *detail = jobs->findChild<QTableView *>(u"runDetailTable"_s);
    QVERIFY(detail);
    const QAbstractItemModel *rows = detail->model();
    const auto detailRows = [&] {
        QStringList lines;
        for (int row = 0; row < rows->rowCount(); ++row) {
            QStringList cells;
            for (int column = 0; column < rows->columnCount(); ++column)
                cells.append(rows->index(row, column).data().toString());
            lines.append(cells.join(u" | "_s));
        }
        return lines.join(u"\n"_s);
    };
    const auto allSynced = [&] {
        if (rows->rowCount() != 2)
            return false;
        for (int row = 0; row < 2; ++row) {
            if (rows->index(row, RunDetailModel::State).data().toString() != u"Done"_s ||
                rows->index(row, RunDetailModel::Channel).data().toString() != u"Synced"_s ||
                !rows->index(row, RunDetailModel::Listing)
                     .data()
                     .toString()
                     .startsWith(u"https://www.etsy.com/listing/"_s))
                return false;
        }
        return true;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(allSynced(), qPrintable(detailRows()), kRunTimeoutMs);
    QTRY_VERIFY(detail->isVisible());
    QStringList titles;
    for (int row = 0; row < 2; ++row)
        titles.append(rows->index(row, RunDetailModel::Product).data().toString());
    titles.sort();
    QCOMPARE(titles, (QStringList{u"Linen apron"_s, u"Wool scarf"_s}));

    // Clicking a listing's link opens it in the browser.
    UrlCatcher browser;
    QDesktopServices::setUrlHandler(u"https"_s, &browser, "open");
    const QModelIndex link = rows->index(0, RunDetailModel::Listing);
    const QUrl listingUrl = link.data(RunDetailModel::UrlRole).toUrl();
    QVERIFY(listingUrl.isValid());
    QCOMPARE(listingUrl.toString(), link.data().toString());
    detail->scrollTo(link);
    QTest::mouseClick(detail->viewport(), Qt::LeftButton, {}, detail->visualRect(link).center());
    QDesktopServices::unsetUrlHandler(u"https"_s);
    QCOMPARE(browser.opened, QList<QUrl>{listingUrl});

    // The Catalog's badges: synced on Etsy for the two, nothing for the mug.
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->currentArea(), Area::Catalog);
    const CatalogModel *products = catalog()->catalogModel();
    const auto channels = [&](qint64 product) {
        return products->index(catalogRowOf(product), CatalogModel::Channels);
    };
    const QList<ChannelBadge> synced{{m_shopName, ChannelState::State::Synced}};
    for (qint64 product : {apron, scarf}) {
        QTRY_COMPARE_WITH_TIMEOUT(channels(product).data().toString(), m_shopName + u": synced"_s,
                                  15000);
        QCOMPARE(channels(product).data(CatalogModel::BadgesRole).value<QList<ChannelBadge>>(),
                 synced);
    }
    QCOMPARE(channels(mug).data().toString(), QString());
    QVERIFY(channels(mug).data(CatalogModel::BadgesRole).value<QList<ChannelBadge>>().isEmpty());

    // Etsy has the two listings, and nothing else.
    QCOMPARE(m_sandbox->listings().size(), listingsBefore + 2);
    QStringList listed;
    for (const QJsonObject &listing : m_sandbox->listings())
        listed.append(listing.value(u"title"_s).toString());
    QVERIFY(listed.contains(u"Linen apron"_s));
    QVERIFY(listed.contains(u"Wool scarf"_s));
    QVERIFY(!listed.contains(longTitle()));
}

void TestPublishFlow::cancelInThePlanChangesNothing()
{
    const qint64 candle =
        addPublishableProduct(m_workspace->workspace(), u"Beeswax candle"_s, 1, 1, m_sandbox->url());
    const QList<QJsonObject> listingsBefore = m_sandbox->listings();

    showWindow();
    if (QTest::currentTestFailed())
        return;
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QTableView *table = catalog()->view();
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QTRY_VERIFY(table->isVisible());
    const QModelIndex row = table->model()->index(0, CatalogModel::Title);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(row).center());
    QCOMPARE(catalog()->selectedProductIds(), QList<qint64>{candle});

    PublishConfirmationDialog *dialog = publishSelection(1);
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLabel *>(u"planSummary"_s)->text(),
             u"Create 1 · Update 0 · Unchanged 0 (skipped) · Cannot publish 0"_s);
    QSignalSpy started(m_window->publishController(), &PublishController::runStarted);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"planCancel"_s), Qt::LeftButton);
    QTRY_VERIFY(!m_window->publishController()->confirmationDialog());

    // Nothing started: no run, the Catalog still shown, Etsy as it was.
    QVERIFY(started.isEmpty());
    QCOMPARE(m_window->currentArea(), Area::Catalog);
    QVERIFY(runs().isEmpty());
    QCOMPARE(m_sandbox->listings(), listingsBefore);
    const QModelIndex channels = catalog()->catalogModel()->index(0, CatalogModel::Channels);
    QCOMPARE(channels.data().toString(), QString());
}

QTEST_MAIN(TestPublishFlow)
#include "tst_publishflow.moc"
