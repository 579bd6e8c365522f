// The Catalog page at 100,000 products, driven offscreen with clicks and
// keys: the count, search by title and SKU, each filter, scrolling to the
// end without holding more than a bounded number of rows, sorting by the
// title header, the stock per location on hover, and refreshes that keep the
// selection and read nothing again while the catalog is unchanged.

#include "catalogfilterbar.h"
#include "catalogmodel.h"
#include "catalogpage.h"
#include "catalogseed.h"
#include "catalogstore.h"
#include "testworkspace.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QThreadPool>
#include <QToolTip>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

using namespace storeloom;
using Seed = test::CatalogSeed;

namespace {

constexpr int kProducts = 100000;

int countWhere(const std::function<bool(int)> &matches, int products = kProducts)
{
    int count = 0;
    for (int i = 0; i < products; ++i)
        count += matches(i) ? 1 : 0;
    return count;
}

QString number(qint64 value)
{
    return QLocale().toString(value);
}

QString cellText(const CatalogModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

// Picks `text` in a combo box the way a keyboard user does.
bool chooseByKeys(QComboBox *combo, const QString &text)
{
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < combo->count() && combo->currentText() != text; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    return combo->currentText() == text;
}

// Replaces the search text by typing.
void typeSearch(QLineEdit *search, const QString &text)
{
    QTest::keyClick(search, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(search, Qt::Key_Backspace);
    QTest::keyClicks(search, text);
}

} // namespace

class TestCatalogPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void showsEveryProductWithTheCount();
    void searchNarrowsByTitleAndBySku();
    void eachFilterNarrows();
    void problemsFilterShowsProductsSharingASku();
    void scrollingToTheBottomShowsRealRowsWithinTheMemoryBound();
    void clickingTheTitleHeaderReversesTheOrder();
    void stockCellShowsEachLocationOnHover();
    void refreshKeepsTheSelectionAndSkipsAnUnchangedCatalog();

private:
    // One page on the seeded workspace, shown and loaded.
    void openPage(const Workspace &workspace);
    template<typename T>
    T *child(const char *name) const
    {
        return m_page->findChild<T *>(QString::fromLatin1(name));
    }

    std::optional<test::TestWorkspace> m_workspace;
    test::CatalogSeed::Ids m_ids;
    QStringList m_titlesInOrder; // all titles, as the page sorts them
    std::unique_ptr<CatalogModel> m_model;
    std::unique_ptr<CatalogPage> m_page;
};

void TestCatalogPage::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    m_workspace.emplace();
    QElapsedTimer clock;
    clock.start();
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        m_ids = Seed::seed(handle.db(), kProducts);
    }
    qInfo("seeded %d products in %lld ms", kProducts, qint64(clock.elapsed()));
    for (int i = 0; i < kProducts; ++i)
        m_titlesInOrder.append(Seed::title(i));
    std::sort(m_titlesInOrder.begin(), m_titlesInOrder.end(),
              [](const QString &a, const QString &b) { return a.toLower() < b.toLower(); });
}

void TestCatalogPage::init()
{
    openPage(m_workspace->workspace());
}

void TestCatalogPage::cleanup()
{
    m_page.reset();
    m_model.reset();
    QThreadPool::globalInstance()->waitForDone(); // no query outlives its workspace
}

void TestCatalogPage::openPage(const Workspace &workspace)
{
    m_page.reset();
    m_model = std::make_unique<CatalogModel>(workspace);
    m_page = std::make_unique<CatalogPage>(m_model.get());
    m_page->resize(1000, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QSignalSpy loaded(m_model.get(), &WorkspaceModel::loaded);
    m_model->refresh();
    QVERIFY(loaded.wait(30000));
    QCOMPARE(m_page->state(), AreaPage::State::Rows);
}

void TestCatalogPage::showsEveryProductWithTheCount()
{
    QCOMPARE(m_model->rowCount(), kProducts);
    QCOMPARE(m_model->totalProducts(), qint64(kProducts));
    QCOMPARE(child<QLabel>("catalogCount")->text(), tr("%1 products").arg(number(kProducts)));
    QVERIFY(child<QWidget>("catalogFilterBar")->isVisible());

    // The rows on screen arrive; the rest are not read.
    QTRY_VERIFY(m_model->isRowLoaded(0));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Title), m_titlesInOrder.first());
    QVERIFY(m_model->loadedRowCount() <= 2 * CatalogModel::kPageSize);
    const int i = int(m_ids.products.indexOf(m_model->productId(0)));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Source),
             Seed::connection(i) < 0 ? tr("Made here") : Seed::kConnections.at(Seed::connection(i)));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Variants), number(Seed::variantCount(i)));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Stock), number(Seed::totalAvailable(i)));
}

