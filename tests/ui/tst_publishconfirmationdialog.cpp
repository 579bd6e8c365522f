// The confirmation dialog (the plan) and the overrides dialog, driven
// offscreen with clicks and keys on a hand-built plan: the summary and budget
// lines, each group with the reasons, fix hints and warnings, Exclude and its
// recount, the daily budget holding Confirm back, a new plan after an edit
// keeping what was excluded, and Cancel changing nothing in the workspace.

#include "catalogseed.h"
#include "channelmappings.h"
#include "channeloverridesdialog.h"
#include "publishconfirmationdialog.h"
#include "testworkspace.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTabWidget>
#include <QDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Action = PlanEntry::Action;

namespace {

PlanEntry entry(qint64 id, Action action, int apiCalls, QList<ChannelIssue> issues = {})
{
    PlanEntry e;
    e.productId = id;
    e.title = u"Product %1"_s.arg(id);
    e.action = action;
    e.apiCalls = apiCalls;
    e.issues = std::move(issues);
    return e;
}

ChannelIssue error(const QString &field, const QString &message, const QString &fix)
{
    return {ChannelIssue::Severity::Error, field, message, fix};
}

// Create 1–3 (2 calls each; 2 has a warning), update 4–5 (1 call each),
// unchanged 6–7, cannot publish 8 (title) and 9 (two problems).
PublishPlan handBuiltPlan(std::optional<qint64> remainingToday = 100)
{
    PublishPlan plan;
    plan.connectionId = 7;
    plan.channelName = u"Etsy"_s;
    plan.remainingToday = remainingToday;
    plan.entries = {
        entry(1, Action::Create, 2),
        entry(2, Action::Create, 2,
              {{ChannelIssue::Severity::Warning, u"images"_s,
                u"No images; Etsy shows a placeholder"_s, u"Add an image in the source store"_s}}),
        entry(3, Action::Create, 2),
        entry(4, Action::Update, 1),
        entry(5, Action::Update, 1),
        entry(6, Action::Unchanged, 0),
        entry(7, Action::Unchanged, 0),
        entry(8, Action::Invalid, 0,
              {error(u"title"_s, u"Title is 152 characters; Etsy allows 140"_s,
                     u"Shorten the title or set a title override"_s)}),
        entry(9, Action::Invalid, 0,
              {error(u"price"_s, u"The product has no price"_s, u"Give a variant a price"_s),
               error(u"tags"_s, u"15 tags; Etsy allows 13"_s, u"Remove 2 tags"_s)}),
    };
    return plan;
}

QTreeWidgetItem *productItem(QTreeWidget *tree, qint64 productId)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0) == u"Product %1"_s.arg(productId))
            return tree->topLevelItem(i);
    }
    return nullptr;
}

} // namespace

class TestPublishConfirmationDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void cleanup() { m_dialog.reset(); }

    void showsTheSummaryAndTheBudget();
    void cannotPublishListsReasonsAndFixHints();
    void excludeRecomputesTheCounts();
    void overBudgetWarnsAndHoldsConfirm();
    void unknownBudgetSaysSo();
    void nothingToCreateOrUpdateHoldsConfirm();
    void editOverridesAsksAndANewPlanKeepsExclusions();
    void cancelLeavesTheWorkspaceUntouched();
    void productsAnotherRunIsWritingAreNamedAndCostNothing();
    void pricesChangedByThePriceRuleShowOldAndNew();
    void overridesDialogEditsTitleDescriptionAndTags();
    void notOfferedAreCountedByReasonAndListed();

private:
    void open(const PublishPlan &plan);
    template<typename T> T *child(const char *name) const
    {
        T *widget = m_dialog->findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qWarning("no child %s", name);
        return widget;
    }
    QString text(const char *label) const { return child<QLabel>(label)->text(); }
    // Selects the product in its tab the way a merchant does: the tab, then a click.
    void clickProduct(const char *list, qint64 productId, Qt::KeyboardModifiers modifiers = {});

    std::unique_ptr<PublishConfirmationDialog> m_dialog;
};

