// The "Publish to…" product selection dialog on a seeded workspace, driven
// offscreen with clicks and keys: no channel to publish to, the channel first,
// the Catalog selection checked already, search and each filter (the sync
// state filter on the chosen channel) narrowing the list, Select all / none
// acting on what is shown, the count, Space and Enter.

#include "catalogmodel.h"
#include "catalogseed.h"
#include "channelmappings.h"
#include "connectionstore.h"
#include "productselectiondialog.h"
#include "publishseed.h"
#include "testworkspace.h"
#include "widgetkeys.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Seed = test::CatalogSeed;

namespace {

constexpr int kProducts = 60;

int countWhere(const std::function<bool(int)> &matches)
{
    int count = 0;
    for (int i = 0; i < kProducts; ++i)
        count += matches(i) ? 1 : 0;
    return count;
}

using test::chooseByKeys;

} // namespace

class TestProductSelectionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void withoutChannelsSaysWhatToDo();
    void theChannelIsChosenFirst();
    void catalogSelectionIsCheckedAndCounted();
    void searchAndFiltersNarrowTheList();
    void syncStateFilterLooksAtTheChosenChannel();
    void selectAllAndNoneActOnWhatIsShown();
    void spaceChecksAndEnterIsNext();
    void onlyActiveProductsAreOfferedUnlessIncluded();

private:
    void open(const QList<Connection> &targets, const QList<qint64> &preselected = {});
    template<typename T> T *child(const char *name) const
    {
        T *widget = m_dialog->findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qWarning("no child %s", name);
        return widget;
    }
    QString countText() const { return child<QLabel>("publishSelectedCount")->text(); }
    // The filter the bar shows is the one the list was loaded with.
    bool settled() const;
    void search(const QString &text);
    qint64 product(int i) const { return m_ids.products.at(i); }

    std::optional<test::TestWorkspace> m_workspace;
    Seed::Ids m_ids;
    Connection m_etsy;
    Connection m_acme;
    std::unique_ptr<ProductSelectionDialog> m_dialog;
};

void TestProductSelectionDialog::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    m_workspace.emplace();
    const DbHandle handle = m_workspace->workspace().openHandle();
    m_ids = Seed::seed(handle.db(), kProducts);
    m_etsy = test::connection(u"etsy"_s, u"4242"_s, u"Etsy Shop"_s, Connection::Status::Live);
    m_etsy.id = ConnectionStore(handle.db()).add(m_etsy);
    m_acme = ConnectionStore(handle.db()).get(m_ids.connections.at(0));

    // On Etsy: 0 synced, 1 failed, 2 out of sync, 3 pending. 4 failed on Acme only.
    ChannelMappings mappings(handle.db());
    mappings.markPending(m_etsy.id, {product(0), product(1), product(2), product(3)});
    mappings.recordSynced(m_etsy.id, product(0), QString(), u"t0"_s, QString());
    mappings.recordFailed(m_etsy.id, product(1), u"Etsy refused the listing"_s);
    mappings.recordSynced(m_etsy.id, product(2), u"an older version"_s, u"t2"_s, QString());
    mappings.recordFailed(m_acme.id, product(5), u"Acme refused"_s);
}

void TestProductSelectionDialog::cleanup()
{
    m_dialog.reset();
    QThreadPool::globalInstance()->waitForDone();
}

void TestProductSelectionDialog::open(const QList<Connection> &targets,
                                      const QList<qint64> &preselected)
{
    m_dialog =
        std::make_unique<ProductSelectionDialog>(m_workspace->workspace(), targets, preselected);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    QTRY_VERIFY(m_dialog->catalogModel()->hasLoaded());
}

bool TestProductSelectionDialog::settled() const
{
    const auto *bar = m_dialog->findChild<QWidget *>(u"publishFilterBar"_s);
    return bar && !m_dialog->catalogModel()->isLoading() &&
           m_dialog->catalogModel()->appliedFilter() == m_dialog->catalogModel()->filter();
}

void TestProductSelectionDialog::search(const QString &text)
{
    auto *box = child<QLineEdit>("catalogSearch");
    QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(box, Qt::Key_Backspace);
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return); // at once, and not Next
    QVERIFY(m_dialog->isVisible());
    QTRY_COMPARE(m_dialog->catalogModel()->appliedFilter().search, text);
}

void TestProductSelectionDialog::withoutChannelsSaysWhatToDo()
{
    open({}, {product(0)});
    auto *message = child<QLabel>("publishNoTargets");
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), u"Connect a channel to publish to first"_s);
    QVERIFY(!child<QPushButton>("publishNext")->isEnabled());
    QVERIFY(!child<QTableView>("publishProducts")->isVisible());
    QCOMPARE(m_dialog->targetConnectionId(), qint64(0));
}

