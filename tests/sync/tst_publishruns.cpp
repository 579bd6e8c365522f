// A confirmed plan becomes a publish run: the plan kept with the run, per
// product to write one item per operation (the listing, then its stock, then
// its media, each after the one before), counted once; those products pending.
#include "channelmappings.h"
#include "enginefixture.h"
#include "publishruns.h"
#include "publishseed.h"
#include "testprinting.h"
#include "workspaceerror.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <memory>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Action = PlanEntry::Action;
using Listing = ChannelState::State;

namespace {

qint64 addProduct(const QSqlDatabase &db, const QString &title)
{
    return test::addProduct(db, title, test::eurVariant(title.toUpper(), 2000));
}

qint64 auditEvents(const QSqlDatabase &db, const QString &kind, qint64 runId)
{
    return test::scalar(db, u"SELECT COUNT(*) FROM audit_events WHERE kind = ? AND run_id = ?"_s,
                        {kind, runId});
}

PlanEntry entry(qint64 productId, Action action, const QString &externalId = {})
{
    PlanEntry e;
    e.productId = productId;
    e.title = u"Product %1"_s.arg(productId);
    e.action = action;
    e.listingHash = u"listing-%1"_s.arg(productId);
    e.externalId = externalId;
    e.apiCalls = action == Action::Create ? 3 : action == Action::Update ? 2 : 0;
    if (action == Action::Invalid) {
        ChannelIssue issue;
        issue.field = u"price"_s;
        issue.message = u"Too cheap."_s;
        issue.fixHint = u"Raise it."_s;
        e.issues = {issue};
    }
    return e;
}

} // namespace

