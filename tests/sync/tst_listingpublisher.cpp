// The hub's publishing choreography, whatever the channel: exactly-once
// creates, the lookup of a listing whose reply was lost, checkpoints that a
// retry goes on from, and the last-attempt rule; one item per operation
// (listing, stock, media) with the product synced by its last step, the
// whole publish in one "listing.publish" item, and unpublishing. The channel here is a
// scripted one in memory; the Etsy adapter's verbs are tested against the
// Etsy sandbox (tst_etsypublish, tst_publishcrash).
#include "channelmappings.h"
#include "enginefixture.h"
#include "listingorigin.h"
#include "listingpublisher.h"
#include "publishseed.h"

#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

// A channel that keeps its listings in memory and fails where it is told.
struct ScriptedChannelState
{
    QHash<QString, QStringList> media; // listing id → media ids
    int creates = 0, updates = 0, stockWrites = 0, uploads = 0, lookups = 0;
    bool loseNextCreateReply = false;
    int failUploadAtRank = 0; // once
    ChannelError::Kind nextUpdateError = ChannelError::Kind::None;
    QSet<QString> inactive;
    int activations = 0;
    QString unreachableImage; // checkMedia refuses it
};

class ScriptedChannel : public ListingChannel
{
public:
    explicit ScriptedChannel(ScriptedChannelState &state) : m_state(state) {}

    std::unique_ptr<ChannelListing> prepare(const PublishableProduct &product,
                                            const QJsonObject &) const override
    {
        auto listing = std::make_unique<ChannelListing>();
        listing->hash = product.contentHash;
        listing->images = product.images;
        listing->imagesDigest = QString::number(product.images.size());
        return listing;
    }
    ChannelResult<std::optional<ListingRef>>
    findCreatedSince(const ChannelListing &, qint64,
                     const std::function<bool(const QString &)> &mappedElsewhere) override
    {
        ++m_state.lookups;
        for (auto it = m_state.media.cbegin(); it != m_state.media.cend(); ++it) {
            if (!mappedElsewhere(it.key()))
                return {ListingRef{it.key(), u"https://shop/"_s + it.key()}, {}};
        }
        return {};
    }
    ChannelResult<ListingRef> create(const ChannelListing &,
                                     const std::function<bool()> &beforeSend) override
    {
        if (!beforeSend())
            return {{}, {ChannelError::Kind::Cancelled, u"held back"_s}};
        const QString id = QString::number(100 + ++m_state.creates);
        m_state.media.insert(id, {});
        if (std::exchange(m_state.loseNextCreateReply, false))
            return {{}, {ChannelError::Kind::Retryable, u"Shop: no answer"_s, true}};
        return {{id, u"https://shop/"_s + id}, {}};
    }
    ChannelError update(const QString &, const ChannelListing &) override
    {
        ++m_state.updates;
        return {std::exchange(m_state.nextUpdateError, ChannelError::Kind::None),
                u"Shop: refused"_s};
    }
    ChannelError setStock(const QString &, const ChannelListing &) override
    {
        ++m_state.stockWrites;
        return {};
    }
    ChannelResult<QStringList> mediaIds(const QString &id) override
    {
        return {m_state.media.value(id), {}};
    }
    ChannelError removeMedia(const QString &id, const QString &mediaId) override
    {
        m_state.media[id].removeAll(mediaId);
        return {};
    }
    ChannelError deactivate(const QString &id) override
    {
        if (!m_state.media.contains(id))
            return {ChannelError::Kind::NotFound, u"Shop: no such listing"_s};
        m_state.inactive.insert(id);
        return {};
    }
    ChannelError activate(const QString &id) override
    {
        ++m_state.activations;
        m_state.inactive.remove(id);
        return {};
    }
    ChannelError checkMedia(const ChannelListing &listing) override
    {
        for (const ProductImage &image : listing.images) {
            if (image.url == m_state.unreachableImage)
                return {ChannelError::Kind::Permanent, u"Could not download the image "_s + image.url};
        }
        return {};
    }
    ChannelResult<QString> uploadMedia(const QString &id, const ProductImage &, int rank) override
    {
        if (rank == m_state.failUploadAtRank) {
            m_state.failUploadAtRank = 0;
            return {{}, {ChannelError::Kind::Retryable, u"Shop: upload timed out"_s}};
        }
        ++m_state.uploads;
        const QString mediaId = u"m%1"_s.arg(m_state.uploads);
        m_state.media[id].append(mediaId);
        return {mediaId, {}};
    }

private:
    ScriptedChannelState &m_state;
};

} // namespace