void TestPublishConfirmationDialog::open(const PublishPlan &plan)
{
    m_dialog = std::make_unique<PublishConfirmationDialog>(plan);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestPublishConfirmationDialog::clickProduct(const char *list, qint64 productId,
                                                 Qt::KeyboardModifiers modifiers)
{
    auto *tree = child<QTreeWidget>(list);
    auto *tabs = child<QTabWidget>("planTabs");
    tabs->setCurrentWidget(tree);
    QTreeWidgetItem *item = productItem(tree, productId);
    QVERIFY(item);
    const QRect rect = tree->visualItemRect(item);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, modifiers, rect.center());
    QVERIFY(item->isSelected());
}

void TestPublishConfirmationDialog::productsAnotherRunIsWritingAreNamedAndCostNothing()
{
    PublishPlan plan = handBuiltPlan();
    plan.entries[0].queuedInRun = 12; // a create, 2 calls
    plan.entries[3].queuedInRun = 12; // an update, 1 call
    open(plan);
    QLabel *queued = child<QLabel>("planQueued");
    QVERIFY(queued->isVisible());
    QCOMPARE(queued->text(),
             u"2 of these products are still being published by run 12: they are left to it."_s);
    QCOMPARE(text("planBudget"), u"API calls needed: 5 · Etsy allows 100 more today"_s);
    if (const QString shots = qEnvironmentVariable("STORELOOM_UI_SCREENSHOTS"); !shots.isEmpty())
        QVERIFY(m_dialog->grab().save(QDir(shots).filePath(u"publishQueued.png"_s)));

    // Excluding them leaves nothing queued to mention.
    clickProduct("planCreateList", 1);
    QTest::keyClick(child<QTreeWidget>("planCreateList"), Qt::Key_Delete);
    clickProduct("planUpdateList", 4);
    QTest::keyClick(child<QTreeWidget>("planUpdateList"), Qt::Key_Delete);
    QVERIFY(!queued->isVisible());
}

void TestPublishConfirmationDialog::pricesChangedByThePriceRuleShowOldAndNew()
{
    PublishPlan plan = handBuiltPlan();
    plan.entries[0].priceBefore = Money{1000, u"EUR"_s};
    plan.entries[0].priceAfter = Money{1099, u"USD"_s};
    plan.entries[1].priceBefore = Money{1000, u"EUR"_s}; // with its warning
    plan.entries[1].priceAfter = Money{1625, u"JPY"_s};
    open(plan);
    auto *list = child<QTreeWidget>("planCreateList");
    QCOMPARE(productItem(list, 1)->text(1), u"10.00 EUR → 10.99 USD"_s);
    QCOMPARE(productItem(list, 2)->text(1), u"10.00 EUR → 1625 JPY · 1 warning"_s);
    QCOMPARE(productItem(list, 3)->text(1), QString()); // its price goes as it is
}

void TestPublishConfirmationDialog::showsTheSummaryAndTheBudget()
{
    open(handBuiltPlan());
    QVERIFY(!child<QLabel>("planQueued")->isVisible());
    QCOMPARE(text("planSummary"),
             u"Create 3 · Update 2 · Unchanged 2 (skipped) · Cannot publish 2"_s);
    QCOMPARE(text("planSummary"), handBuiltPlan().summary());
    QCOMPARE(text("planBudget"), u"API calls needed: 8 · Etsy allows 100 more today"_s);
    QVERIFY(!child<QLabel>("planBudgetWarning")->isVisible());
    QVERIFY(child<QPushButton>("planConfirm")->isEnabled());

    auto *tabs = child<QTabWidget>("planTabs");
    QCOMPARE(tabs->count(), 5);
    QVERIFY(!tabs->isTabVisible(4)); // "Not offered": none here
    QCOMPARE(tabs->tabText(0), u"Create (3)"_s);
    QCOMPARE(tabs->tabText(1), u"Update (2)"_s);
    QCOMPARE(tabs->tabText(2), u"Unchanged (2)"_s);
    QCOMPARE(tabs->tabText(3), u"Cannot publish (2)"_s);
    // The problems come first.
    QCOMPARE(tabs->currentWidget(), child<QTreeWidget>("planInvalidList"));
    QCOMPARE(child<QTreeWidget>("planCreateList")->topLevelItemCount(), 3);
    QCOMPARE(child<QTreeWidget>("planUpdateList")->topLevelItemCount(), 2);
    QCOMPARE(child<QTreeWidget>("planUnchangedList")->topLevelItemCount(), 2);
}