void TestProductSelectionDialog::theChannelIsChosenFirst()
{
    open({m_etsy, m_acme}, {product(7)});
    auto *target = child<QComboBox>("publishTarget");
    QCOMPARE(target->currentIndex(), -1);
    QVERIFY(!child<QLabel>("publishNoTargets")->isVisible());
    QVERIFY(!child<QTableView>("publishProducts")->isEnabled());
    QVERIFY(!child<QPushButton>("publishNext")->isEnabled());
    QCOMPARE(m_dialog->targetConnectionId(), qint64(0));

    QTest::keyClick(target, Qt::Key_Down);
    QVERIFY(chooseByKeys(target, u"Acme Outdoor"_s));
    QCOMPARE(m_dialog->targetConnectionId(), m_acme.id);
    QVERIFY(child<QTableView>("publishProducts")->isEnabled());
    QVERIFY(child<QPushButton>("publishNext")->isEnabled());
}

void TestProductSelectionDialog::catalogSelectionIsCheckedAndCounted()
{
    open({m_etsy}, {product(9), product(3), product(4)});
    QCOMPARE(m_dialog->targetConnectionId(), m_etsy.id); // the only one
    QCOMPARE(countText(), u"3 selected"_s);
    QCOMPARE(m_dialog->selectedProductIds(), (QList<qint64>{product(3), product(4), product(9)}));
    QVERIFY(child<QPushButton>("publishNext")->isEnabled());

    // Checked in the list, unchecked by a click on the box.
    const CatalogModel *catalog = m_dialog->catalogModel();
    const int row = int(catalog->productIds().indexOf(product(9)));
    auto *table = child<QTableView>("publishProducts");
    const QModelIndex cell = table->model()->index(row, CatalogModel::Title);
    QCOMPARE(cell.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    table->scrollTo(cell);
    const QRect rect = table->visualRect(cell);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      QPoint(rect.left() + 12, rect.center().y()));
    QCOMPARE(cell.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QCOMPARE(countText(), u"2 selected"_s);
}

void TestProductSelectionDialog::searchAndFiltersNarrowTheList()
{
    open({m_etsy});
    const CatalogModel *catalog = m_dialog->catalogModel();
    QCOMPARE(catalog->rowCount(), kProducts);

    search(u"wool socks"_s);
    QCOMPARE(catalog->rowCount(), countWhere([](int i) { return i % 5 == 1; }));
    search(u"sku-000012-a"_s);
    QCOMPARE(catalog->rowCount(), 1);
    QCOMPARE(catalog->productId(0), product(12));
    search(QString());

    auto *collection = child<QComboBox>("catalogCollectionFilter");
    QTRY_VERIFY(collection->isVisible());
    QVERIFY(chooseByKeys(collection, Seed::kCollections.at(0)));
    QTRY_VERIFY(settled());
    QCOMPARE(catalog->rowCount(), countWhere([](int i) { return Seed::inCollection(i, 0); }));
    QVERIFY(chooseByKeys(collection, u"All collections"_s));

    QVERIFY(chooseByKeys(child<QComboBox>("catalogSourceFilter"), Seed::kConnections.at(1)));
    QTRY_VERIFY(settled());
    QCOMPARE(catalog->rowCount(), countWhere([](int i) { return Seed::connection(i) == 1; }));
}

void TestProductSelectionDialog::syncStateFilterLooksAtTheChosenChannel()
{
    open({m_etsy, m_acme});
    QVERIFY(chooseByKeys(child<QComboBox>("publishTarget"), u"Etsy Shop"_s));
    auto *state = child<QComboBox>("catalogChannelStateFilter");
    QVERIFY(state->isVisible());
    QVERIFY(!child<QComboBox>("catalogChannelFilter")->isVisible()); // the target it is
    const CatalogModel *catalog = m_dialog->catalogModel();
    const auto shows = [&](const QString &choice, QList<qint64> expected) {
        if (!chooseByKeys(state, choice) || !QTest::qWaitFor([&] { return settled(); }, 10000))
            return false;
        QList<qint64> ids = catalog->productIds();
        std::sort(ids.begin(), ids.end());
        std::sort(expected.begin(), expected.end());
        if (ids != expected)
            qWarning() << choice << ids << "expected" << expected;
        return ids == expected;
    };
    QVERIFY(shows(u"Synced"_s, {product(0)}));
    QVERIFY(shows(u"Failed"_s, {product(1)}));
    QVERIFY(shows(u"Out of sync"_s, {product(2)}));
    QVERIFY(shows(u"Pending"_s, {product(3)}));
    QVERIFY(shows(u"Has problems"_s, {product(1), product(2)}));
    QVERIFY(chooseByKeys(state, u"Not listed"_s));
    QTRY_VERIFY(settled());
    QCOMPARE(catalog->rowCount(), kProducts - 4);

    // The same filter on the other channel: product 5 failed there.
    QVERIFY(chooseByKeys(child<QComboBox>("publishTarget"), u"Acme Outdoor"_s));
    QVERIFY(shows(u"Has problems"_s, {product(5)}));
}

void TestProductSelectionDialog::selectAllAndNoneActOnWhatIsShown()
{
    open({m_etsy}, {product(0)}); // Trail Jacket 000000
    search(u"wool socks"_s);
    const int socks = countWhere([](int i) { return i % 5 == 1; });
    QTest::mouseClick(child<QPushButton>("publishSelectAll"), Qt::LeftButton);
    QCOMPARE(countText(), u"%1 selected"_s.arg(socks + 1));

    search(u"rain boots"_s);
    const int boots = countWhere([](int i) { return i % 5 == 3; });
    QTest::mouseClick(child<QPushButton>("publishSelectAll"), Qt::LeftButton);
    QCOMPARE(countText(), u"%1 selected"_s.arg(socks + boots + 1));

    // None: only the boots are unchecked; the socks and the first product stay.
    QTest::mouseClick(child<QPushButton>("publishSelectNone"), Qt::LeftButton);
    QCOMPARE(countText(), u"%1 selected"_s.arg(socks + 1));
    const QList<qint64> chosen = m_dialog->selectedProductIds();
    QVERIFY(chosen.contains(product(0)));
    QVERIFY(chosen.contains(product(1)));
    QVERIFY(!chosen.contains(product(3)));

    search(QString());
    QTest::mouseClick(child<QPushButton>("publishSelectNone"), Qt::LeftButton);
    QCOMPARE(countText(), u"0 selected"_s);
    QVERIFY(!child<QPushButton>("publishNext")->isEnabled());
}

void TestProductSelectionDialog::spaceChecksAndEnterIsNext()
{
    open({m_etsy});
    auto *table = child<QTableView>("publishProducts");
    QTRY_VERIFY(m_dialog->catalogModel()->isRowLoaded(0));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Home);
    QTest::keyClick(table, Qt::Key_Down, Qt::ShiftModifier); // rows 0 and 1
    QTest::keyClick(table, Qt::Key_Space);
    QCOMPARE(countText(), u"2 selected"_s);
    QTest::keyClick(table, Qt::Key_Down); // row 2 alone
    QTest::keyClick(table, Qt::Key_Space);
    QCOMPARE(countText(), u"3 selected"_s);
    QTest::keyClick(table, Qt::Key_Space); // again: unchecked
    QCOMPARE(countText(), u"2 selected"_s);

    QSignalSpy accepted(m_dialog.get(), &QDialog::accepted);
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(accepted.size(), 1);
    const CatalogModel *catalog = m_dialog->catalogModel();
    QList<qint64> expected{catalog->productId(0), catalog->productId(1)};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(m_dialog->selectedProductIds(), expected);
    QCOMPARE(m_dialog->targetConnectionId(), m_etsy.id);
}

