// PublishPlanner decides per product what publishing would do, from the
// workspace alone. The channel is a fake whose check the test controls.
#include "catalogstore.h"
#include "channelmappings.h"
#include "channelsettings.h"
#include "enginefixture.h"
#include "publishingprovider.h"
#include "publishplanner.h"
#include "publishruns.h"
#include "publishseed.h"
#include "testprinting.h"

#include <QTest>
#include <memory>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Action = PlanEntry::Action;

namespace {

// A channel whose verdict on each product (by title) the test sets, and that
// remembers the settings each check was given.
class FakeChannel : public PublishingProvider
{
public:
    QHash<QString, ChannelCheck> checks;
    mutable QHash<QString, QJsonObject> settingsSeen;
    mutable QStringList checked;

    QList<ChannelSettingField> channelSettingFields() const override { return {}; }
    ChannelChoices loadChannelChoices(const ChannelAccessContext &, QString *) const override
    {
        return {};
    }
    ChannelCheck checkProduct(const PublishableProduct &product,
                              const QJsonObject &settings) const override
    {
        checked.append(product.product.title);
        settingsSeen.insert(product.product.title, settings);
        return checks.value(product.product.title);
    }
    ChannelProbe probeShop(const ChannelAccessContext &) const override { return {}; }
    std::shared_ptr<OperationHandler> createPublishHandler(const ChannelAccessContext &) const override
    {
        return nullptr;
    }
};

ChannelCheck check(const QString &listingHash, QList<ChannelIssue> issues = {})
{
    ChannelCheck result;
    result.listingHash = listingHash;
    result.issues = std::move(issues);
    result.apiCallsToCreate = 4;
    result.apiCallsToUpdate = 2;
    return result;
}

ChannelIssue issue(ChannelIssue::Severity severity, const QString &field)
{
    ChannelIssue result;
    result.severity = severity;
    result.field = field;
    result.message = field + u" is not right"_s;
    result.fixHint = u"Fix "_s + field;
    return result;
}

qint64 addProduct(const QSqlDatabase &db, const QString &title)
{
    return test::addProduct(db, title, test::eurVariant(title.toUpper(), 2000));
}

const PlanEntry *entryFor(const PublishPlan &plan, qint64 productId)
{
    for (const PlanEntry &entry : plan.entries) {
        if (entry.productId == productId)
            return &entry;
    }
    return nullptr;
}

} // namespace

class TestPublishPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_engine = std::make_unique<test::EngineFixture>();
        m_connection = test::addConnection(db(), u"fake"_s, u"shop-1"_s, u"Acme on Fake"_s);
        m_channel = std::make_unique<FakeChannel>();
    }
    void cleanup()
    {
        m_channel.reset();
        m_engine.reset();
    }

    void notListedIsCreated()
    {
        const qint64 product = addChecked(u"new"_s, check(u"h-new"_s));
        const PublishPlan plan = planner().plan(m_connection, {product});
        QCOMPARE(plan.connectionId, m_connection);
        QCOMPARE(plan.channelName, u"Acme on Fake"_s);
        QCOMPARE(plan.entries.size(), 1);
        const PlanEntry &entry = plan.entries.first();
        QCOMPARE(entry.productId, product);
        QCOMPARE(entry.title, u"new"_s);
        QCOMPARE(entry.action, Action::Create);
        QCOMPARE(entry.apiCalls, 4);
        QCOMPARE(entry.listingHash, u"h-new"_s);
        QCOMPARE(entry.externalId, QString());
        QVERIFY(entry.issues.isEmpty());
    }

    void anIntentWithoutAListingIsStillACreate()
    {
        // An earlier attempt may have created it; the run looks before creating.
        const qint64 product = addChecked(u"tried"_s, check(u"h"_s));
        ChannelMappings mappings(db());
        QVERIFY(mappings.claimIntent(m_connection, product, 4242));
        mappings.recordFailed(m_connection, product, u"timed out"_s);
        const PublishPlan plan = planner().plan(m_connection, {product});
        QCOMPARE(plan.entries.size(), 1);
        QCOMPARE(plan.entries.first().action, Action::Create);
        QCOMPARE(plan.entries.first().apiCalls, 4);
    }

    void aProductAnUnfinishedRunIsWritingIsLeftToIt()
    {
        const qint64 queued = addChecked(u"queued"_s, check(u"h-q"_s));
        const qint64 fresh = addChecked(u"fresh"_s, check(u"h-f"_s));
        PublishPlan first;
        first.connectionId = m_connection;
        first.entries = planner().plan(m_connection, {queued}).entries;
        const qint64 runId = PublishRuns(db()).start(first, u"test"_s);

        const PublishPlan plan = planner().plan(m_connection, {queued, fresh});
        QCOMPARE(plan.entries.at(0).queuedInRun, runId);
        QCOMPARE(plan.entries.at(1).queuedInRun, 0);
        QCOMPARE(plan.queuedCount(), 1);
        QCOMPARE(plan.apiCalls(), 4); // only the fresh one is sent by this plan
    }

    // Synced with the listing the check gives now: unchanged; with another: an update.
    void syncedListingIsUnchangedOrUpdated_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("listingHash"); // what the check gives now
        QTest::addColumn<QString>("syncedHash");  // what was written last
        QTest::addColumn<QString>("externalId");
        QTest::addColumn<Action>("action");
        QTest::addColumn<int>("apiCalls");
        QTest::newRow("the same listing is unchanged")
            << u"same"_s << u"h-same"_s << u"h-same"_s << u"L-1"_s << Action::Unchanged << 0;
        QTest::newRow("a different listing is an update")
            << u"changed"_s << u"h-new"_s << u"h-old"_s << u"L-2"_s << Action::Update << 2;
    }
    void syncedListingIsUnchangedOrUpdated()
    {
        QFETCH(QString, title);
        QFETCH(QString, listingHash);
        QFETCH(QString, syncedHash);
        QFETCH(QString, externalId);
        QFETCH(Action, action);
        QFETCH(int, apiCalls);
        const qint64 product = addChecked(title, check(listingHash));
        listAndSync(product, externalId, syncedHash);
        const PublishPlan plan = planner().plan(m_connection, {product});
        QCOMPARE(plan.entries.size(), 1);
        QCOMPARE(plan.entries.first().action, action);
        QCOMPARE(plan.entries.first().apiCalls, apiCalls);
        QCOMPARE(plan.entries.first().externalId, externalId);
        QCOMPARE(plan.entries.first().listingHash, listingHash);
    }

    void listedButNotSyncedIsAnUpdate()
    {
        // Same listing hash, but the last attempt failed, is pending, or the
        // product changed since: the channel may not have it, so write again.
        const qint64 failed = addChecked(u"failed"_s, check(u"h"_s));
        const qint64 pending = addChecked(u"pending"_s, check(u"h"_s));
        const qint64 edited = addChecked(u"edited"_s, check(u"h"_s));
        listAndSync(failed, u"L-f"_s, u"h"_s);
        listAndSync(pending, u"L-p"_s, u"h"_s);
        listAndSync(edited, u"L-e"_s, u"h"_s);
        ChannelMappings mappings(db());
        mappings.recordFailed(m_connection, failed, u"refused"_s);
        mappings.markPending(m_connection, {pending});
        CatalogStore(db()).editProduct(edited, {u"edited"_s, u"New description"_s, {}});
        QCOMPARE(mappings.state(m_connection, edited).state, ChannelState::State::OutOfSync);

        const PublishPlan plan = planner().plan(m_connection, {failed, pending, edited});
        QCOMPARE(plan.count(Action::Update), 3);
        QCOMPARE(plan.apiCalls(), 6);
    }

    void errorsMakeItInvalid()
    {
        const QList<ChannelIssue> errors{issue(ChannelIssue::Severity::Warning, u"tags"_s),
                                         issue(ChannelIssue::Severity::Error, u"price"_s)};
        const qint64 fresh = addChecked(u"cheap"_s, check(u"h1"_s, errors));
        const qint64 listed = addChecked(u"listed-cheap"_s, check(u"h2"_s, errors));
        const qint64 warned = addChecked(
            u"warned"_s, check(u"h3"_s, {issue(ChannelIssue::Severity::Warning, u"tags"_s)}));
        listAndSync(listed, u"L-3"_s, u"h-old"_s);

        const PublishPlan plan = planner().plan(m_connection, {fresh, listed, warned});
        QCOMPARE(plan.entries.size(), 3);
        const PlanEntry *cheap = entryFor(plan, fresh);
        QVERIFY(cheap);
        QCOMPARE(cheap->action, Action::Invalid);
        QCOMPARE(cheap->apiCalls, 0);
        QCOMPARE(cheap->issues, errors);
        QCOMPARE(entryFor(plan, listed)->action, Action::Invalid);
        QCOMPARE(entryFor(plan, listed)->apiCalls, 0);
        // A warning alone does not stop it.
        QCOMPARE(entryFor(plan, warned)->action, Action::Create);
        QCOMPARE(entryFor(plan, warned)->issues.size(), 1);
        QCOMPARE(plan.count(Action::Invalid), 2);
        QCOMPARE(plan.apiCalls(), 4);
    }

    void entriesFollowTheRequestAndSkipMissingProducts()
    {
        const qint64 a = addChecked(u"a"_s, check(u"h-a"_s));
        const qint64 b = addChecked(u"b"_s, check(u"h-b"_s));
        const qint64 c = addChecked(u"c"_s, check(u"h-c"_s));
        listAndSync(b, u"L-b"_s, u"h-b"_s);
        const qint64 missing = c + 1000;

        const PublishPlan plan = planner().plan(m_connection, {c, missing, a, b});
        QList<qint64> ids;
        for (const PlanEntry &entry : plan.entries)
            ids.append(entry.productId);
        QCOMPARE(ids, (QList<qint64>{c, a, b}));
        QCOMPARE(plan.count(Action::Create), 2);
        QCOMPARE(plan.count(Action::Unchanged), 1);
        QCOMPARE(plan.apiCalls(), 8);
        QCOMPARE(plan.summary(),
                 u"Create 2 · Update 0 · Unchanged 1 (skipped) · Cannot publish 0"_s);
        QVERIFY(planner().plan(m_connection, {}).entries.isEmpty());
    }

    void mappingsOfOtherChannelsDoNotCount()
    {
        const qint64 otherConnection =
            test::addConnection(db(), u"fake"_s, u"shop-2"_s, u"Other"_s);
        const qint64 product = addChecked(u"elsewhere"_s, check(u"h"_s));
        test::recordSyncedListing(db(), otherConnection, product, u"X-1"_s, u"h"_s);

        const PublishPlan plan = planner().plan(m_connection, {product});
        QCOMPARE(plan.entries.value(0).action, Action::Create);
        QCOMPARE(planner().plan(otherConnection, {product}).entries.value(0).action,
                 Action::Unchanged);
    }

    void checksSeeDefaultsWithTheProductsOverrides()
    {
        const qint64 plain = addProduct(db(), u"plain"_s);
        const qint64 special = addProduct(db(), u"special"_s);
        ChannelSettingsStore settings(db());
        settings.setSettings(m_connection, {{u"who_made"_s, u"i_did"_s}, {u"taxonomy_id"_s, 1}});
        settings.setOverrides(m_connection, special,
                              {{u"taxonomy_id"_s, 99}, {u"is_supply"_s, true}});

        planner().plan(m_connection, {plain, special});
        QCOMPARE(m_channel->settingsSeen.value(u"plain"_s),
                 (QJsonObject{{u"who_made"_s, u"i_did"_s}, {u"taxonomy_id"_s, 1}}));
        QCOMPARE(m_channel->settingsSeen.value(u"special"_s),
                 (QJsonObject{{u"who_made"_s, u"i_did"_s},
                              {u"taxonomy_id"_s, 99},
                              {u"is_supply"_s, true}}));
    }

    void effectiveSettings()
    {
        const QJsonObject defaults{{u"who_made"_s, u"i_did"_s}, {u"taxonomy_id"_s, 1}};
        QCOMPARE(ChannelSettingsStore::merged(defaults, {}), defaults);
        QCOMPARE(ChannelSettingsStore::merged({}, defaults), defaults);
        QCOMPARE(ChannelSettingsStore::merged(
                     defaults, {{u"taxonomy_id"_s, 2}, {u"when_made"_s, u"made_to_order"_s}}),
                 (QJsonObject{{u"who_made"_s, u"i_did"_s},
                              {u"taxonomy_id"_s, 2},
                              {u"when_made"_s, u"made_to_order"_s}}));
    }

    void stopGivesAnEmptyPlan()
    {
        const qint64 product = addChecked(u"p"_s, check(u"h"_s));
        const std::atomic_bool stop{true};
        const PublishPlan plan = planner().plan(m_connection, {product}, &stop);
        QVERIFY(plan.entries.isEmpty());
        QVERIFY(m_channel->checked.isEmpty()); // stopped before checking anything
        const std::atomic_bool go{false};
        QCOMPARE(planner().plan(m_connection, {product}, &go).entries.size(), 1);
    }

    void draftsArchivedAndGoneAreNotOfferedUnlessIncluded()
    {
        const qint64 active = addChecked(u"active"_s, check(u"h1"_s));
        const qint64 draft = addChecked(u"draft"_s, check(u"h2"_s));
        const qint64 gone = addChecked(u"gone"_s, check(u"h3"_s));
        QSqlQuery update(db());
        QVERIFY(update.exec(u"UPDATE products SET status = 'draft' WHERE id = %1"_s.arg(draft)));
        QVERIFY(update.exec(
            u"UPDATE products SET source_deleted_at = 1 WHERE id = %1"_s.arg(gone)));

        const PublishPlan plan = planner().plan(m_connection, {active, draft, gone});
        QCOMPARE(plan.entries.size(), 1);
        QCOMPARE(plan.entries.first().productId, active);
        QCOMPARE(m_channel->checked, QStringList{u"active"_s}); // the others never checked
        QCOMPARE(plan.notOffered.size(), 2);
        QCOMPARE(plan.notOfferedCount(NotOfferedReason::Draft), 1);
        QCOMPARE(plan.notOfferedCount(NotOfferedReason::Gone), 1);
        QCOMPARE(plan.summary(),
                 u"Create 1 · Update 0 · Unchanged 0 (skipped) · Cannot publish 0 · Not offered 2"_s);
        QCOMPARE(plan.notOfferedSummary(), u"Not offered 2: 1 draft · 1 gone from the store"_s);

        OfferIncludes includes;
        includes.draft = true;
        const PublishPlan withDrafts = planner().plan(m_connection, {active, draft, gone}, includes);
        QCOMPARE(withDrafts.count(Action::Create), 2);
        QCOMPARE(withDrafts.notOffered.size(), 1);
        QCOMPARE(withDrafts.notOffered.first().productId, gone);
    }

    void aSharedSkuIsAWarningNamingTheSkuAndTheOtherProducts()
    {
        const qint64 towel = addChecked(u"Linen towel"_s, check(u"h1"_s));
        const qint64 napkin = test::addProduct(db(), u"Linen napkin"_s,
                                               test::eurVariant(u"LINEN TOWEL"_s, 900));
        const PublishPlan plan = planner().plan(m_connection, {towel});
        QCOMPARE(plan.entries.size(), 1);
        const PlanEntry &entry = plan.entries.first();
        QCOMPARE(entry.action, Action::Create); // a warning: it can still be published
        QCOMPARE(entry.issues.size(), 1);
        QCOMPARE(entry.issues.first().severity, ChannelIssue::Severity::Warning);
        QCOMPARE(entry.issues.first().field, u"sku"_s);
        QCOMPARE(entry.issues.first().message,
                 u"SKU \"LINEN TOWEL\" is shared with #%1 Linen napkin."_s.arg(napkin));
        QVERIFY(entry.issues.first().fixHint.contains(u"own SKU"_s));
    }

private:
    QSqlDatabase db() const { return m_engine->db(); }
    PublishPlanner planner() const { return PublishPlanner(*m_channel, db()); }

    // A product titled `title` for which the channel's check gives `verdict`.
    qint64 addChecked(const QString &title, const ChannelCheck &verdict)
    {
        m_channel->checks.insert(title, verdict);
        return addProduct(db(), title);
    }

    // The product is on the channel as `externalId`, synced with `targetHash`.
    void listAndSync(qint64 productId, const QString &externalId, const QString &targetHash)
    {
        ChannelMappings(db()).markPending(m_connection, {productId});
        test::recordSyncedListing(db(), m_connection, productId, externalId, targetHash);
    }

    std::unique_ptr<test::EngineFixture> m_engine;
    std::unique_ptr<FakeChannel> m_channel;
    qint64 m_connection = 0;
};

QTEST_GUILESS_MAIN(TestPublishPlanner)
#include "tst_publishplanner.moc"