void TestCatalogPage::searchNarrowsByTitleAndBySku()
{
    auto *search = child<QLineEdit>("catalogSearch");
    auto *count = child<QLabel>("catalogCount");
    QVERIFY(search && search->isVisible());

    // By title, in any case.
    typeSearch(search, QStringLiteral("wOOL sOCKS"));
    const int socks = countWhere([](int i) { return i % 5 == 1; });
    QTRY_COMPARE(m_model->appliedFilter().search, QStringLiteral("wOOL sOCKS"));
    QCOMPARE(m_model->rowCount(), socks);
    QCOMPARE(count->text(), tr("%1 of %2 match").arg(number(socks), number(kProducts)));
    QTRY_VERIFY(m_model->isRowLoaded(0));
    QVERIFY(cellText(*m_model, 0, CatalogModel::Title).startsWith(QStringLiteral("Wool Socks ")));

    // By SKU: one product.
    typeSearch(search, QStringLiteral("sku-012346-b"));
    QTRY_COMPARE(m_model->appliedFilter().search, QStringLiteral("sku-012346-b"));
    QCOMPARE(m_model->rowCount(), 1);
    QTRY_VERIFY(m_model->isRowLoaded(0));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Title), Seed::title(12346));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Skus),
             QStringList({Seed::sku(12346, 0), Seed::sku(12346, 1)}).join(QStringLiteral(", ")));
    QCOMPARE(count->text(), tr("%1 of %2 match").arg(number(1), number(kProducts)));

    // Nothing matches: the page says so, and the search stays to be changed.
    typeSearch(search, QStringLiteral("no such thing"));
    QTRY_COMPARE(m_page->state(), AreaPage::State::Empty);
    QCOMPARE(child<QLabel>("catalogEmptyState")->text(),
             tr("No products match the search and filters."));
    QVERIFY(search->isVisible());

    // Cleared: everything again.
    QTest::keyClick(search, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(search, Qt::Key_Backspace);
    QTRY_COMPARE(m_model->rowCount(), kProducts);
    QCOMPARE(m_page->state(), AreaPage::State::Rows);
    QCOMPARE(count->text(), tr("%1 products").arg(number(kProducts)));
}

void TestCatalogPage::eachFilterNarrows()
{
    auto *source = child<QComboBox>("catalogSourceFilter");
    auto *collection = child<QComboBox>("catalogCollectionFilter");
    auto *stock = child<QComboBox>("catalogStockFilter");
    auto *count = child<QLabel>("catalogCount");
    QVERIFY(source && collection && stock);
    QTRY_VERIFY(collection->isVisible()); // the seed has collections
    // All, each connection by name, made here.
    QCOMPARE(source->count(), 2 + Seed::kConnections.size());
    QCOMPARE(source->itemText(1), Seed::kConnections.at(0));
    QCOMPARE(source->itemText(source->count() - 1), tr("Made here"));

    const auto expect = [&](const std::function<bool(int)> &matches) {
        const int expected = countWhere(matches);
        QTRY_COMPARE(m_model->appliedFilter(), child<CatalogFilterBar>("catalogFilterBar")->filter());
        QCOMPARE(m_model->rowCount(), expected);
        QCOMPARE(count->text(), tr("%1 of %2 match").arg(number(expected), number(kProducts)));
    };

    QVERIFY(chooseByKeys(source, Seed::kConnections.at(1)));
    expect([](int i) { return Seed::connection(i) == 1; });
    QVERIFY(chooseByKeys(source, tr("Made here")));
    expect([](int i) { return Seed::connection(i) < 0; });
    QVERIFY(chooseByKeys(source, tr("All sources")));

    QVERIFY(chooseByKeys(collection, Seed::kCollections.at(0)));
    expect([](int i) { return Seed::inCollection(i, 0); });
    QVERIFY(chooseByKeys(collection, Seed::kCollections.at(1)));
    expect([](int i) { return Seed::inCollection(i, 1); });
    QVERIFY(chooseByKeys(collection, tr("All collections")));

    QVERIFY(chooseByKeys(stock, tr("Has stock")));
    expect([](int i) { return Seed::totalAvailable(i) > 0; });
    QVERIFY(chooseByKeys(stock, tr("Out of stock")));
    expect([](int i) { return Seed::totalAvailable(i) == 0; });

    // Together: every filter applies.
    QVERIFY(chooseByKeys(source, Seed::kConnections.at(0)));
    QVERIFY(chooseByKeys(collection, Seed::kCollections.at(0)));
    expect([](int i) {
        return Seed::totalAvailable(i) == 0 && Seed::connection(i) == 0 && Seed::inCollection(i, 0);
    });
    QTRY_VERIFY(m_model->isRowLoaded(0));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Stock), number(0));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Source), Seed::kConnections.at(0));
}