void TestProductSelectionDialog::onlyActiveProductsAreOfferedUnlessIncluded()
{
    open({m_etsy}, {product(0)});
    const QList<QLabel *> labels = m_dialog->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
        return label->text() == u"Only active products are offered. Also offer:"_s &&
               label->isVisible();
    }));
    auto *drafts = child<QCheckBox>("publishIncludeDraft");
    auto *archived = child<QCheckBox>("publishIncludeArchived");
    auto *gone = child<QCheckBox>("publishIncludeGone");
    for (const QCheckBox *box : {drafts, archived, gone}) {
        QVERIFY(box->isVisible());
        QVERIFY(!box->isChecked());
    }
    QCOMPARE(gone->text(), u"&Gone from the store"_s);
    QCOMPARE(m_dialog->includes(), OfferIncludes{}); // active only by default

    QTest::mouseClick(drafts, Qt::LeftButton);
    gone->setFocus();
    QTest::keyClick(gone, Qt::Key_Space); // the keyboard way
    QCOMPARE(m_dialog->includes(), (OfferIncludes{true, false, true}));
    QTest::mouseClick(drafts, Qt::LeftButton);
    QCOMPARE(m_dialog->includes(), (OfferIncludes{false, false, true}));
}

QTEST_MAIN(TestProductSelectionDialog)
#include "tst_productselectiondialog.moc"
