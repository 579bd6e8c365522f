// PublishController with a fake backend, driven offscreen: the selection
// dialog, the busy state while planning, a failed plan said as such, the
// confirmation dialog, overrides saved and a new plan asked for, Confirm
// starting a run with the plan as reduced, and Cancel starting nothing.

#include "catalogseed.h"
#include "channeloverridesdialog.h"
#include "channelsettings.h"
#include "productselectiondialog.h"
#include "publishbackend.h"
#include "publishconfirmationdialog.h"
#include "publishcontroller.h"
#include "testworkspace.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>

#include <memory>
#include <optional>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

// Records what the controller asks; the test answers with planned/planFailed.
class FakeBackend : public PublishBackend
{
public:
    QList<Connection> targets() const override { return m_targets; }
    void plan(qint64 connectionId, const QList<qint64> &productIds,
              const OfferIncludes &offered) override
    {
        plans.append({connectionId, productIds});
        includes.append(offered);
    }
    qint64 confirm(const PublishPlan &plan) override
    {
        confirmed.append(plan);
        return 77;
    }

    QList<Connection> m_targets;
    QList<std::pair<qint64, QList<qint64>>> plans;
    QList<OfferIncludes> includes;
    QList<PublishPlan> confirmed;
};

PublishPlan planFor(qint64 connectionId, const QList<qint64> &ids)
{
    PublishPlan plan;
    plan.connectionId = connectionId;
    plan.channelName = u"Etsy Shop"_s;
    for (qint64 id : ids) {
        PlanEntry entry;
        entry.productId = id;
        entry.title = u"Product %1"_s.arg(id);
        entry.action = PlanEntry::Action::Create;
        entry.apiCalls = 1;
        plan.entries.append(entry);
    }
    return plan;
}

} // namespace

class TestPublishController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void selectionThenPlanThenConfirmStartsARun();
    void aFailedPlanSaysWhy();
    void editedOverridesAreSavedAndPlannedAgain();
    void cancellingPlanningStartsNothing();
    void theIncludedKindsArePlannedAndTheOthersShownAsNotOffered();

private:
    // Through the selection dialog with the Catalog selection; returns after Next.
    void selectAndGoOn();

    std::optional<test::TestWorkspace> m_workspace;
    test::CatalogSeed::Ids m_ids;
    Connection m_etsy;
    std::unique_ptr<FakeBackend> m_backend;
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<PublishController> m_controller;
};

void TestPublishController::initTestCase()
{
    m_workspace.emplace();
    const DbHandle handle = m_workspace->workspace().openHandle();
    m_ids = test::CatalogSeed::seed(handle.db(), 10);
    m_etsy.id = m_ids.connections.at(1);
    m_etsy.name = u"Etsy Shop"_s;
}

void TestPublishController::init()
{
    m_backend = std::make_unique<FakeBackend>();
    m_backend->m_targets = {m_etsy};
    m_window = std::make_unique<QWidget>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_controller = std::make_unique<PublishController>(m_workspace->workspace(), *m_backend);
}

void TestPublishController::cleanup()
{
    m_controller.reset();
    m_window.reset(); // and the dialogs it parents
    m_backend.reset();
    QThreadPool::globalInstance()->waitForDone();
}

void TestPublishController::selectAndGoOn()
{
    m_controller->start({m_ids.products.at(1), m_ids.products.at(2)}, m_window.get());
    ProductSelectionDialog *selection = m_controller->selectionDialog();
    QVERIFY(selection && selection->isVisible());
    QCOMPARE(selection->findChild<QLabel *>(u"publishSelectedCount"_s)->text(), u"2 selected"_s);
    QTest::mouseClick(selection->findChild<QPushButton *>(u"publishNext"_s), Qt::LeftButton);
    QCOMPARE(m_backend->plans.size(), 1);
    QCOMPARE(m_backend->plans.first().first, m_etsy.id);
    QCOMPARE(m_backend->plans.first().second,
             (QList<qint64>{m_ids.products.at(1), m_ids.products.at(2)}));
    QProgressDialog *planning = m_controller->planningDialog();
    QVERIFY(planning && planning->isVisible()); // busy until the plan comes
}

void TestPublishController::selectionThenPlanThenConfirmStartsARun()
{
    selectAndGoOn();
    QSignalSpy started(m_controller.get(), &PublishController::runStarted);
    // A plan for another channel is not the one asked for.
    Q_EMIT m_backend->planned(planFor(m_etsy.id + 100, {1}));
    QVERIFY(!m_controller->confirmationDialog());

    Q_EMIT m_backend->planned(planFor(m_etsy.id, {m_ids.products.at(1), m_ids.products.at(2)}));
    QTRY_VERIFY(!m_controller->planningDialog());
    PublishConfirmationDialog *confirmation = m_controller->confirmationDialog();
    QVERIFY(confirmation && confirmation->isVisible());
    auto *list = confirmation->findChild<QTreeWidget *>(u"planCreateList"_s);
    list->setCurrentItem(list->topLevelItem(0));
    QTest::mouseClick(confirmation->findChild<QPushButton *>(u"planExclude"_s), Qt::LeftButton);
    QTest::mouseClick(confirmation->findChild<QPushButton *>(u"planConfirm"_s), Qt::LeftButton);

    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().first().toLongLong(), qint64(77));
    QCOMPARE(m_backend->confirmed.size(), 1);
    QCOMPARE(m_backend->confirmed.first().entries.size(), 1); // as reduced
    QTRY_VERIFY(!m_controller->confirmationDialog());
}

