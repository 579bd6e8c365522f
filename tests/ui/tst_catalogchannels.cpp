// The Catalog page's channels: a badge per channel with the product's state
// there (nothing where it is not listed, nothing for the store it came from),
// the last error and the listing link on hover, the channel state filter in
// the bar, a refresh after a publish changing the badges, and "Publish to…"
// asking for the selected products.

#include "catalogfilterbar.h"
#include "catalogmodel.h"
#include "catalogpage.h"
#include "catalogseed.h"
#include "channelbadgedelegate.h"
#include "channelmappings.h"
#include "publishseed.h"
#include "testworkspace.h"
#include "widgetkeys.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleOptionViewItem>
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

constexpr int kProducts = 30;

using test::chooseByKeys;

} // namespace

class TestCatalogChannels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void badgesNameEachChannelWithItsState();
    void tooltipsGiveTheErrorAndTheListing();
    void channelStateFilterNarrows();
    void aRefreshAfterAPublishChangesTheBadge();
    void publishAsksForTheSelectedProducts();

private:
    template<typename T> T *child(const char *name) const
    {
        return m_page->findChild<T *>(QString::fromLatin1(name));
    }
    int rowOf(int i) const { return int(m_model->productIds().indexOf(m_ids.products.at(i))); }
    QVariant cell(int i, int role) const
    {
        return m_model->index(rowOf(i), CatalogModel::Channels).data(role);
    }
    bool refreshed();

    std::optional<test::TestWorkspace> m_workspace;
    Seed::Ids m_ids;
    qint64 m_etsy = 0;
    std::unique_ptr<CatalogModel> m_model;
    std::unique_ptr<CatalogPage> m_page;
};

void TestCatalogChannels::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    m_workspace.emplace();
    const DbHandle handle = m_workspace->workspace().openHandle();
    m_ids = Seed::seed(handle.db(), kProducts);
    m_etsy = test::addConnection(handle.db(), u"etsy"_s, u"4242"_s, u"Etsy Shop"_s);
    const qint64 acme = m_ids.connections.at(0);
    const qint64 bolt = m_ids.connections.at(1);

    // 0 (from Acme): synced on Etsy, failed on Bolt, and Acme's own mapping
    // (where it came from, no badge). 1: out of sync on Etsy. 2: pending on Etsy.
    ChannelMappings mappings(handle.db());
    mappings.markPending(acme, {m_ids.products.at(0)});
    mappings.markPending(m_etsy,
                         {m_ids.products.at(0), m_ids.products.at(1), m_ids.products.at(2)});
    mappings.recordExternalId(m_etsy, m_ids.products.at(0), u"1001"_s,
                              u"https://www.etsy.com/listing/1001"_s);
    mappings.recordSynced(m_etsy, m_ids.products.at(0), QString(), u"t"_s, QString());
    mappings.recordFailed(bolt, m_ids.products.at(0), u"Bolt is read-only"_s);
    mappings.recordSynced(m_etsy, m_ids.products.at(1), u"older"_s, u"t"_s, QString());
}