class TestPublishRuns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_engine = std::make_unique<test::EngineFixture>();
        m_connection = test::addTestConnection(db(), u"etsy-shop"_s);
        for (const QString &title : {u"new"_s, u"listed"_s, u"same"_s, u"refused"_s})
            m_products.append(addProduct(db(), title));
        ChannelMappings mappings(db());
        // "listed" is on the channel but its last attempt failed; "same" is in sync.
        mappings.recordExternalId(m_connection, listed(), u"L-2"_s, u"https://l/2"_s);
        mappings.recordFailed(m_connection, listed(), u"Etsy was down"_s);
        test::recordSyncedListing(db(), m_connection, same(), u"L-3"_s, u"listing-3"_s,
                                  u"https://l/3"_s);
    }
    void cleanup()
    {
        m_products.clear();
        m_engine.reset();
    }

    void startMakesOneItemPerProductToWrite()
    {
        const PublishPlan plan = fullPlan();
        const qint64 runId = PublishRuns(db()).start(plan, u"merchant"_s);

        const SyncRun run = m_engine->runs().get(runId);
        QCOMPARE(run.kind, u"publish"_s);
        QCOMPARE(run.connectionId, m_connection);
        QCOMPARE(run.createdBy, u"merchant"_s);
        QCOMPARE(run.status, SyncRun::Status::Running);
        QCOMPARE(run.total, 2);
        QVERIFY(!run.isFinished());

        const QList<SyncItem> items = m_engine->items().list(runId);
        QCOMPARE(items.size(), 6);
        QHash<qint64, SyncItem> byProduct; // the listing's own item
        QHash<qint64, QStringList> operations;
        QHash<QString, SyncItem> byKey;
        for (const SyncItem &item : items) {
            QVERIFY(PublishRuns::operations().contains(item.operation));
            QCOMPARE(item.direction, Direction::Outbound);
            QCOMPARE(item.connectionId, m_connection);
            QCOMPARE(item.entityType, u"product"_s);
            QCOMPARE(item.state, SyncItem::State::Pending);
            QCOMPARE(item.idempotencyKey,
                     u"%1:%2:%3"_s.arg(item.operation).arg(runId).arg(item.entityId));
            operations[item.entityId].append(item.operation);
            byKey.insert(item.operation, item);
            if (!item.afterItemId)
                byProduct.insert(item.entityId, item);
        }
        QCOMPARE(byProduct.keys().size(), 2);
        QCOMPARE(operations.value(created()),
                 (QStringList{u"listing.create"_s, u"inventory.push"_s, u"media.upload"_s}));
        QCOMPARE(operations.value(listed()),
                 (QStringList{u"listing.update"_s, u"inventory.push"_s, u"media.upload"_s}));
        // Stock after the listing, media after the stock; one group per product.
        for (qint64 product : {created(), listed()}) {
            const QList<SyncItem> chain = itemsOf(runId, product);
            QCOMPARE(chain.at(1).afterItemId, std::optional<qint64>(chain.at(0).id));
            QCOMPARE(chain.at(2).afterItemId, std::optional<qint64>(chain.at(1).id));
            for (const SyncItem &item : chain)
                QCOMPARE(item.groupId, std::optional<qint64>(chain.at(0).id));
        }
        QVERIFY(byProduct.contains(created()));
        QVERIFY(byProduct.contains(listed()));

        const QJsonObject createPayload =
            QJsonDocument::fromJson(byProduct.value(created()).payload.toUtf8()).object();
        QCOMPARE(createPayload.value(u"action"_s).toString(), u"create"_s);
        QCOMPARE(createPayload.value(u"listingHash"_s).toString(),
                 u"listing-%1"_s.arg(created()));
        const QJsonObject updatePayload =
            QJsonDocument::fromJson(byProduct.value(listed()).payload.toUtf8()).object();
        QCOMPARE(updatePayload.value(u"action"_s).toString(), u"update"_s);
        QCOMPARE(updatePayload.value(u"listingHash"_s).toString(),
                 u"listing-%1"_s.arg(listed()));

        QCOMPARE(auditEvents(db(), u"run.confirmed"_s, runId), 1);
    }

    void writtenProductsBecomePending()
    {
        PublishRuns(db()).start(fullPlan(), u"merchant"_s);
        ChannelMappings mappings(db());
        const ChannelState created = mappings.state(m_connection, this->created());
        QCOMPARE(created.state, Listing::Pending);
        QVERIFY(!created.isListed());

        const ChannelState listed = mappings.state(m_connection, this->listed());
        QCOMPARE(listed.state, Listing::Pending);
        QCOMPARE(listed.externalId, u"L-2"_s); // what the channel has is kept
        QCOMPARE(listed.url, u"https://l/2"_s);
        QCOMPARE(listed.lastError, QString());

        // Nothing is sent for these, so nothing changes for them.
        QCOMPARE(mappings.state(m_connection, same()).state, Listing::Synced);
        QCOMPARE(mappings.state(m_connection, refused()).state, Listing::NotListed);
    }

    void theRunKeepsThePlan()
    {
        PublishPlan plan = fullPlan();
        plan.remainingToday = 9000;
        plan.limitPerDay = 10000;
        PublishRuns runs(db());
        const qint64 runId = runs.start(plan, u"merchant"_s);
        const PublishPlan stored = runs.plan(runId);
        QCOMPARE(stored.connectionId, m_connection);
        QCOMPARE(stored.channelName, u"Etsy shop"_s);
        QCOMPARE(stored.entries.size(), 4);
        for (qsizetype i = 0; i < plan.entries.size(); ++i) {
            QCOMPARE(stored.entries.at(i).productId, plan.entries.at(i).productId);
            QCOMPARE(stored.entries.at(i).action, plan.entries.at(i).action);
            QCOMPARE(stored.entries.at(i).issues, plan.entries.at(i).issues);
            QCOMPARE(stored.entries.at(i).listingHash, plan.entries.at(i).listingHash);
            QCOMPARE(stored.entries.at(i).externalId, plan.entries.at(i).externalId);
        }
        QCOMPARE(stored.remainingToday, plan.remainingToday);
        QCOMPARE(stored.limitPerDay, plan.limitPerDay);
        QCOMPARE(stored.summary(), plan.summary());
    }

    void nothingToWriteEndsAtOnce()
    {
        PublishPlan plan;
        plan.connectionId = m_connection;
        plan.entries = {entry(same(), Action::Unchanged, u"L-3"_s),
                        entry(refused(), Action::Invalid)};
        PublishRuns runs(db());
        const qint64 runId = runs.start(plan, u"merchant"_s);
        const SyncRun run = m_engine->runs().get(runId);
        QCOMPARE(run.kind, u"publish"_s);
        QCOMPARE(run.status, SyncRun::Status::Succeeded);
        QVERIFY(run.isFinished());
        QCOMPARE(run.total, 0);
        QVERIFY(m_engine->items().list(runId).isEmpty());
        QCOMPARE(runs.plan(runId).entries.size(), 2);
        ChannelMappings mappings(db());
        QCOMPARE(mappings.state(m_connection, same()).state, Listing::Synced);
        QCOMPARE(mappings.state(m_connection, refused()).state, Listing::NotListed);
    }

    void anEmptyPlanEndsAtOnce()
    {
        PublishPlan plan;
        plan.connectionId = m_connection;
        const qint64 runId = PublishRuns(db()).start(plan, u"merchant"_s);
        const SyncRun run = m_engine->runs().get(runId);
        QCOMPARE(run.status, SyncRun::Status::Succeeded);
        QVERIFY(run.isFinished());
        QVERIFY(m_engine->items().list(runId).isEmpty());
    }

    void aProductQueuedInAnUnfinishedRunIsNotQueuedAgain()
    {
        // Confirming the same plan while the first run still has its
        // products to write adds nothing: that run writes them, once.
        PublishRuns runs(db());
        const qint64 first = runs.start(fullPlan(), u"merchant"_s);
        const qint64 second = runs.start(fullPlan(), u"merchant"_s);
        QVERIFY(first != second);
        QCOMPARE(m_engine->items().list(first).size(), 6);
        QCOMPARE(m_engine->items().list(second).size(), 0);
        QVERIFY(m_engine->runs().get(second).isFinished());

        // Until all of a product's items are done, it is still queued.
        const QList<SyncItem> listings = m_engine->items().claim(u"worker"_s, 10, 60000);
        QCOMPARE(listings.size(), 2); // the stock and media wait for their listing
        m_engine->items().completeAll({{listings.at(0), ItemOutcome::succeeded()},
                                       {listings.at(1), ItemOutcome::succeeded()}},
                                      60000);
        QCOMPARE(runs.queued(m_connection).size(), 2);
        QCOMPARE(m_engine->runs().get(first).succeeded, 0);

        // Once the first is done, publishing again is new work with its own items.
        QCOMPARE(completeAll(), 4);
        QVERIFY(m_engine->runs().get(first).isFinished());
        QCOMPARE(m_engine->runs().get(first).succeeded, 2);
        QVERIFY(runs.queued(m_connection).isEmpty());
        const qint64 third = runs.start(fullPlan(), u"merchant"_s);
        QCOMPARE(m_engine->items().list(third).size(), 6);
        QCOMPARE(m_engine->runs().get(third).total, 2);
    }

    void aRunAndItsItemsAppearTogetherOrNotAtAll()
    {
        QSqlQuery sabotage(db());
        // An item insert that fails half way through the run's creation.
        QVERIFY(sabotage.exec(u"CREATE TRIGGER refuse_items BEFORE INSERT ON sync_items "
                              "BEGIN SELECT RAISE(ABORT, 'disk full'); END"_s));
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, PublishRuns(db()).start(fullPlan(), u"m"_s));
        QCOMPARE(test::scalar(db(), u"SELECT COUNT(*) FROM sync_runs"_s), 0);
        QCOMPARE(ChannelMappings(db()).state(m_connection, created()).state, Listing::NotListed);
    }

    void retryFailedReplaysDeadItems()
    {
        PublishRuns runs(db());
        const qint64 runId = runs.start(fullPlan(), u"merchant"_s);
        const QList<SyncItem> claimed = m_engine->items().claim(u"worker"_s, 10, 60000);
        QCOMPARE(claimed.size(), 2);
        m_engine->items().completeAll(
            {{claimed.at(0), ItemOutcome::succeeded()},
             {claimed.at(1), ItemOutcome::permanent(u"Etsy refused the listing"_s)}},
            60000);
        QCOMPARE(m_engine->items().get(claimed.at(1).id).state, SyncItem::State::Dead);
        // What waited for the refused listing does not run, and says why.
        for (const SyncItem &item : itemsOf(runId, claimed.at(1).entityId).mid(1)) {
            QCOMPARE(item.state, SyncItem::State::Cancelled);
            QVERIFY2(item.lastError.contains(u"Etsy refused the listing"_s),
                     qPrintable(item.lastError));
        }
        QCOMPARE(completeAll(), 2); // the other product's stock and media
        const SyncRun ended = m_engine->runs().get(runId);
        QVERIFY(ended.isFinished());
        QCOMPARE(ended.failed, 1);
        QCOMPARE(ended.succeeded, 1);
        QCOMPARE(ended.cancelled, 0);

        QCOMPARE(runs.retryFailed(runId), 1);
        QCOMPARE(m_engine->items().get(claimed.at(1).id).state, SyncItem::State::Pending);
        QCOMPARE(m_engine->items().get(claimed.at(0).id).state, SyncItem::State::Succeeded);
        for (const SyncItem &item : itemsOf(runId, claimed.at(1).entityId).mid(1))
            QCOMPARE(item.state, SyncItem::State::Pending); // back with it
        const SyncRun reopened = m_engine->runs().get(runId);
        QCOMPARE(reopened.status, SyncRun::Status::Running);
        QCOMPARE(reopened.failed, 0);
        QCOMPARE(reopened.remaining(), 1);
        QCOMPARE(runs.retryFailed(runId), 0); // nothing dead any more
        QCOMPARE(completeAll(), 3);
        QCOMPARE(m_engine->runs().get(runId).succeeded, 2);
        QVERIFY(m_engine->runs().get(runId).isFinished());
    }