void TestPublishController::aFailedPlanSaysWhy()
{
    selectAndGoOn();
    Q_EMIT m_backend->planFailed(m_etsy.id, u"Etsy did not answer"_s);
    QTRY_VERIFY(!m_controller->planningDialog());
    QMessageBox *error = m_controller->errorBox();
    QVERIFY(error && error->isVisible());
    QCOMPARE(error->informativeText(), u"Etsy did not answer"_s);
    QVERIFY(!m_controller->confirmationDialog());
    QVERIFY(m_backend->confirmed.isEmpty());
}

void TestPublishController::editedOverridesAreSavedAndPlannedAgain()
{
    selectAndGoOn();
    const qint64 product = m_ids.products.at(2);
    Q_EMIT m_backend->planned(planFor(m_etsy.id, {m_ids.products.at(1), product}));
    QTRY_VERIFY(m_controller->confirmationDialog());
    PublishConfirmationDialog *confirmation = m_controller->confirmationDialog();
    Q_EMIT confirmation->editOverridesRequested(product);

    ChannelOverridesDialog *overrides = m_controller->overridesDialog();
    QVERIFY(overrides && overrides->isVisible());
    QTest::keyClicks(overrides->findChild<QLineEdit *>(u"overridesTitle"_s), u"Shorter"_s);
    QTest::mouseClick(overrides->findChild<QPushButton *>(u"overridesSave"_s), Qt::LeftButton);
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        QCOMPARE(ChannelSettingsStore(handle.db()).overrides(m_etsy.id, product),
                 (QJsonObject{{u"title"_s, u"Shorter"_s}}));
    }
    QCOMPARE(m_backend->plans.size(), 2); // planned again, the dialog waits
    QVERIFY(confirmation->findChild<QLabel *>(u"planBusy"_s)->isVisible());
    QVERIFY(!confirmation->findChild<QPushButton *>(u"planConfirm"_s)->isEnabled());

    Q_EMIT m_backend->planned(planFor(m_etsy.id, {product}));
    QCOMPARE(m_controller->confirmationDialog(), confirmation); // the same dialog, new plan
    QVERIFY(!confirmation->findChild<QLabel *>(u"planBusy"_s)->isVisible());
    QCOMPARE(confirmation->plan().entries.size(), 1);
}

void TestPublishController::cancellingPlanningStartsNothing()
{
    selectAndGoOn();
    QSignalSpy started(m_controller.get(), &PublishController::runStarted);
    QProgressDialog *planning = m_controller->planningDialog();
    QTest::mouseClick(planning->findChild<QPushButton *>(), Qt::LeftButton); // its Cancel
    QTRY_VERIFY(!m_controller->planningDialog());
    Q_EMIT m_backend->planned(planFor(m_etsy.id, {m_ids.products.at(1)}));
    QVERIFY(!m_controller->confirmationDialog());
    QCOMPARE(started.size(), 0);
}

void TestPublishController::theIncludedKindsArePlannedAndTheOthersShownAsNotOffered()
{
    m_controller->start({m_ids.products.at(1), m_ids.products.at(2)}, m_window.get());
    ProductSelectionDialog *selection = m_controller->selectionDialog();
    QVERIFY(selection && selection->isVisible());
    QTest::mouseClick(selection->findChild<QCheckBox *>(u"publishIncludeArchived"_s),
                      Qt::LeftButton);
    QTest::mouseClick(selection->findChild<QPushButton *>(u"publishNext"_s), Qt::LeftButton);
    QCOMPARE(m_backend->includes.size(), 1);
    QCOMPARE(m_backend->includes.first(), (OfferIncludes{false, true, false}));

    PublishPlan plan = planFor(m_etsy.id, {m_ids.products.at(1)});
    plan.notOffered = {{m_ids.products.at(2), u"Old draft"_s, NotOfferedReason::Draft}};
    Q_EMIT m_backend->planned(plan);
    QTRY_VERIFY(m_controller->confirmationDialog());
    const auto *note =
        m_controller->confirmationDialog()->findChild<QLabel *>(u"planNotOffered"_s);
    QVERIFY(note && note->isVisible());
    QVERIFY2(note->text().startsWith(u"Not offered 1: 1 draft (not sent"_s),
             qPrintable(note->text()));
}

QTEST_MAIN(TestPublishController)
#include "tst_publishcontroller.moc"