class TestListingPublisher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_engine = std::make_unique<test::EngineFixture>();
        m_state = {};
        m_connection = test::addTestConnection(db(), u"shop"_s);
        m_product = test::addProduct(db(), u"Linen apron"_s, test::eurVariant(u"AP-1"_s, 2400));
        PublishableProductReader images(db());
        for (int i = 1; i <= 3; ++i)
            images.addImage(m_product, {u"https://img/%1.png"_s.arg(i), QString()});
        m_runId = m_engine->runs().create(u"publish"_s, m_connection, u"test"_s);
    }
    void cleanup() { m_engine.reset(); }

    void createsOnceThenHasNothingToSend()
    {
        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_state.creates, 1);
        QCOMPARE(m_state.uploads, 3);
        QCOMPARE(m_state.stockWrites, 1);
        const ChannelState synced = listing();
        QCOMPARE(synced.state, ChannelState::State::Synced);
        QCOMPARE(synced.externalId, u"101"_s);

        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_state.creates, 1);
        QCOMPARE(m_state.updates, 0); // the same content was written already
        QCOMPARE(m_state.stockWrites, 1);
        QCOMPARE(m_state.uploads, 3);
    }

    // Summaries count a create only for the process and run that made it:
    // one that went on from another's work did not create the listing.
    void aCreateIsClaimedOnlyByTheProcessAndRunThatMadeIt()
    {
        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(ListingOrigin::of(listing(), m_runId), ListingOrigin::How::CreatedHere);
        QCOMPARE(ListingOrigin::of(listing(), m_runId, u"pid1-other@elsewhere"_s),
                 ListingOrigin::How::CreatedElsewhere);
        QCOMPARE(ListingOrigin::of(listing(), m_runId + 1), ListingOrigin::How::CreatedElsewhere);
        QCOMPARE(ListingOrigin::of(ChannelState{}, m_runId), ListingOrigin::How::Unknown);
    }

    void aCreateWhoseReplyWasLostIsFoundNotMadeAgain()
    {
        m_state.loseNextCreateReply = true;
        const ItemOutcome first = attempt();
        QCOMPARE(first.kind, ItemOutcome::Kind::RetryableFailure);
        QVERIFY(first.message.contains(u"check the channel before trying again"_s));
        QVERIFY(listing().intentAt.has_value());

        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_state.creates, 1);
        QCOMPARE(m_state.lookups, 1);
        QCOMPARE(listing().externalId, u"101"_s);
        QCOMPARE(m_state.media.value(u"101"_s).size(), 3);
        // Said as it happened: found again and linked, not created.
        QCOMPARE(listing().state, ChannelState::State::Synced);
        QCOMPARE(ListingOrigin::of(listing(), m_runId), ListingOrigin::How::FoundAndLinked);
    }

    void aRetryGoesOnFromTheLastImageThatWasUploaded()
    {
        m_state.failUploadAtRank = 3;
        QCOMPARE(attempt().kind, ItemOutcome::Kind::RetryableFailure);
        QCOMPARE(m_state.uploads, 2);
        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_state.uploads, 3); // only the third again
        QCOMPARE(m_state.stockWrites, 1);
        QCOMPARE(m_state.media.value(u"101"_s), (QStringList{u"m1"_s, u"m2"_s, u"m3"_s}));
    }

    void theLastAttemptLeavesTheProductFailedWithTheReason()
    {
        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        changeContent();
        m_state.nextUpdateError = ChannelError::Kind::Retryable;
        QCOMPARE(attempt(1, 3).kind, ItemOutcome::Kind::RetryableFailure);
        // Not failed while attempts remain: still the listing it was, now behind the product.
        QCOMPARE(listing().state, ChannelState::State::OutOfSync);
        m_state.nextUpdateError = ChannelError::Kind::Retryable;
        const ItemOutcome last = attempt(3, 3);
        QCOMPARE(last.kind, ItemOutcome::Kind::PermanentFailure);
        QCOMPARE(listing().state, ChannelState::State::Failed);
        QCOMPARE(listing().lastError, u"Shop: refused (while updating the listing)"_s);
    }

    void aLostSignInAsksTheMerchantToReconnect()
    {
        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        changeContent();
        m_state.nextUpdateError = ChannelError::Kind::NeedsSignIn;
        const ItemOutcome outcome = attempt(1, 5);
        QCOMPARE(outcome.kind, ItemOutcome::Kind::PermanentFailure);
        QVERIFY(outcome.message.contains(u"Reconnect the store"_s));
    }

    void aProductAnotherRunIsCreatingWaits()
    {
        ChannelMappings(db()).claimIntent(m_connection, m_product, otherRunningItem());
        const ItemOutcome outcome = attempt();
        QCOMPARE(outcome.kind, ItemOutcome::Kind::Deferred);
        QCOMPARE(m_state.creates, 0);
    }

    // --- one item per operation ---

    void theStepsWriteListingStockAndMediaAndTheLastSyncs()
    {
        const QList<SyncItem> steps = enqueueSteps(u"listing.create"_s);
        QCOMPARE(run(steps.at(0)).kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_state.creates, 1);
        QCOMPARE(m_state.stockWrites, 0);
        QCOMPARE(m_state.uploads, 0);
        QCOMPARE(listing().state, ChannelState::State::Pending); // not all written yet
        QCOMPARE(listing().externalId, u"101"_s);

        QCOMPARE(run(steps.at(1)).kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_state.stockWrites, 1);
        QCOMPARE(listing().state, ChannelState::State::Pending);

        QCOMPARE(run(steps.at(2)).kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_state.uploads, 3);
        QCOMPARE(m_state.lookups, 0);
        QCOMPARE(listing().state, ChannelState::State::Synced);
        QCOMPARE(m_state.media.value(u"101"_s), (QStringList{u"m1"_s, u"m2"_s, u"m3"_s}));
    }

    void aStepRunAgainSendsNothingTwice()
    {
        const QList<SyncItem> steps = enqueueSteps(u"listing.create"_s);
        for (const SyncItem &step : steps) {
            QCOMPARE(run(step).kind, ItemOutcome::Kind::Succeeded);
            QCOMPARE(run(step).kind, ItemOutcome::Kind::Succeeded); // e.g. after a lost lease
        }
        QCOMPARE(m_state.creates, 1);
        QCOMPARE(m_state.updates, 0);
        QCOMPARE(m_state.stockWrites, 1);
        QCOMPARE(m_state.uploads, 3);
        QCOMPARE(listing().state, ChannelState::State::Synced);
    }

    void aMediaStepAfterAFailedUploadGoesOnFromTheLastImage()
    {
        const QList<SyncItem> steps = enqueueSteps(u"listing.create"_s);
        QCOMPARE(run(steps.at(0)).kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(run(steps.at(1)).kind, ItemOutcome::Kind::Succeeded);
        m_state.failUploadAtRank = 2;
        QCOMPARE(run(steps.at(2)).kind, ItemOutcome::Kind::RetryableFailure);
        QCOMPARE(listing().state, ChannelState::State::Pending); // attempts remain
        QCOMPARE(run(steps.at(2)).kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_state.uploads, 3);
        QCOMPARE(m_state.media.value(u"101"_s), (QStringList{u"m1"_s, u"m2"_s, u"m3"_s}));
        QCOMPARE(listing().state, ChannelState::State::Synced);
    }

    void anUpdateStepOfAChangedProductUpdatesOnce()
    {
        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        changeContent();
        const QList<SyncItem> steps = enqueueSteps(u"listing.update"_s);
        for (const SyncItem &step : steps)
            QCOMPARE(run(step).kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_state.creates, 1);
        QCOMPARE(m_state.updates, 1);
        QCOMPARE(m_state.stockWrites, 2);
        QCOMPARE(m_state.uploads, 3); // the same images: not again
        QCOMPARE(listing().state, ChannelState::State::Synced);
    }

    void theLastAttemptOfAStockStepFailsTheProduct()
    {
        const QList<SyncItem> steps = enqueueSteps(u"listing.create"_s);
        QCOMPARE(run(steps.at(0)).kind, ItemOutcome::Kind::Succeeded);
        QSqlQuery drop(db()); // the product's listing was lost on the channel's side
        QVERIFY(drop.exec(u"UPDATE mappings SET external_id = ''"_s));
        const ItemOutcome outcome = run(steps.at(1));
        QCOMPARE(outcome.kind, ItemOutcome::Kind::PermanentFailure);
        QCOMPARE(listing().state, ChannelState::State::Failed);
        QCOMPARE(m_state.stockWrites, 0);
    }

    // --- unpublishing ---

    void unpublishingDeactivatesTheListingAndKeepsIt()
    {
        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        const ItemOutcome outcome = run(enqueue(u"listing.deactivate"_s, u"off"_s));
        QCOMPARE(outcome.kind, ItemOutcome::Kind::Succeeded);
        QVERIFY(m_state.inactive.contains(u"101"_s));
        QCOMPARE(listing().state, ChannelState::State::Inactive);
        QCOMPARE(listing().externalId, u"101"_s); // publishing again updates it
    }

    void publishingAnUnpublishedProductActivatesItsListing()
    {
        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(run(enqueue(u"listing.deactivate"_s, u"off"_s)).kind, ItemOutcome::Kind::Succeeded);
        QVERIFY(m_state.inactive.contains(u"101"_s));
        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded); // unchanged content, still activated
        QVERIFY(m_state.inactive.isEmpty());
        QCOMPARE(m_state.activations, 1);
        QCOMPARE(listing().state, ChannelState::State::Synced);
        QCOMPARE(attempt().kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_state.activations, 1); // once
    }

    void anImageThatCannotBeFetchedFailsBeforeTheCreateWithoutRetries()
    {
        m_state.unreachableImage = u"https://img/2.png"_s;
        const ItemOutcome outcome = attempt();
        QCOMPARE(outcome.kind, ItemOutcome::Kind::PermanentFailure);
        QVERIFY2(outcome.message.contains(u"https://img/2.png"_s), qPrintable(outcome.message));
        QCOMPARE(m_state.creates, 0);
        QCOMPARE(listing().state, ChannelState::State::Failed);
        QVERIFY(!listing().intentAt.has_value()); // nothing was sent: nothing to look for
    }

    void unpublishingAProductWithoutAListingIsRefused()
    {
        const ItemOutcome outcome = run(enqueue(u"listing.deactivate"_s, u"off"_s));
        QCOMPARE(outcome.kind, ItemOutcome::Kind::PermanentFailure);
        QVERIFY2(outcome.message.contains(u"nothing to unpublish"_s), qPrintable(outcome.message));
        QVERIFY(m_state.inactive.isEmpty());
        QCOMPARE(listing().state, ChannelState::State::NotListed);
    }