private:
    QSqlDatabase db() const { return m_engine->db(); }

    // The product's items in the run, in the order they were made.
    QList<SyncItem> itemsOf(qint64 runId, qint64 product)
    {
        QList<SyncItem> found;
        for (const SyncItem &item : m_engine->items().list(runId)) {
            if (item.entityId == product)
                found.append(item);
        }
        return found;
    }

    // Claims and completes, successfully, every item that becomes ready.
    int completeAll()
    {
        int done = 0;
        for (;;) {
            const QList<SyncItem> claimed = m_engine->items().claim(u"worker"_s, 10, 60000);
            if (claimed.isEmpty())
                return done;
            for (const SyncItem &item : claimed)
                m_engine->items().complete(item, ItemOutcome::succeeded(), 60000);
            done += int(claimed.size());
        }
    }
    qint64 created() const { return m_products.at(0); }
    qint64 listed() const { return m_products.at(1); }
    qint64 same() const { return m_products.at(2); }
    qint64 refused() const { return m_products.at(3); }

    PublishPlan fullPlan() const
    {
        PublishPlan plan;
        plan.connectionId = m_connection;
        plan.channelName = u"Etsy shop"_s;
        plan.entries = {entry(created(), Action::Create), entry(listed(), Action::Update, u"L-2"_s),
                        entry(same(), Action::Unchanged, u"L-3"_s),
                        entry(refused(), Action::Invalid)};
        return plan;
    }

    std::unique_ptr<test::EngineFixture> m_engine;
    qint64 m_connection = 0;
    QList<qint64> m_products;
};

QTEST_GUILESS_MAIN(TestPublishRuns)
#include "tst_publishruns.moc"