void TestCatalogChannels::init()
{
    m_model = std::make_unique<CatalogModel>(m_workspace->workspace());
    m_page = std::make_unique<CatalogPage>(m_model.get());
    m_page->resize(1200, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(refreshed());
    QTRY_VERIFY(m_model->isRowLoaded(rowOf(0)) && m_model->isRowLoaded(rowOf(5)));
}

void TestCatalogChannels::cleanup()
{
    m_page.reset();
    m_model.reset();
    QThreadPool::globalInstance()->waitForDone();
}

bool TestCatalogChannels::refreshed()
{
    QSignalSpy loaded(m_model.get(), &WorkspaceModel::loaded);
    m_model->refresh();
    return loaded.wait(10000);
}

void TestCatalogChannels::badgesNameEachChannelWithItsState()
{
    QCOMPARE(m_model->headerData(CatalogModel::Channels, Qt::Horizontal).toString(), u"Channels"_s);
    QCOMPARE(cell(0, Qt::DisplayRole).toString(), u"Bolt Bikes: failed · Etsy Shop: synced"_s);
    const auto badges = cell(0, CatalogModel::BadgesRole).value<QList<ChannelBadge>>();
    QCOMPARE(badges, (QList<ChannelBadge>{{u"Bolt Bikes"_s, ChannelState::State::Failed},
                                          {u"Etsy Shop"_s, ChannelState::State::Synced}}));
    QCOMPARE(cell(1, Qt::DisplayRole).toString(), u"Etsy Shop: out of sync"_s);
    QCOMPARE(cell(2, Qt::DisplayRole).toString(), u"Etsy Shop: pending"_s);
    // Not listed anywhere: no badge.
    QCOMPARE(cell(5, Qt::DisplayRole).toString(), QString());
    QVERIFY(cell(5, CatalogModel::BadgesRole).value<QList<ChannelBadge>>().isEmpty());

    // The delegate gives the pills room.
    QTableView *view = m_page->view();
    const QSize wide =
        view->itemDelegateForColumn(CatalogModel::Channels)
            ->sizeHint(QStyleOptionViewItem(), m_model->index(rowOf(0), CatalogModel::Channels));
    QVERIFY(wide.width() > view->fontMetrics().horizontalAdvance(u"Etsy Shop"_s));
}

void TestCatalogChannels::tooltipsGiveTheErrorAndTheListing()
{
    QCOMPARE(cell(0, Qt::ToolTipRole).toString(),
             u"Bolt Bikes: failed — Bolt is read-only\n"
             "Etsy Shop: synced\nhttps://www.etsy.com/listing/1001"_s);
    QCOMPARE(cell(1, Qt::ToolTipRole).toString(),
             u"Etsy Shop: out of sync — changed here since it was last synced"_s);
    QCOMPARE(cell(5, Qt::ToolTipRole).toString(), u"Not listed on any channel"_s);
}

void TestCatalogChannels::channelStateFilterNarrows()
{
    auto *channel = child<QComboBox>("catalogChannelFilter");
    auto *state = child<QComboBox>("catalogChannelStateFilter");
    auto *count = child<QLabel>("catalogCount");
    QVERIFY(channel && state && channel->isVisible() && state->isVisible());
    QCOMPARE(channel->itemText(0), u"Any channel"_s);
    const auto shows = [&](int expected) {
        QTRY_COMPARE(m_model->appliedFilter(),
                     child<CatalogFilterBar>("catalogFilterBar")->filter());
        QCOMPARE(m_model->rowCount(), expected);
        QCOMPARE(count->text(), u"%1 of %2 match"_s.arg(expected).arg(kProducts));
    };

    QVERIFY(chooseByKeys(state, u"Has problems"_s)); // on any channel: 0 and 1
    shows(2);
    QVERIFY(chooseByKeys(channel, u"Etsy Shop"_s)); // out of sync there: 1
    shows(1);
    QVERIFY(chooseByKeys(state, u"Synced"_s));
    shows(1);
    QVERIFY(chooseByKeys(state, u"Not listed"_s));
    shows(kProducts - 3);
    // Products are not "listed" on the store they came from.
    QVERIFY(chooseByKeys(channel, u"Acme Outdoor"_s));
    shows(kProducts);
    QVERIFY(chooseByKeys(channel, u"Any channel"_s)); // listed nowhere
    shows(kProducts - 3);
    QVERIFY(chooseByKeys(state, u"Any channel state"_s));
    QTRY_COMPARE(m_model->rowCount(), kProducts);
    QCOMPARE(count->text(), u"%1 products"_s.arg(kProducts));
}

void TestCatalogChannels::aRefreshAfterAPublishChangesTheBadge()
{
    QCOMPARE(cell(2, Qt::DisplayRole).toString(), u"Etsy Shop: pending"_s);
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        ChannelMappings(handle.db()).recordFailed(m_etsy, m_ids.products.at(2), u"Rate limited"_s);
    }
    QVERIFY(refreshed());
    QTRY_COMPARE(cell(2, Qt::DisplayRole).toString(), u"Etsy Shop: failed"_s);
    QCOMPARE(cell(2, Qt::ToolTipRole).toString(), u"Etsy Shop: failed — Rate limited"_s);
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        ChannelMappings(handle.db()).markPending(m_etsy, {m_ids.products.at(2)});
    }
}

void TestCatalogChannels::publishAsksForTheSelectedProducts()
{
    auto *publish = child<QPushButton>("publishButton");
    QVERIFY(publish && publish->isVisible());
    QVERIFY(!publish->isEnabled()); // nothing selected

    QTableView *view = m_page->view();
    const auto rowCentre = [&](int row) {
        return view->visualRect(m_model->index(row, CatalogModel::Title)).center();
    };
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowCentre(1));
    QVERIFY(publish->isEnabled());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, rowCentre(3));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, rowCentre(6));

    QSignalSpy asked(m_page.get(), &CatalogPage::publishRequested);
    QTest::mouseClick(publish, Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    const QList<qint64> expected{m_model->productId(1), m_model->productId(2),
                                 m_model->productId(3), m_model->productId(6)};
    QCOMPARE(asked.first().first().value<QList<qint64>>(), expected);

    // Clicking the Channels header keeps the order (it has none of its own).
    QHeaderView *header = view->horizontalHeader();
    const QPoint channels(header->sectionViewportPosition(CatalogModel::Channels) + 10,
                          header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, channels);
    QCOMPARE(header->sortIndicatorSection(), int(CatalogModel::Title));
    QCOMPARE(m_model->filter(), m_model->appliedFilter());
    QVERIFY(!m_model->isLoading());
}

QTEST_MAIN(TestCatalogChannels)
#include "tst_catalogchannels.moc"
