// The Sync jobs area: runs with their connection, counts, rate and ETA;
// a run's products with their states, listing links and errors; Retry
// failed, Cancel and Export CSV — seeded through the engine's own stores.

#include "catalogstore.h"
#include "channelmappings.h"
#include "connectionstore.h"
#include "itemstore.h"
#include "publishseed.h"
#include "rundetailcsv.h"
#include "rundetailmodel.h"
#include "rundetailview.h"
#include "runstore.h"
#include "syncjobspage.h"
#include "syncrunmodel.h"
#include "testworkspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

using namespace storeloom;

namespace {

const QString kListingUrl = QStringLiteral("https://www.etsy.com/listing/1001/trail-mug");
const QString kTooLong = QStringLiteral("Title is 152 characters; Etsy allows 140");

// Catches the URLs the page asks the desktop to open.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

// A publish run to an Etsy shop over three products: the first published
// (with its listing), the second failed for good, the third still waiting.
struct Seeded
{
    qint64 connection = 0;
    qint64 run = 0;
    QList<qint64> products;
    QList<qint64> items;
};

Seeded seedPublishRun(const Workspace &workspace)
{
    Seeded seeded;
    const DbHandle handle = workspace.openHandle();
    Connection etsy;
    etsy.provider = QStringLiteral("etsy");
    etsy.externalShopId = QStringLiteral("loom-shop");
    etsy.name = QStringLiteral("Loom Etsy");
    etsy.status = Connection::Status::Live;
    seeded.connection = ConnectionStore(handle.db()).add(etsy);

    CatalogStore catalog(handle.db());
    for (const QString &title :
         {QStringLiteral("Trail Mug, \"Big\""), QStringLiteral("Wool Scarf\nwith fringe"),
          QStringLiteral("Canvas Tote")}) {
        Product product;
        product.title = title;
        Variant variant;
        variant.title = title;
        variant.sku = QStringLiteral("SKU-%1").arg(seeded.products.size());
        variant.price = {1500, QStringLiteral("EUR")};
        product.variants = {variant};
        seeded.products.append(catalog.addProduct(product));
    }

    seeded.run = RunStore(handle.db())
                     .create(QStringLiteral("publish"), seeded.connection, QStringLiteral("test"));
    QList<NewItem> work;
    for (qint64 product : std::as_const(seeded.products)) {
        NewItem item = test::publishItem(seeded.connection, product,
                                         QStringLiteral("publish-%1").arg(product));
        item.maxAttempts = 1;
        work.append(item);
    }
    ItemStore items(handle.db());
    for (const ItemStore::Enqueued &enqueued : items.enqueue(seeded.run, work))
        seeded.items.append(enqueued.item.id);
    ChannelMappings channel(handle.db());
    channel.markPending(seeded.connection, seeded.products);

    const QList<SyncItem> claimed = items.claim(QStringLiteral("test-worker"), 2, 60000);
    Q_ASSERT(claimed.size() == 2 && claimed.at(0).entityId == seeded.products.at(0));
    items.complete(claimed.at(0), ItemOutcome::succeeded(), 60000);
    channel.recordExternalId(seeded.connection, seeded.products.at(0), QStringLiteral("1001"),
                             kListingUrl);
    QSqlQuery hash(handle.db());
    hash.exec(QStringLiteral("SELECT content_hash FROM products WHERE id = %1")
                  .arg(seeded.products.at(0)));
    hash.next(); // synced as the product is now: not out of sync
    channel.recordSynced(seeded.connection, seeded.products.at(0), hash.value(0).toString(),
                         QStringLiteral("dst"), QStringLiteral("{}"));
    items.complete(claimed.at(1), ItemOutcome::permanent(kTooLong), 60000);
    channel.recordFailed(seeded.connection, seeded.products.at(1), kTooLong);
    return seeded;
}

SyncItem itemOf(const Workspace &workspace, qint64 itemId)
{
    const DbHandle handle = workspace.openHandle();
    return ItemStore(handle.db()).get(itemId);
}

QString cell(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

// Answers the next message box with `button` once it shows.
void answerNextMessageBox(QMessageBox::StandardButton button, QString *asked)
{
    QTimer::singleShot(0, qApp, [button, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            answerNextMessageBox(button, asked);
            return;
        }
        *asked = box->objectName();
        box->button(button)->click();
    });
}

// A page over the workspace, shown, with `run` selected and its products in.
struct ShownPage
{
    explicit ShownPage(const Workspace &workspace) : runs(workspace), page(&runs)
    {
        page.resize(1400, 800);
        page.show();
        runs.refresh();
    }