void TestPublishConfirmationDialog::cannotPublishListsReasonsAndFixHints()
{
    open(handBuiltPlan());
    auto *invalid = child<QTreeWidget>("planInvalidList");
    QVERIFY(invalid->isVisible());
    QTreeWidgetItem *title = productItem(invalid, 8);
    QVERIFY(title && title->isExpanded());
    QCOMPARE(title->childCount(), 1);
    QCOMPARE(title->child(0)->text(0), u"Title is 152 characters; Etsy allows 140"_s);
    QCOMPARE(title->child(0)->text(1), u"Shorten the title or set a title override"_s);
    QTreeWidgetItem *two = productItem(invalid, 9);
    QVERIFY(two && two->isExpanded());
    QCOMPARE(two->childCount(), 2);
    QCOMPARE(two->child(1)->text(0), u"15 tags; Etsy allows 13"_s);
    QCOMPARE(two->child(1)->text(1), u"Remove 2 tags"_s);
    QVERIFY(!invalid->visualItemRect(two->child(1)).isEmpty()); // shown without a click

    // Warnings show with the products that would still be published.
    QTreeWidgetItem *warned = productItem(child<QTreeWidget>("planCreateList"), 2);
    QVERIFY(warned && warned->isExpanded());
    QCOMPARE(warned->text(1), u"1 warning"_s);
    QCOMPARE(warned->child(0)->text(0), u"No images; Etsy shows a placeholder"_s);
}

void TestPublishConfirmationDialog::excludeRecomputesTheCounts()
{
    open(handBuiltPlan());
    auto *exclude = child<QPushButton>("planExclude");
    QVERIFY(!exclude->isEnabled()); // nothing selected yet

    clickProduct("planInvalidList", 9);
    QVERIFY(exclude->isEnabled());
    QTest::mouseClick(exclude, Qt::LeftButton);
    QCOMPARE(text("planSummary"),
             u"Create 3 · Update 2 · Unchanged 2 (skipped) · Cannot publish 1"_s);
    QCOMPARE(child<QTabWidget>("planTabs")->tabText(3), u"Cannot publish (1)"_s);
    QVERIFY(!productItem(child<QTreeWidget>("planInvalidList"), 9));

    // Two creates at once, with the Delete key: the calls needed drop too.
    clickProduct("planCreateList", 1);
    clickProduct("planCreateList", 3, Qt::ControlModifier);
    QTest::keyClick(child<QTreeWidget>("planCreateList"), Qt::Key_Delete);
    QCOMPARE(text("planSummary"),
             u"Create 1 · Update 2 · Unchanged 2 (skipped) · Cannot publish 1"_s);
    QCOMPARE(text("planBudget"), u"API calls needed: 4 · Etsy allows 100 more today"_s);

    const PublishPlan plan = m_dialog->plan();
    QCOMPARE(plan.entries.size(), 6);
    QCOMPARE(plan.count(Action::Create), 1);
    QCOMPARE(m_dialog->excludedProductIds(), (QList<qint64>{1, 3, 9}));

    QTest::mouseClick(child<QPushButton>("planConfirm"), Qt::LeftButton);
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QCOMPARE(m_dialog->plan().entries.size(), 6); // what Confirm publishes
}

void TestPublishConfirmationDialog::overBudgetWarnsAndHoldsConfirm()
{
    open(handBuiltPlan(5));
    QCOMPARE(text("planBudget"), u"API calls needed: 8 · Etsy allows 5 more today"_s);
    auto *warning = child<QLabel>("planBudgetWarning");
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->text(), u"This needs 3 more API calls than Etsy allows today. Exclude "
                              "products, or publish the rest tomorrow."_s);
    auto *confirm = child<QPushButton>("planConfirm");
    QVERIFY(!confirm->isEnabled());

    // Excluding two creates brings it to 4 of 5: Confirm is back.
    clickProduct("planCreateList", 1);
    clickProduct("planCreateList", 2, Qt::ControlModifier);
    QTest::mouseClick(child<QPushButton>("planExclude"), Qt::LeftButton);
    QCOMPARE(text("planBudget"), u"API calls needed: 4 · Etsy allows 5 more today"_s);
    QVERIFY(!warning->isVisible());
    QVERIFY(confirm->isEnabled());
}