private:
    QSqlDatabase db() const { return m_engine->db(); }

    SyncItem enqueue(const QString &operation, const QString &key, const QString &after = {})
    {
        NewItem item = test::publishItem(m_connection, m_product, key);
        item.operation = operation;
        item.afterKey = after;
        return m_engine->items().enqueue(m_runId, item).item;
    }

    // The listing's item (`first`), then stock after it, then media after that.
    QList<SyncItem> enqueueSteps(const QString &first)
    {
        const int n = ++m_items;
        return {enqueue(first, u"l%1"_s.arg(n)),
                enqueue(u"inventory.push"_s, u"s%1"_s.arg(n), u"l%1"_s.arg(n)),
                enqueue(u"media.upload"_s, u"m%1"_s.arg(n), u"s%1"_s.arg(n))};
    }

    ItemOutcome run(SyncItem item, int attemptNumber = 1)
    {
        item.attempts = attemptNumber;
        ListingPublisher publisher(m_engine->workspace(), m_connection,
                                   [this] { return std::make_unique<ScriptedChannel>(m_state); });
        return publisher.execute(item);
    }

    // One attempt at a fresh item of the run, as the executor would make it.
    ItemOutcome attempt(int attemptNumber = 1, int maxAttempts = 5)
    {
        NewItem item = test::publishItem(m_connection, m_product, u"k%1"_s.arg(++m_items));
        item.maxAttempts = maxAttempts;
        SyncItem claimed = m_engine->items().enqueue(m_runId, item).item;
        claimed.attempts = attemptNumber;
        ListingPublisher publisher(m_engine->workspace(), m_connection,
                                   [this] { return std::make_unique<ScriptedChannel>(m_state); });
        return publisher.execute(claimed);
    }

    void changeContent()
    {
        QSqlQuery query(db());
        QVERIFY(query.exec(u"UPDATE products SET content_hash = 'changed'"_s));
    }

    qint64 otherRunningItem()
    {
        const qint64 other = m_engine->runs().create(u"publish"_s, m_connection, u"other"_s);
        m_engine->items().enqueue(other, test::publishItem(m_connection, m_product, u"other"_s));
        return m_engine->items().claim(u"someone"_s, 1, 60000).first().id;
    }

    ChannelState listing() { return ChannelMappings(db()).state(m_connection, m_product); }

    std::unique_ptr<test::EngineFixture> m_engine;
    ScriptedChannelState m_state;
    qint64 m_connection = 0;
    qint64 m_product = 0;
    qint64 m_runId = 0;
    int m_items = 0;
};

QTEST_GUILESS_MAIN(TestListingPublisher)
#include "tst_listingpublisher.moc"