    bool select(qint64 run, int products)
    {
        page.selectRun(run);
        return QTest::qWaitFor([&] {
            return page.detailModel()->rowCount() == products && page.detailModel()->run();
        });
    }

    QPushButton *button(const QString &name) { return page.findChild<QPushButton *>(name); }
    QTableView *detailTable()
    {
        return page.findChild<QTableView *>(QStringLiteral("runDetailTable"));
    }

    SyncRunModel runs;
    SyncJobsPage page;
};

// A workspace with the publish run of seedPublishRun(), and the page over it.
struct SeededPage
{
    test::TestWorkspace ws;
    Seeded seeded = seedPublishRun(ws.workspace());
    ShownPage shown{ws.workspace()};
};

} // namespace

class TestSyncJobsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void cleanup() { QThreadPool::globalInstance()->waitForDone(); }

    void emptyWorkspaceShowsWhatToDo();
    void runsShowConnectionCountsRateAndEta();
    void selectedRunShowsItsProducts();
    void filterShowsProductsInAState();
    void listingLinkOpensTheBrowser();
    void retryFailedAsksTheServiceOrTheWorkspace();
    void cancelAsksFirst();
    void exportCsvQuotesWhatNeedsIt();
};

void TestSyncJobsPage::emptyWorkspaceShowsWhatToDo()
{
    test::TestWorkspace ws;
    ShownPage shown(ws.workspace());
    auto *empty = shown.page.findChild<QLabel *>(QStringLiteral("syncJobsEmptyState"));
    QTRY_VERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("No sync jobs yet — publish products from the Catalog "
                                           "or import a store from Connectors."));
    QVERIFY(shown.page.detail()->isHidden());
}

void TestSyncJobsPage::runsShowConnectionCountsRateAndEta()
{
    test::TestWorkspace ws;
    const Seeded seeded = seedPublishRun(ws.workspace());
    qint64 import = 0;
    {
        const DbHandle handle = ws.workspace().openHandle();
        RunStore runs(handle.db());
        import = runs.create(QStringLiteral("import"), seeded.connection, QStringLiteral("test"));
        runs.setProgress(import, 100, 0, 0);
    }
    SyncRunModel model(ws.workspace());
    qint64 now = itemOf(ws.workspace(), seeded.items.first()).createdAt + 60 * 1000;
    model.setClock([&now] { return now; });
    QSignalSpy loaded(&model, &WorkspaceModel::loaded);
    model.refresh();
    QVERIFY(loaded.wait());

    const int publishRow = model.rowOf(seeded.run);
    QCOMPARE(model.rowOf(import), 0); // newest first
    QCOMPARE(publishRow, 1);
    QCOMPARE(cell(model, publishRow, SyncRunModel::Kind), QStringLiteral("Publish"));
    QCOMPARE(cell(model, publishRow, SyncRunModel::Connection), QStringLiteral("Loom Etsy"));
    QCOMPARE(cell(model, publishRow, SyncRunModel::Progress), QStringLiteral("2/3"));
    QCOMPARE(cell(model, publishRow, SyncRunModel::Failed), QStringLiteral("1"));
    QCOMPARE(cell(model, publishRow, SyncRunModel::Remaining), QStringLiteral("1"));
    QCOMPARE(cell(model, publishRow, SyncRunModel::Duration), QStringLiteral("1 min"));
    QCOMPARE(cell(model, 0, SyncRunModel::Rate), QString()); // one refresh: no rate yet
    QCOMPARE(cell(model, 0, SyncRunModel::Eta), QString());

    // Ten more done two seconds later: five a second, 90 left in 18 s.
    {
        const DbHandle handle = ws.workspace().openHandle();
        RunStore(handle.db()).setProgress(import, 100, 10, 0);
    }
    now += 2000;
    QSignalSpy refreshed(&model, &SyncRunModel::runRefreshed);
    model.refreshRun(import);
    QVERIFY(refreshed.wait());
    QCOMPARE(cell(model, 0, SyncRunModel::Progress), QStringLiteral("10/100"));
    QCOMPARE(cell(model, 0, SyncRunModel::Rate), QStringLiteral("5.0/s"));
    QCOMPARE(cell(model, 0, SyncRunModel::Eta), QStringLiteral("18 s"));
    QCOMPARE(cell(model, 0, SyncRunModel::Remaining), QStringLiteral("90"));
}

