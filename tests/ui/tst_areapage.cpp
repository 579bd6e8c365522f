// An area page: loading, then either its empty state or its table.

#include "activitymodel.h"
#include "areapage.h"
#include "auditlog.h"
#include "testworkspace.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <QThreadPool>

using namespace storeloom;

namespace {
const QString kEmptyText = QStringLiteral("Nothing has happened yet.");
}

class TestAreaPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QThreadPool::globalInstance()->waitForDone(); }

    void showsLoadingThenEmptyStateThenRows();
    void firstLoadFailureIsShownInPlaceOfTheRows();
    void headerWidgetsAreShown();
    void filterBarStaysWhenTheEmptyStateShows();
};

void TestAreaPage::showsLoadingThenEmptyStateThenRows()
{
    test::TestWorkspace ws;
    ActivityModel model(ws.workspace());
    AreaPage page(QStringLiteral("activity"), QStringLiteral("Activity"), &model, kEmptyText);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    auto *states = page.findChild<QStackedWidget *>(QStringLiteral("activityStates"));
    auto *empty = page.findChild<QLabel *>(QStringLiteral("activityEmptyState"));
    auto *loading = page.findChild<QLabel *>(QStringLiteral("activityLoading"));
    auto *table = page.findChild<QTableView *>(QStringLiteral("activityTable"));
    QVERIFY(states && empty && loading && table);
    QCOMPARE(page.objectName(), QStringLiteral("activityPage"));
    QCOMPARE(table->model(), &model);

    // Before the first load the page does not claim the workspace is empty.
    QCOMPARE(page.state(), AreaPage::State::Loading);
    QVERIFY(loading->isVisible());

    model.refresh();
    QTRY_COMPARE(page.state(), AreaPage::State::Empty);
    QVERIFY(empty->isVisible());
    QVERIFY(!table->isVisible());
    QCOMPARE(empty->text(), kEmptyText);

    {
        const DbHandle handle = ws.workspace().openHandle();
        AuditLog(handle.db()).record(QStringLiteral("test.event"), QStringLiteral("Something happened"));
    }
    model.refresh();
    QTRY_COMPARE(page.state(), AreaPage::State::Rows);
    QVERIFY(table->isVisible());
    QVERIFY(!empty->isVisible());
    QCOMPARE(table->model()->index(0, ActivityModel::Message).data().toString(),
             QStringLiteral("Something happened"));
}

void TestAreaPage::firstLoadFailureIsShownInPlaceOfTheRows()
{
    QTemporaryDir dir;
    ActivityModel model(Workspace(dir.filePath(QStringLiteral("missing/workspace.sqlite"))));
    AreaPage page(QStringLiteral("activity"), QStringLiteral("Activity"), &model, kEmptyText);
    QSignalSpy failed(&model, &WorkspaceModel::loadFailed);
    model.refresh();
    QVERIFY(failed.wait(10000));
    QCOMPARE(page.state(), AreaPage::State::Loading);
    auto *loading = page.findChild<QLabel *>(QStringLiteral("activityLoading"));
    QVERIFY(loading->text().contains(failed.first().at(0).toString()));
}

void TestAreaPage::headerWidgetsAreShown()
{
    test::TestWorkspace ws;
    ActivityModel model(ws.workspace());
    AreaPage page(QStringLiteral("activity"), QStringLiteral("Activity"), &model, kEmptyText);
    auto *button = new QPushButton(QStringLiteral("Export"));
    page.addHeaderWidget(button);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(button->parentWidget(), &page);
    QVERIFY(button->isVisible());
    QCOMPARE(page.title(), QStringLiteral("Activity"));
    QCOMPARE(page.findChild<QLabel *>(QStringLiteral("activityTitle"))->text(),
             QStringLiteral("Activity"));
}

void TestAreaPage::filterBarStaysWhenTheEmptyStateShows()
{
    test::TestWorkspace ws;
    ActivityModel model(ws.workspace());
    AreaPage page(QStringLiteral("activity"), QStringLiteral("Activity"), &model, kEmptyText);
    auto *bar = new QPushButton(QStringLiteral("Filter"));
    page.addFilterBar(bar);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    model.refresh();
    QTRY_COMPARE(page.state(), AreaPage::State::Empty);
    QVERIFY(bar->isVisible());
    auto *title = page.findChild<QLabel *>(QStringLiteral("activityTitle"));
    auto *empty = page.findChild<QLabel *>(QStringLiteral("activityEmptyState"));
    QVERIFY(title->geometry().bottom() <= bar->geometry().top());
    QVERIFY(bar->geometry().bottom() <= empty->mapTo(&page, QPoint(0, 0)).y());

    page.setEmptyText(QStringLiteral("Nothing matches."));
    QCOMPARE(empty->text(), QStringLiteral("Nothing matches."));
}

QTEST_MAIN(TestAreaPage)
#include "tst_areapage.moc"
