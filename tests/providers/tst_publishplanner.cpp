// PublishPlanner decides per product what publishing would do, from the
// workspace alone. The channel is a fake whose check the test controls.
#include "catalogstore.h"
#include "channelmappings.h"
#include "channelsettings.h"
#include "connectionstore.h"
#include "enginefixture.h"
#include "publishingprovider.h"
#include "publishplanner.h"

#include <QSqlQuery>
#include <QTest>
#include <memory>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Action = PlanEntry::Action;

namespace QTest {
template<> inline char *toString(const Action &action)
{
    return qstrdup(qPrintable(nameOf(action)));
}
} // namespace QTest

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
    std::optional<DailyBudget> probeDailyBudget(const ChannelAccessContext &,
                                                QString *) const override
    {
        return std::nullopt;
    }
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
    Variant variant;
    variant.sku = title.toUpper();
    variant.price = Money{2000, u"EUR"_s};
    Product product;
    product.title = title;
    product.variants = {variant};
    return CatalogStore(db).addProduct(product);
}

QString contentHashOf(const QSqlDatabase &db, qint64 productId)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT content_hash FROM products WHERE id = ?"_s);
    query.addBindValue(productId);
    query.exec();
    return query.next() ? query.value(0).toString() : QString();
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
        Connection connection;
        connection.provider = u"fake"_s;
        connection.externalShopId = u"shop-1"_s;
        connection.name = u"Acme on Fake"_s;
        m_connection = ConnectionStore(db()).add(connection);
        m_channel = std::make_unique<FakeChannel>();
    }
    void cleanup()
    {
        m_channel.reset();
        m_engine.reset();
    }

    void notListedIsCreated()
    {
        const qint64 product = addProduct(db(), u"new"_s);
        m_channel->checks.insert(u"new"_s, check(u"h-new"_s));
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
        const qint64 product = addProduct(db(), u"tried"_s);
        m_channel->checks.insert(u"tried"_s, check(u"h"_s));
        ChannelMappings mappings(db());
        QVERIFY(mappings.claimIntent(m_connection, product, 4242));
        mappings.recordFailed(m_connection, product, u"timed out"_s);
        const PublishPlan plan = planner().plan(m_connection, {product});
        QCOMPARE(plan.entries.size(), 1);
        QCOMPARE(plan.entries.first().action, Action::Create);
        QCOMPARE(plan.entries.first().apiCalls, 4);
    }

    void syncedWithTheSameListingIsUnchanged()
    {
        const qint64 product = addProduct(db(), u"same"_s);
        m_channel->checks.insert(u"same"_s, check(u"h-same"_s));
        listAndSync(product, u"L-1"_s, u"h-same"_s);
        const PublishPlan plan = planner().plan(m_connection, {product});
        QCOMPARE(plan.entries.size(), 1);
        QCOMPARE(plan.entries.first().action, Action::Unchanged);
        QCOMPARE(plan.entries.first().apiCalls, 0);
        QCOMPARE(plan.entries.first().externalId, u"L-1"_s);
    }

    void aDifferentListingIsAnUpdate()
    {
        const qint64 product = addProduct(db(), u"changed"_s);
        m_channel->checks.insert(u"changed"_s, check(u"h-new"_s));
        listAndSync(product, u"L-2"_s, u"h-old"_s);
        const PublishPlan plan = planner().plan(m_connection, {product});
        QCOMPARE(plan.entries.size(), 1);
        QCOMPARE(plan.entries.first().action, Action::Update);
        QCOMPARE(plan.entries.first().apiCalls, 2);
        QCOMPARE(plan.entries.first().externalId, u"L-2"_s);
        QCOMPARE(plan.entries.first().listingHash, u"h-new"_s);
    }

    void listedButNotSyncedIsAnUpdate()
    {
        // Same listing hash, but the last attempt failed, is pending, or the
        // product changed since: the channel may not have it, so write again.
        const qint64 failed = addProduct(db(), u"failed"_s);
        const qint64 pending = addProduct(db(), u"pending"_s);
        const qint64 edited = addProduct(db(), u"edited"_s);
        for (const QString &title : {u"failed"_s, u"pending"_s, u"edited"_s})
            m_channel->checks.insert(title, check(u"h"_s));
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
        const qint64 fresh = addProduct(db(), u"cheap"_s);
        const qint64 listed = addProduct(db(), u"listed-cheap"_s);
        const qint64 warned = addProduct(db(), u"warned"_s);
        const QList<ChannelIssue> errors{issue(ChannelIssue::Severity::Warning, u"tags"_s),
                                         issue(ChannelIssue::Severity::Error, u"price"_s)};
        m_channel->checks.insert(u"cheap"_s, check(u"h1"_s, errors));
        m_channel->checks.insert(u"listed-cheap"_s, check(u"h2"_s, errors));
        m_channel->checks.insert(
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
        const qint64 a = addProduct(db(), u"a"_s);
        const qint64 b = addProduct(db(), u"b"_s);
        const qint64 c = addProduct(db(), u"c"_s);
        for (const QString &title : {u"a"_s, u"b"_s, u"c"_s})
            m_channel->checks.insert(title, check(u"h-"_s + title));
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
        Connection other;
        other.provider = u"fake"_s;
        other.externalShopId = u"shop-2"_s;
        other.name = u"Other"_s;
        const qint64 otherConnection = ConnectionStore(db()).add(other);
        const qint64 product = addProduct(db(), u"elsewhere"_s);
        m_channel->checks.insert(u"elsewhere"_s, check(u"h"_s));
        ChannelMappings mappings(db());
        mappings.recordExternalId(otherConnection, product, u"X-1"_s, {});
        mappings.recordSynced(otherConnection, product, contentHashOf(db(), product), u"h"_s, {});

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
        QCOMPARE(PublishPlanner::effectiveSettings(defaults, {}), defaults);
        QCOMPARE(PublishPlanner::effectiveSettings({}, defaults), defaults);
        QCOMPARE(PublishPlanner::effectiveSettings(
                     defaults, {{u"taxonomy_id"_s, 2}, {u"when_made"_s, u"made_to_order"_s}}),
                 (QJsonObject{{u"who_made"_s, u"i_did"_s},
                              {u"taxonomy_id"_s, 2},
                              {u"when_made"_s, u"made_to_order"_s}}));
    }

    void stopGivesAnEmptyPlan()
    {
        const qint64 product = addProduct(db(), u"p"_s);
        m_channel->checks.insert(u"p"_s, check(u"h"_s));
        const std::atomic_bool stop{true};
        const PublishPlan plan = planner().plan(m_connection, {product}, &stop);
        QVERIFY(plan.entries.isEmpty());
        QVERIFY(m_channel->checked.isEmpty()); // stopped before checking anything
        const std::atomic_bool go{false};
        QCOMPARE(planner().plan(m_connection, {product}, &go).entries.size(), 1);
    }

private:
    QSqlDatabase db() const { return m_engine->db(); }
    PublishPlanner planner() const { return PublishPlanner(*m_channel, db()); }

    // The product is on the channel as `externalId`, synced with `targetHash`.
    void listAndSync(qint64 productId, const QString &externalId, const QString &targetHash)
    {
        ChannelMappings mappings(db());
        mappings.markPending(m_connection, {productId});
        mappings.recordExternalId(m_connection, productId, externalId, {});
        mappings.recordSynced(m_connection, productId, contentHashOf(db(), productId), targetHash,
                              {});
    }

    std::unique_ptr<test::EngineFixture> m_engine;
    std::unique_ptr<FakeChannel> m_channel;
    qint64 m_connection = 0;
};

QTEST_GUILESS_MAIN(TestPublishPlanner)
#include "tst_publishplanner.moc"