void TestSyncJobsPage::selectedRunShowsItsProducts()
{
    SeededPage fixture;
    auto &[ws, seeded, shown] = fixture;
    QVERIFY(shown.select(seeded.run, 3));
    QTRY_VERIFY(shown.detailTable()->isVisible());
    QCOMPARE(shown.page.selectedRunId(), seeded.run);
    QTRY_COMPARE(shown.page.findChild<QLabel *>(QStringLiteral("runDetailCaption"))->text(),
                 QStringLiteral("Publish run %1 · Loom Etsy · Running").arg(seeded.run));

    const RunDetailModel &model = *shown.page.detailModel();
    QCOMPARE(cell(model, 0, RunDetailModel::Product), QStringLiteral("Trail Mug, \"Big\""));
    QCOMPARE(cell(model, 0, RunDetailModel::State), QStringLiteral("Done"));
    QCOMPARE(cell(model, 0, RunDetailModel::Channel), QStringLiteral("Synced"));
    QCOMPARE(cell(model, 0, RunDetailModel::Listing), kListingUrl);
    QCOMPARE(cell(model, 0, RunDetailModel::Attempts), QStringLiteral("1"));
    QVERIFY(!cell(model, 0, RunDetailModel::LastAttempt).isEmpty());
    QCOMPARE(cell(model, 0, RunDetailModel::Error), QString());

    QCOMPARE(cell(model, 1, RunDetailModel::State), QStringLiteral("Failed"));
    QCOMPARE(cell(model, 1, RunDetailModel::Channel), QStringLiteral("Failed"));
    QCOMPARE(cell(model, 1, RunDetailModel::Listing), QString());
    QCOMPARE(cell(model, 1, RunDetailModel::Error), kTooLong);

    QCOMPARE(cell(model, 2, RunDetailModel::Product), QStringLiteral("Canvas Tote"));
    QCOMPARE(cell(model, 2, RunDetailModel::State), QStringLiteral("Waiting"));
    QCOMPARE(cell(model, 2, RunDetailModel::Channel), QStringLiteral("Pending"));
    QCOMPARE(cell(model, 2, RunDetailModel::LastAttempt), QString());
    QCOMPARE(cell(model, 2, RunDetailModel::Attempts), QStringLiteral("0"));

    QVERIFY(shown.button(QStringLiteral("retryFailedButton"))->isEnabled());
    QVERIFY(shown.button(QStringLiteral("cancelRunButton"))->isEnabled());
    QVERIFY(shown.button(QStringLiteral("exportCsvButton"))->isEnabled());

    // Progress of the selected run reaches its products.
    {
        const DbHandle handle = ws.workspace().openHandle();
        ItemStore items(handle.db());
        const QList<SyncItem> claimed = items.claim(QStringLiteral("test-worker"), 1, 60000);
        QCOMPARE(claimed.size(), 1);
        items.complete(claimed.first(), ItemOutcome::succeeded(), 60000);
    }
    shown.page.refreshRun(seeded.run);
    QTRY_COMPARE(cell(model, 2, RunDetailModel::State), QStringLiteral("Done"));
    QTRY_COMPARE(cell(shown.runs, shown.runs.rowOf(seeded.run), SyncRunModel::Status),
                 QStringLiteral("Failed"));
    QTRY_VERIFY(!shown.button(QStringLiteral("cancelRunButton"))->isEnabled()); // finished
}