void TestPublishConfirmationDialog::unknownBudgetSaysSo()
{
    open(handBuiltPlan(std::nullopt));
    QCOMPARE(text("planBudget"),
             u"API calls needed: 8 · Etsy has not said how many more it allows today"_s);
    QVERIFY(!child<QLabel>("planBudgetWarning")->isVisible());
    QVERIFY(child<QPushButton>("planConfirm")->isEnabled());
}

void TestPublishConfirmationDialog::nothingToCreateOrUpdateHoldsConfirm()
{
    PublishPlan plan = handBuiltPlan();
    plan = plan.without({1, 2, 3, 4, 5});
    open(plan);
    QCOMPARE(text("planSummary"),
             u"Create 0 · Update 0 · Unchanged 2 (skipped) · Cannot publish 2"_s);
    QVERIFY(!child<QPushButton>("planConfirm")->isEnabled());
}

void TestPublishConfirmationDialog::editOverridesAsksAndANewPlanKeepsExclusions()
{
    open(handBuiltPlan());
    QSignalSpy asked(m_dialog.get(), &PublishConfirmationDialog::editOverridesRequested);
    auto *edit = child<QPushButton>("planEditOverrides");
    clickProduct("planInvalidList", 9);
    QTest::mouseClick(child<QPushButton>("planExclude"), Qt::LeftButton);
    clickProduct("planInvalidList", 8);
    QVERIFY(edit->isEnabled());
    QTest::mouseClick(edit, Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first().toLongLong(), qint64(8));

    // While the plan is made again, nothing can be confirmed.
    m_dialog->setBusy(true);
    QVERIFY(child<QLabel>("planBusy")->isVisible());
    QVERIFY(!child<QPushButton>("planConfirm")->isEnabled());
    QVERIFY(!edit->isEnabled());

    // The new plan: 8 is fine now; 9, excluded before, stays out.
    PublishPlan replanned = handBuiltPlan();
    replanned.entries[7] = entry(8, Action::Create, 2);
    m_dialog->setPlan(replanned);
    QVERIFY(!child<QLabel>("planBusy")->isVisible());
    QCOMPARE(text("planSummary"),
             u"Create 4 · Update 2 · Unchanged 2 (skipped) · Cannot publish 0"_s);
    QVERIFY(child<QPushButton>("planConfirm")->isEnabled());
    QCOMPARE(m_dialog->plan().count(Action::Invalid), 0);
    QCOMPARE(m_dialog->excludedProductIds(), QList<qint64>{9});
}