void TestCatalogPage::problemsFilterShowsProductsSharingASku()
{
    // Product 3's first variant takes product 4's SKU, as a store might have it.
    const auto setSku = [this](const QString &sku, const QString &was) {
        const DbHandle handle = m_workspace->workspace().openHandle();
        QSqlQuery update(handle.db());
        update.prepare(
            QStringLiteral("UPDATE variants SET sku = ? WHERE product_id = ? AND sku = ?"));
        update.addBindValue(sku);
        update.addBindValue(m_ids.products.at(3));
        update.addBindValue(was);
        return update.exec() && update.numRowsAffected() == 1;
    };
    QVERIFY(setSku(Seed::sku(4, 0), Seed::sku(3, 0)));
    openPage(m_workspace->workspace());

    auto *problems = child<QComboBox>("catalogProblemsFilter");
    QVERIFY(problems && problems->isVisible());
    QVERIFY(chooseByKeys(problems, tr("Duplicate SKU")));
    QTRY_COMPARE(m_model->appliedFilter(), child<CatalogFilterBar>("catalogFilterBar")->filter());
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(child<QLabel>("catalogCount")->text(),
             tr("%1 of %2 match").arg(number(2), number(kProducts)));
    QTRY_VERIFY(m_model->isRowLoaded(0) && m_model->isRowLoaded(1));
    QStringList titles{cellText(*m_model, 0, CatalogModel::Title),
                       cellText(*m_model, 1, CatalogModel::Title)};
    titles.sort();
    QStringList expected{Seed::title(3), Seed::title(4)};
    expected.sort();
    QCOMPARE(titles, expected);

    QVERIFY(chooseByKeys(problems, tr("Has problems"))); // nothing failed on a channel here
    QTRY_COMPARE(m_model->appliedFilter(), child<CatalogFilterBar>("catalogFilterBar")->filter());
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(chooseByKeys(problems, tr("With or without problems")));
    QTRY_COMPARE(m_model->rowCount(), kProducts);
    QVERIFY(setSku(Seed::sku(3, 0), Seed::sku(4, 0))); // as seeded, for the other tests
}

void TestCatalogPage::scrollingToTheBottomShowsRealRowsWithinTheMemoryBound()
{
    QTableView *view = m_page->view();
    QScrollBar *bar = view->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > kProducts / 2);
    QTRY_VERIFY(m_model->isRowLoaded(0));

    // Through the middle, as a merchant dragging the scroll bar would.
    constexpr int kStops = 20;
    for (int stop = 1; stop <= kStops; ++stop) {
        bar->setValue(int(qint64(bar->maximum()) * stop / (kStops + 1)));
        const int top = view->rowAt(0);
        QVERIFY(top > 0);
        QTRY_VERIFY(m_model->isRowLoaded(top));
    }

    view->scrollToBottom();
    const int last = kProducts - 1;
    QTRY_VERIFY(m_model->isRowLoaded(last));
    QVERIFY(view->viewport()->rect().contains(
        view->visualRect(m_model->index(last, CatalogModel::Title)).center()));
    QCOMPARE(cellText(*m_model, last, CatalogModel::Title), m_titlesInOrder.last());
    QVERIFY(m_model->index(last, 0).data(CatalogModel::LoadedRole).toBool());

    // Bounded: pages scrolled past made room for the ones on screen.
    QVERIFY2(m_model->peakLoadedRowCount() <= CatalogModel::kMaxLoadedRows,
             qPrintable(QString::number(m_model->peakLoadedRowCount())));
    QVERIFY(m_model->loadedRowCount() <= CatalogModel::kMaxLoadedRows);
    QVERIFY(!m_model->isRowLoaded(0));
}

void TestCatalogPage::clickingTheTitleHeaderReversesTheOrder()
{
    QTableView *view = m_page->view();
    QHeaderView *header = view->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(CatalogModel::Title));
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    const qint64 first = m_model->productId(0);
    const qint64 last = m_model->productId(kProducts - 1);

    const QPoint title(header->sectionViewportPosition(CatalogModel::Title) +
                           header->sectionSize(CatalogModel::Title) / 2,
                       header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, title);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QTRY_VERIFY(m_model->appliedSort().descending);
    QCOMPARE(m_model->rowCount(), kProducts);
    QCOMPARE(m_model->productId(0), last);
    QCOMPARE(m_model->productId(kProducts - 1), first);
    QTRY_VERIFY(m_model->isRowLoaded(0));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Title), m_titlesInOrder.last());

    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, title);
    QTRY_VERIFY(!m_model->appliedSort().descending);
    QCOMPARE(m_model->productId(0), first);
    QTRY_VERIFY(m_model->isRowLoaded(0));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Title), m_titlesInOrder.first());
}