void TestSyncJobsPage::filterShowsProductsInAState()
{
    SeededPage fixture;
    auto &[ws, seeded, shown] = fixture;
    QVERIFY(shown.select(seeded.run, 3));
    const QAbstractItemModel *shownRows = shown.detailTable()->model();
    auto *filter = shown.page.findChild<QComboBox *>(QStringLiteral("runDetailFilter"));
    QCOMPARE(shownRows->rowCount(), 3);

    filter->setCurrentIndex(int(RunDetailView::Filter::Failed));
    QCOMPARE(shownRows->rowCount(), 1);
    QCOMPARE(cell(*shownRows, 0, RunDetailModel::Error), kTooLong);
    shown.page.detail()->setFilter(RunDetailView::Filter::InProgress);
    QCOMPARE(shownRows->rowCount(), 1);
    QCOMPARE(cell(*shownRows, 0, RunDetailModel::Product), QStringLiteral("Canvas Tote"));
    shown.page.detail()->setFilter(RunDetailView::Filter::Cancelled);
    QCOMPARE(shownRows->rowCount(), 0);
    QTRY_VERIFY(
        shown.page.findChild<QLabel *>(QStringLiteral("runDetailPlaceholder"))->isVisible());
    shown.page.detail()->setFilter(RunDetailView::Filter::All);
    QCOMPARE(shownRows->rowCount(), 3);
}

void TestSyncJobsPage::listingLinkOpensTheBrowser()
{
    SeededPage fixture;
    auto &[ws, seeded, shown] = fixture;
    QVERIFY(QTest::qWaitForWindowExposed(&shown.page));
    QVERIFY(shown.select(seeded.run, 3));
    QTableView *table = shown.detailTable();
    QTRY_VERIFY(table->isVisible());

    UrlCatcher browser;
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "open");
    const QModelIndex link = table->model()->index(0, RunDetailModel::Listing);
    table->scrollTo(link);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(link).center());
    QCOMPARE(browser.urls, QList<QUrl>{QUrl(kListingUrl)});

    // A product without a listing opens nothing; Enter on a link opens it.
    const QModelIndex none = table->model()->index(1, RunDetailModel::Listing);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(none).center());
    QCOMPARE(browser.urls.size(), 1);
    table->setCurrentIndex(link);
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(browser.urls.size(), 2);
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
}

void TestSyncJobsPage::retryFailedAsksTheServiceOrTheWorkspace()
{
    SeededPage fixture;
    auto &[ws, seeded, shown] = fixture;
    QVERIFY(shown.select(seeded.run, 3));
    QPushButton *retry = shown.button(QStringLiteral("retryFailedButton"));
    QTRY_VERIFY(retry->isEnabled());

    {
        // The service listens: the page asks it and changes nothing itself.
        QSignalSpy requested(&shown.page, &SyncJobsPage::retryFailedRequested);
        QTest::mouseClick(retry, Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toLongLong(), seeded.run);
        QThreadPool::globalInstance()->waitForDone();
        QCOMPARE(itemOf(ws.workspace(), seeded.items.at(1)).state, SyncItem::State::Dead);
    }

    // No service: the page puts the failed product back in the queue itself.
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE(cell(*shown.page.detailModel(), 1, RunDetailModel::State),
                 QStringLiteral("Waiting"));
    QCOMPARE(itemOf(ws.workspace(), seeded.items.at(1)).state, SyncItem::State::Pending);
    QTRY_VERIFY(!retry->isEnabled());
}

