// A product's mapping on a channel: its state (out of sync derived from the
// content hash), the channels it is on, and claimIntent(), the exactly-once
// guard for creating listings.
#include "catalogseed.h"
#include "catalogstore.h"
#include "channelmappings.h"
#include "enginefixture.h"
#include "publishseed.h"
#include "sql.h"
#include "testprinting.h"

#include <QTest>
#include <algorithm>
#include <memory>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Listing = ChannelState::State;

namespace {

using test::addTestConnection;
using test::contentHashOf;
using test::publishItem;

qint64 addProduct(const QSqlDatabase &db, const QString &title, qint64 sourceConnectionId = 0)
{
    return test::addProduct(db, title, test::eurVariant(u"SKU-"_s + title, 1500, u"Default"_s),
                            sourceConnectionId);
}

qint64 mappingRows(const QSqlDatabase &db, qint64 connectionId, qint64 productId)
{
    return test::scalar(
        db, u"SELECT COUNT(*) FROM mappings WHERE connection_id = ? AND internal_id = ?"_s,
        {connectionId, productId});
}

} // namespace

class TestChannelMappings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_engine = std::make_unique<test::EngineFixture>();
        m_connection = addTestConnection(db(), u"etsy-shop"_s);
        m_product = addProduct(db(), u"Wool scarf"_s);
        m_mappings = std::make_unique<ChannelMappings>(db());
    }
    void cleanup()
    {
        m_mappings.reset();
        m_engine.reset();
    }

    void stateWithoutMappingIsNotListed()
    {
        const ChannelState state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.state, Listing::NotListed);
        QCOMPARE(state.connectionId, m_connection);
        QCOMPARE(state.productId, m_product);
        QVERIFY(!state.isListed());
        QVERIFY(!state.intentItemId);
        QVERIFY(!state.lastSyncedAt);
        QCOMPARE(mappingRows(db(), m_connection, m_product), 0); // reading writes nothing
    }

    void stateNamesRoundTrip()
    {
        for (Listing state : {Listing::NotListed, Listing::Pending, Listing::Synced,
                              Listing::Failed, Listing::OutOfSync})
            QCOMPARE(channelStateFromString(nameOf(state)), state);
        QCOMPARE(nameOf(Listing::OutOfSync), u"out_of_sync"_s);
        QVERIFY(!channelStateFromString(u"listed"_s));
    }

    void markPendingCreatesTheMapping()
    {
        m_mappings->markPending(m_connection, {m_product});
        const ChannelState state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.state, Listing::Pending);
        QVERIFY(!state.isListed());
        m_mappings->markPending(m_connection, {m_product}); // again: still one row
        QCOMPARE(mappingRows(db(), m_connection, m_product), 1);
    }

    void markPendingKeepsWhatTheChannelHas()
    {
        m_mappings->recordExternalId(m_connection, m_product, u"L-77"_s,
                                     u"https://shop.example/listing/77"_s);
        m_mappings->recordFailed(m_connection, m_product, u"Etsy refused the price"_s);
        ChannelState state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.state, Listing::Failed);
        QCOMPARE(state.lastError, u"Etsy refused the price"_s);

        m_mappings->markPending(m_connection, {m_product});
        state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.state, Listing::Pending);
        QCOMPARE(state.externalId, u"L-77"_s);
        QCOMPARE(state.url, u"https://shop.example/listing/77"_s);
        QCOMPARE(state.lastError, QString());
        QVERIFY(state.isListed());
    }

    void syncedThenOutOfSyncWhenTheProductChanges()
    {
        m_mappings->markPending(m_connection, {m_product});
        m_mappings->recordExternalId(m_connection, m_product, u"L-1"_s, u"https://l/1"_s);
        const QString hash = contentHashOf(db(), m_product);
        QVERIFY(!hash.isEmpty());
        m_mappings->recordSynced(m_connection, m_product, hash, u"target-1"_s, u"{\"img\":1}"_s);

        ChannelState state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.state, Listing::Synced);
        QCOMPARE(state.sourceHash, hash);
        QCOMPARE(state.targetHash, u"target-1"_s);
        QCOMPARE(state.channelData, u"{\"img\":1}"_s);
        QVERIFY(state.lastSyncedAt.has_value());
        QCOMPARE(state.externalId, u"L-1"_s);

        CatalogStore(db()).editProduct(m_product, {u"Wool scarf, red"_s, {}, {}});
        QVERIFY(contentHashOf(db(), m_product) != hash);
        state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.state, Listing::OutOfSync);
        QCOMPARE(m_mappings->states(m_connection, {m_product}).value(m_product).state,
                 Listing::OutOfSync);
        QCOMPARE(m_mappings->channelsOf({m_product}).value(m_product).value(0).state,
                 Listing::OutOfSync);

        // Synced again with the new content: in sync again.
        m_mappings->recordSynced(m_connection, m_product, contentHashOf(db(), m_product),
                                 u"target-2"_s, {});
        QCOMPARE(m_mappings->state(m_connection, m_product).state, Listing::Synced);
    }

    void onlySyncedMappingsGoOutOfSync()
    {
        // A pending or failed mapping whose source hash differs stays what it is.
        const qint64 other = addProduct(db(), u"Canvas tote"_s);
        m_mappings->markPending(m_connection, {m_product, other});
        m_mappings->recordFailed(m_connection, other, u"timeout"_s);
        CatalogStore(db()).editProduct(m_product, {u"Changed"_s, {}, {}});
        CatalogStore(db()).editProduct(other, {u"Changed too"_s, {}, {}});
        QCOMPARE(m_mappings->state(m_connection, m_product).state, Listing::Pending);
        QCOMPARE(m_mappings->state(m_connection, other).state, Listing::Failed);
    }

    void recordFailedCreatesTheMapping()
    {
        m_mappings->recordFailed(m_connection, m_product, u"Shop is on vacation"_s);
        const ChannelState state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.state, Listing::Failed);
        QCOMPARE(state.lastError, u"Shop is on vacation"_s);
    }

    void recordChannelDataKeepsTheState()
    {
        m_mappings->markPending(m_connection, {m_product});
        m_mappings->recordChannelData(m_connection, m_product, u"{\"images\":[\"a\"]}"_s);
        const ChannelState state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.channelData, u"{\"images\":[\"a\"]}"_s);
        QCOMPARE(state.state, Listing::Pending);
    }

    void statesAreTheConnectionsOnly()
    {
        const qint64 otherConnection = addTestConnection(db(), u"other-shop"_s);
        const qint64 second = addProduct(db(), u"Canvas tote"_s);
        const qint64 unmapped = addProduct(db(), u"Rain boots"_s);
        m_mappings->markPending(m_connection, {m_product});
        m_mappings->recordFailed(otherConnection, second, u"elsewhere"_s);
        m_mappings->recordFailed(m_connection, second, u"here"_s);

        const auto states = m_mappings->states(m_connection, {m_product, second, unmapped});
        QCOMPARE(states.size(), 2);
        QCOMPARE(states.value(m_product).state, Listing::Pending);
        QCOMPARE(states.value(second).lastError, u"here"_s);
        QCOMPARE(states.value(second).connectionId, m_connection);
        QVERIFY(!states.contains(unmapped));
        QVERIFY(m_mappings->states(m_connection, {}).isEmpty());
    }

    void statesOfManyProducts()
    {
        // More ids than one statement binds (chunks of 500).
        const test::CatalogSeed::Ids ids = test::CatalogSeed::seed(db(), 1201);
        m_mappings->markPending(m_connection, ids.products);
        const auto states = m_mappings->states(m_connection, ids.products);
        QCOMPARE(states.size(), 1201);
        QCOMPARE(states.value(ids.products.constLast()).state, Listing::Pending);
        QCOMPARE(states.value(ids.products.at(500)).productId, ids.products.at(500));
        QCOMPARE(m_mappings->channelsOf(ids.products).size(), 1201);
    }

    void channelsOfLeavesOutTheSourceConnection()
    {
        const qint64 source = addTestConnection(db(), u"shopify-shop"_s);
        const qint64 imported = addProduct(db(), u"Imported jacket"_s, source);
        const qint64 unmapped = addProduct(db(), u"Rain boots"_s);
        // Where the imported product came from, and where it is published.
        m_mappings->markPending(source, {imported});
        m_mappings->recordExternalId(source, imported, u"gid://Product/1"_s, {});
        m_mappings->recordFailed(m_connection, imported, u"no shipping profile"_s);
        // A product made here, published to both channels.
        m_mappings->markPending(source, {m_product});
        m_mappings->markPending(m_connection, {m_product});

        const auto channels = m_mappings->channelsOf({imported, m_product, unmapped});
        QCOMPARE(channels.value(imported).size(), 1);
        QCOMPARE(channels.value(imported).first().connectionId, m_connection);
        QCOMPARE(channels.value(imported).first().state, Listing::Failed);
        QCOMPARE(channels.value(m_product).size(), 2);
        QCOMPARE(channels.value(m_product).at(0).connectionId, std::min(source, m_connection));
        QCOMPARE(channels.value(m_product).at(1).connectionId, std::max(source, m_connection));
        QVERIFY(!channels.contains(unmapped));
        QVERIFY(m_mappings->channelsOf({}).isEmpty());
    }

    void productWithExternalId()
    {
        const qint64 otherConnection = addTestConnection(db(), u"other-shop"_s);
        const qint64 second = addProduct(db(), u"Canvas tote"_s);
        m_mappings->recordExternalId(m_connection, m_product, u"L-5"_s, {});
        m_mappings->recordExternalId(otherConnection, second, u"L-6"_s, {});
        QCOMPARE(m_mappings->productWithExternalId(m_connection, u"L-5"_s),
                 std::optional<qint64>(m_product));
        QVERIFY(!m_mappings->productWithExternalId(m_connection, u"L-6"_s));
        QVERIFY(!m_mappings->productWithExternalId(m_connection, u"L-404"_s));
        QCOMPARE(m_mappings->productWithExternalId(otherConnection, u"L-6"_s),
                 std::optional<qint64>(second));
    }

    // --- claimIntent: exactly once ---

    void claimIntentWithoutAnIntentIsGranted()
    {
        const QList<qint64> items = runningItems(1);
        QCOMPARE(items.size(), 1);
        QVERIFY(m_mappings->claimIntent(m_connection, m_product, items.at(0)));
        const ChannelState state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.intentItemId, std::optional<qint64>(items.at(0)));
        QVERIFY(state.intentAt.has_value());
        QCOMPARE(state.state, Listing::Pending); // the claim made the mapping
        QVERIFY(!state.isListed());
    }

    void theHolderMayClaimAgain()
    {
        const QList<qint64> items = runningItems(1);
        QCOMPARE(items.size(), 1);
        QVERIFY(m_mappings->claimIntent(m_connection, m_product, items.at(0)));
        const auto firstAt = m_mappings->state(m_connection, m_product).intentAt;
        QVERIFY(m_mappings->claimIntent(m_connection, m_product, items.at(0)));
        const ChannelState state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.intentItemId, std::optional<qint64>(items.at(0)));
        QCOMPARE(state.intentAt, firstAt);
    }

    void anotherRunningItemIsRefusedUntilTheHolderStops()
    {
        const QList<qint64> items = runningItems(2);
        QCOMPARE(items.size(), 2);
        QVERIFY(m_mappings->claimIntent(m_connection, m_product, items.at(0)));
        const auto firstAt = m_mappings->state(m_connection, m_product).intentAt;

        QVERIFY(!m_mappings->claimIntent(m_connection, m_product, items.at(1)));
        QVERIFY(!m_mappings->claimIntent(m_connection, m_product, items.at(1))); // still
        QCOMPARE(m_mappings->state(m_connection, m_product).intentItemId,
                 std::optional<qint64>(items.at(0)));

        // The holder's attempt ends (here: a retryable failure, so it is no
        // longer running). The next item may go on, and must look first: the
        // earlier intent's time is kept.
        const SyncItem holder = m_engine->items().get(items.at(0));
        QCOMPARE(holder.state, SyncItem::State::Running);
        const auto done =
            m_engine->items().complete(holder, ItemOutcome::retry(u"timeout"_s), 60000);
        QVERIFY(done.recorded);
        QVERIFY(done.state != SyncItem::State::Running);

        QVERIFY(m_mappings->claimIntent(m_connection, m_product, items.at(1)));
        const ChannelState state = m_mappings->state(m_connection, m_product);
        QCOMPARE(state.intentItemId, std::optional<qint64>(items.at(1)));
        QCOMPARE(state.intentAt, firstAt);
        // Now the first item is the one refused.
        QVERIFY(!m_mappings->claimIntent(m_connection, m_product, items.at(0)));
    }

    void aHolderThatIsNotRunningDoesNotBlock()
    {
        // Held by an item still waiting to run (pending), or by one that is
        // gone: neither is creating the listing now.
        const QList<qint64> running = runningItems(1);
        QCOMPARE(running.size(), 1);
        const qint64 runId = m_engine->runs().create(u"publish"_s, m_connection, u"test"_s);
        const auto waiting = m_engine->items().enqueue(
            runId, publishItem(m_connection, m_product, u"waiting"_s));
        QCOMPARE(waiting.item.state, SyncItem::State::Pending);

        QVERIFY(m_mappings->claimIntent(m_connection, m_product, waiting.item.id));
        QVERIFY(m_mappings->claimIntent(m_connection, m_product, running.at(0)));

        const qint64 other = addProduct(db(), u"Canvas tote"_s);
        QVERIFY(m_mappings->claimIntent(m_connection, other, 987654)); // no such item
        QVERIFY(m_mappings->claimIntent(m_connection, other, running.at(0)));
    }

    void intentsAreHeldPerProductAndConnection()
    {
        const qint64 otherConnection = addTestConnection(db(), u"other-shop"_s);
        const qint64 other = addProduct(db(), u"Canvas tote"_s);
        const QList<qint64> items = runningItems(2);
        QCOMPARE(items.size(), 2);
        QVERIFY(m_mappings->claimIntent(m_connection, m_product, items.at(0)));
        QVERIFY(m_mappings->claimIntent(m_connection, other, items.at(1)));
        QVERIFY(m_mappings->claimIntent(otherConnection, m_product, items.at(1)));
        QVERIFY(!m_mappings->claimIntent(m_connection, m_product, items.at(1)));
    }

    void recordExternalIdClearsTheIntent()
    {
        const QList<qint64> items = runningItems(2);
        QCOMPARE(items.size(), 2);
        QVERIFY(m_mappings->claimIntent(m_connection, m_product, items.at(0)));
        m_mappings->recordExternalId(m_connection, m_product, u"L-9"_s, u"https://l/9"_s);
        const ChannelState state = m_mappings->state(m_connection, m_product);
        QVERIFY(!state.intentItemId);
        QVERIFY(!state.intentAt);
        QCOMPARE(state.externalId, u"L-9"_s);
        QCOMPARE(state.url, u"https://l/9"_s);
        QVERIFY(state.isListed());
        // Nobody holds it now, even with the first item still running.
        QCOMPARE(m_engine->items().get(items.at(0)).state, SyncItem::State::Running);
        QVERIFY(m_mappings->claimIntent(m_connection, m_product, items.at(1)));
    }

private:
    QSqlDatabase db() const { return m_engine->db(); }

    // `count` items of a new publish run, claimed: running, in id order.
    QList<qint64> runningItems(int count)
    {
        const qint64 runId = m_engine->runs().create(u"publish"_s, m_connection, u"test"_s);
        QList<NewItem> items;
        for (int i = 0; i < count; ++i)
            items.append(publishItem(m_connection, m_product,
                                     u"listing.publish:%1:%2"_s.arg(runId).arg(i)));
        m_engine->items().enqueue(runId, items);
        QList<qint64> ids;
        for (const SyncItem &item : m_engine->items().claim(u"worker"_s, count, 60000)) {
            if (item.state == SyncItem::State::Running && item.runId == runId)
                ids.append(item.id);
        }
        std::sort(ids.begin(), ids.end());
        return ids; // callers check the count
    }

    std::unique_ptr<test::EngineFixture> m_engine;
    std::unique_ptr<ChannelMappings> m_mappings;
    qint64 m_connection = 0;
    qint64 m_product = 0;
};

QTEST_GUILESS_MAIN(TestChannelMappings)
#include "tst_channelmappings.moc"