void TestPublishConfirmationDialog::cancelLeavesTheWorkspaceUntouched()
{
    test::TestWorkspace workspace;
    const DbHandle handle = workspace.workspace().openHandle();
    const test::CatalogSeed::Ids ids = test::CatalogSeed::seed(handle.db(), 12);
    ChannelMappings mappings(handle.db());
    mappings.markPending(ids.connections.at(1), {ids.products.at(0)});
    mappings.recordFailed(ids.connections.at(1), ids.products.at(2), u"Shop is on vacation"_s);
    const auto snapshot = [&handle] {
        QStringList rows;
        for (const QString &table : {u"mappings"_s, u"sync_runs"_s, u"sync_items"_s,
                                     u"channel_overrides"_s, u"audit_events"_s}) {
            QSqlQuery query(handle.db());
            if (!query.exec(u"SELECT * FROM %1 ORDER BY 1"_s.arg(table)))
                return QStringList{u"cannot read %1"_s.arg(table)};
            while (query.next()) {
                QStringList values{table};
                for (int i = 0; i < query.record().count(); ++i)
                    values.append(query.value(i).toString());
                rows.append(values.join(u'|'));
            }
        }
        return rows;
    };
    const QStringList before = snapshot();
    QCOMPARE(before.size(), 2);

    PublishPlan plan = handBuiltPlan();
    plan.connectionId = ids.connections.at(1);
    open(plan);
    clickProduct("planCreateList", 1);
    QTest::mouseClick(child<QPushButton>("planExclude"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>("planCancel"), Qt::LeftButton);
    QCOMPARE(m_dialog->result(), int(QDialog::Rejected));
    QVERIFY(!m_dialog->isVisible());
    QCOMPARE(snapshot(), before);
}

void TestPublishConfirmationDialog::overridesDialogEditsTitleDescriptionAndTags()
{
    const QJsonObject stored{{u"title"_s, u"Short title"_s}, {u"who_made"_s, u"i_did"_s}};
    ChannelOverridesDialog dialog(u"A very long catalog title"_s, u"Etsy"_s, stored);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *title = dialog.findChild<QLineEdit *>(u"overridesTitle"_s);
    auto *description = dialog.findChild<QPlainTextEdit *>(u"overridesDescription"_s);
    auto *tags = dialog.findChild<QLineEdit *>(u"overridesTags"_s);
    QVERIFY(title && description && tags);
    QCOMPARE(title->text(), u"Short title"_s);
    QCOMPARE(title->placeholderText(), u"A very long catalog title"_s);

    // The title cleared (the catalog's again), a description and tags typed.
    title->selectAll();
    QTest::keyClick(title, Qt::Key_Delete);
    QTest::keyClicks(description, u"Hand-knitted."_s);
    QTest::keyClicks(tags, u"wool, socks ,, warm "_s);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"overridesSave"_s), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.overrides(), (QJsonObject{{u"description"_s, u"Hand-knitted."_s},
                                              {u"tags"_s, u"wool, socks, warm"_s},
                                              {u"who_made"_s, u"i_did"_s}}));
}

void TestPublishConfirmationDialog::notOfferedAreCountedByReasonAndListed()
{
    PublishPlan plan = handBuiltPlan();
    open(plan);
    QVERIFY(!child<QLabel>("planNotOffered")->isVisible()); // none: no note, no tab
    auto *tabs = child<QTabWidget>("planTabs");
    auto *list = child<QTreeWidget>("planNotOfferedList");
    QVERIFY(!tabs->isTabVisible(tabs->indexOf(list)));

    plan.notOffered = {{20, u"Winter draft"_s, NotOfferedReason::Draft},
                       {21, u"Old mug"_s, NotOfferedReason::Archived},
                       {22, u"Sold-out scarf"_s, NotOfferedReason::Gone}};
    open(plan);
    tabs = child<QTabWidget>("planTabs"); // the new dialog's
    list = child<QTreeWidget>("planNotOfferedList");
    QVERIFY(text("planSummary").endsWith(u" · Not offered 3"_s));
    QVERIFY(child<QLabel>("planNotOffered")->isVisible());
    QCOMPARE(text("planNotOffered"),
             u"Not offered 3: 1 draft · 1 archived · 1 gone from the store (not sent; to publish "
             "them, include them when choosing the products)"_s);
    const int tab = tabs->indexOf(list);
    QVERIFY(tabs->isTabVisible(tab));
    QCOMPARE(tabs->tabText(tab), u"Not offered (3)"_s);
    QCOMPARE(list->topLevelItemCount(), 3);
    QCOMPARE(list->topLevelItem(2)->text(0), u"Sold-out scarf"_s);
    QCOMPARE(list->topLevelItem(2)->text(1), u"gone from the store"_s);

    // Nothing to exclude or edit there: they are not in the plan's work.
    tabs->setCurrentIndex(tab);
    const QRect rect = list->visualItemRect(list->topLevelItem(0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY(!child<QPushButton>("planExclude")->isEnabled());
    QVERIFY(!child<QPushButton>("planEditOverrides")->isEnabled());
    QCOMPARE(m_dialog->plan().count(Action::Create), plan.count(Action::Create));
}

QTEST_MAIN(TestPublishConfirmationDialog)
#include "tst_publishconfirmationdialog.moc"