void TestSyncJobsPage::cancelAsksFirst()
{
    SeededPage fixture;
    auto &[ws, seeded, shown] = fixture;
    QVERIFY(shown.select(seeded.run, 3));
    QPushButton *cancel = shown.button(QStringLiteral("cancelRunButton"));
    QTRY_VERIFY(cancel->isEnabled());

    {
        QSignalSpy requested(&shown.page, &SyncJobsPage::cancelRequested);
        QString asked;
        answerNextMessageBox(QMessageBox::No, &asked);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(asked, QStringLiteral("cancelRunConfirmation"));
        QCOMPARE(requested.size(), 0); // kept running

        asked.clear();
        answerNextMessageBox(QMessageBox::Yes, &asked);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(asked, QStringLiteral("cancelRunConfirmation"));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toLongLong(), seeded.run);
    }

    // No service: the page cancels the run in the workspace.
    QString asked;
    answerNextMessageBox(QMessageBox::Yes, &asked);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE(cell(shown.runs, shown.runs.rowOf(seeded.run), SyncRunModel::Status),
                 QStringLiteral("Cancelled"));
    QTRY_COMPARE(cell(*shown.page.detailModel(), 2, RunDetailModel::State),
                 QStringLiteral("Cancelled"));
    QVERIFY(!cancel->isEnabled());
    QVERIFY(!shown.button(QStringLiteral("retryFailedButton"))->isEnabled());
}

void TestSyncJobsPage::exportCsvQuotesWhatNeedsIt()
{
    QCOMPARE(RunDetailCsv::field(QStringLiteral("plain")), QStringLiteral("plain"));
    QCOMPARE(RunDetailCsv::field(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(RunDetailCsv::field(QStringLiteral("say \"hi\"")),
             QStringLiteral("\"say \"\"hi\"\"\""));
    QCOMPARE(RunDetailCsv::field(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
    QCOMPARE(RunDetailCsv::field(QStringLiteral("cr\r")), QStringLiteral("\"cr\r\""));

    SeededPage fixture;
    auto &[ws, seeded, shown] = fixture;
    QVERIFY(shown.select(seeded.run, 3));
    shown.page.detail()->setFilter(RunDetailView::Filter::Failed); // exports all the same

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.csv"));
    QString error;
    QVERIFY2(shown.page.detail()->exportCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString csv = QString::fromUtf8(file.readAll());

    const auto at = [&](int i) {
        return QDateTime::fromMSecsSinceEpoch(itemOf(ws.workspace(), seeded.items.at(i)).updatedAt,
                                              Qt::UTC)
            .toString(Qt::ISODate);
    };
    const QString expected =
        QStringLiteral("Item,Product ID,Product,State,Channel state,Listing URL,"
                       "Last attempt (UTC),Attempts,Error\r\n") +
        QStringLiteral("%1,%2,\"Trail Mug, \"\"Big\"\"\",Done,Synced,%3,%4,1,\r\n")
            .arg(seeded.items.at(0))
            .arg(seeded.products.at(0))
            .arg(kListingUrl, at(0)) +
        QStringLiteral("%1,%2,\"Wool Scarf\nwith fringe\",Failed,Failed,,%3,1,%4\r\n")
            .arg(seeded.items.at(1))
            .arg(seeded.products.at(1))
            .arg(at(1), kTooLong) +
        QStringLiteral("%1,%2,Canvas Tote,Waiting,Pending,,,0,\r\n")
            .arg(seeded.items.at(2))
            .arg(seeded.products.at(2));
    QCOMPARE(csv, expected);
}

QTEST_MAIN(TestSyncJobsPage)
#include "tst_syncjobspage.moc"