void TestCatalogPage::stockCellShowsEachLocationOnHover()
{
    // Product 13: two variants, 1 + 2 at the warehouse and 1 each at the shop.
    typeSearch(child<QLineEdit>("catalogSearch"), Seed::title(13));
    QTRY_COMPARE(m_model->appliedFilter().search, Seed::title(13));
    QCOMPARE(m_model->rowCount(), 1);
    QTRY_VERIFY(m_model->isRowLoaded(0));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Stock), number(5));
    const QString expected = tr("Shop: %1\nWarehouse: %2").arg(number(2), number(3));
    QCOMPARE(cellText(*m_model, 0, CatalogModel::Stock, Qt::ToolTipRole), expected);

    // What the view shows on hover is that text.
    QTableView *view = m_page->view();
    const QPoint cell = view->visualRect(m_model->index(0, CatalogModel::Stock)).center();
    QHelpEvent hover(QEvent::ToolTip, cell, view->viewport()->mapToGlobal(cell));
    QCoreApplication::sendEvent(view->viewport(), &hover);
    QTRY_COMPARE(QToolTip::text(), expected);
    QToolTip::hideText();
}

void TestCatalogPage::refreshKeepsTheSelectionAndSkipsAnUnchangedCatalog()
{
    constexpr int kSmall = 2000;
    test::TestWorkspace small;
    Seed::Ids ids;
    {
        const DbHandle handle = small.workspace().openHandle();
        ids = Seed::seed(handle.db(), kSmall);
    }
    openPage(small.workspace());
    QTableView *view = m_page->view();
    QTRY_VERIFY(m_model->isRowLoaded(3));
    const QRect cell = view->visualRect(m_model->index(3, CatalogModel::Title));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    const qint64 chosen = m_model->productId(3);
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
    const int lastVisible = view->rowAt(view->viewport()->height() - 1);
    QTRY_VERIFY(m_model->isRowLoaded(lastVisible));

    const auto refreshed = [this] {
        QSignalSpy loaded(m_model.get(), &WorkspaceModel::loaded);
        m_model->refresh();
        return loaded.wait(10000);
    };
    QSignalSpy layouts(m_model.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy repaints(m_model.get(), &QAbstractItemModel::dataChanged);

    // Unchanged: no new list, no row read again.
    QVERIFY(refreshed());
    QVERIFY(refreshed());
    QCOMPARE(layouts.size(), 0);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(repaints.size(), 0);

    // A product added above the chosen one: the selection follows it.
    {
        const DbHandle handle = small.workspace().openHandle();
        Product product;
        product.title = QStringLiteral("Aardvark Anorak");
        CatalogStore(handle.db()).addProduct(product);
    }
    QVERIFY(refreshed());
    QCOMPARE(m_model->rowCount(), kSmall + 1);
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(resets.size(), 0);
    const QModelIndexList selected = view->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().row(), 4);
    QCOMPARE(selected.first().data(CatalogModel::IdRole).toLongLong(), chosen);
    QCOMPARE(view->currentIndex().row(), 4);
    QCOMPARE(child<QLabel>("catalogCount")->text(), tr("%1 products").arg(number(kSmall + 1)));
    QTRY_COMPARE(cellText(*m_model, 0, CatalogModel::Title), QStringLiteral("Aardvark Anorak"));

    // Stock changed elsewhere: the cell repaints in place, the list stays.
    const QString before = cellText(*m_model, 4, CatalogModel::Stock);
    {
        const DbHandle handle = small.workspace().openHandle();
        QSqlQuery update(handle.db());
        QVERIFY(update.exec(QStringLiteral(
            "UPDATE stock_levels SET available = available + 100, updated_at = updated_at + 1 "
            "WHERE variant_id = (SELECT MIN(id) FROM variants WHERE product_id = %1) "
            "AND location_id = %2")
                                .arg(chosen)
                                .arg(ids.locations.at(0))));
        QCOMPARE(update.numRowsAffected(), 1);
    }
    QVERIFY(refreshed());
    QTRY_COMPARE(cellText(*m_model, 4, CatalogModel::Stock),
                 number(QLocale().toLongLong(before) + 100));
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(view->selectionModel()->selectedRows().first().row(), 4);
}

QTEST_MAIN(TestCatalogPage)
#include "tst_catalogpage.moc"
