// Publishing to Etsy end to end: the plan, the background run through the
// Executor, the listing as the Etsy sandbox holds it, exactly once when
// replies are lost or an attempt died after Etsy created the listing, the
// sign-in renewed on a 401, and every request checked against Etsy's OpenAPI.
#include "catalogstore.h"
#include "channelmappings.h"
#include "channelsettings.h"
#include "connectionaccess.h"
#include "connectiontokens.h"
#include "etsy/etsylisting.h"
#include "etsy/etsyprovider.h"
#include "etsycontractcheck.h"
#include "etsypublishfixture.h"
#include "listingorigin.h"
#include "itemstore.h"
#include "peers.h"
#include "providerregistry.h"
#include "publishableproduct.h"
#include "publishruns.h"
#include "publishservice.h"
#include "runstore.h"
#include "secretstore.h"
#include "testworkspace.h"
#include "workspaceerror.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom;
using namespace storeloom::test;
using namespace Qt::StringLiterals;
using sandbox::etsy::EtsySandbox;

class TestEtsyPublish : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void planSaysWhatWillHappen();
    void publishCreatesThenUpdatesOneListing();
    void variationsAndImagesReachEtsy();
    void lostCreateReplyMakesNoSecondListing();
    void listingCreatedBeforeACrashIsAdopted();
    void refusedProductFailsWithEtsysReasonAndRetries();
    void expiredSignInIsRenewedMidRun();
    void cancelledPlanChangesNothing();
    void runLeftByAnEndedSessionResumes();
    void listingDeletedOnEtsyIsCreatedAgainNextTime();
    void onePublishIsOneItemPerStepCountedAsOneProduct();
    void unpublishLeavesTheListingInactiveOnEtsy();
    void unpublishRefusesAProductWithoutAListing();

private:
    PublishPlan planFor(const QList<qint64> &products);
    SyncRun runToEnd(const PublishPlan &plan);
    QList<QJsonObject> listingsTitled(const QString &title) const;
    ChannelState stateOf(qint64 productId) const;

    QTemporaryDir m_logDir;
    QString m_requestLog;
    std::unique_ptr<EtsySandbox> m_sandbox;
    ProviderRegistry m_providers;
    SecretStore m_secrets;
    std::unique_ptr<TestWorkspace> m_workspace;
    std::unique_ptr<ConnectionAccess> m_access;
    std::unique_ptr<PublishService> m_service;
    qint64 m_connection = 0;
};

void TestEtsyPublish::initTestCase()
{
    STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
    m_sandbox = std::make_unique<EtsySandbox>();
    QVERIFY(m_sandbox->listen());
    m_requestLog = m_logDir.filePath(u"etsy-requests.jsonl"_s);
    QVERIFY(m_sandbox->setRequestLog(m_requestLog));
    addEtsyProvider(m_providers, *m_sandbox);
}

void TestEtsyPublish::init()
{
    m_sandbox->clearFaults();
    m_workspace = std::make_unique<TestWorkspace>();
    const Workspace &workspace = m_workspace->workspace();
    m_connection = addEtsyChannel(workspace, m_secrets, *m_sandbox);
    QVERIFY(m_connection > 0);
    m_access = std::make_unique<ConnectionAccess>(workspace, m_secrets, m_providers);
    m_access->sync();
    QVERIFY(QTest::qWaitFor([this] { return m_access->tokens(m_connection) != nullptr; }, 15000));
    m_service = std::make_unique<PublishService>(workspace, *m_access, m_providers);
}

void TestEtsyPublish::cleanup()
{
    m_service.reset();
    m_access.reset();
    m_workspace.reset();
}

void TestEtsyPublish::cleanupTestCase()
{
    if (!m_sandbox)
        return;
    m_sandbox->setRequestLog(QString());
    STORELOOM_REQUIRE_PEER(test::contractsPeer());
    const ContractResult result = checkEtsyRequestLog({m_requestLog});
    QVERIFY2(result.exitCode == 0, qPrintable(result.output));
}

PublishPlan TestEtsyPublish::planFor(const QList<qint64> &products)
{
    QSignalSpy planned(m_service.get(), &PublishService::planned);
    QSignalSpy failed(m_service.get(), &PublishService::planFailed);
    m_service->plan(m_connection, products);
    if (!QTest::qWaitFor([&] { return !planned.isEmpty() || !failed.isEmpty(); }, 30000))
        return {};
    if (!failed.isEmpty())
        qWarning() << "planning failed:" << failed.first().at(1).toString();
    return planned.isEmpty() ? PublishPlan() : planned.first().first().value<PublishPlan>();
}

SyncRun TestEtsyPublish::runToEnd(const PublishPlan &plan)
{
    return waitForRunToFinish(m_workspace->workspace(), m_service->confirm(plan), 120000);
}

QList<QJsonObject> TestEtsyPublish::listingsTitled(const QString &title) const
{
    return test::listingsTitled(*m_sandbox, title);
}

ChannelState TestEtsyPublish::stateOf(qint64 productId) const
{
    const DbHandle handle = m_workspace->workspace().openHandle();
    return ChannelMappings(handle.db()).state(m_connection, productId);
}

void TestEtsyPublish::planSaysWhatWillHappen()
{
    const Workspace &workspace = m_workspace->workspace();
    const qint64 good = addPublishableProduct(workspace, u"Linen apron"_s, 1, 2, m_sandbox->url());
    const qint64 longTitle =
        addPublishableProduct(workspace, QString(152, u'a'), 1, 1, m_sandbox->url());
    const qint64 noStock =
        addPublishableProduct(workspace, u"Sold out mug"_s, 1, 1, m_sandbox->url(), 0);

    const PublishPlan plan = planFor({good, longTitle, noStock});
    QCOMPARE(plan.entries.size(), 3);
    QCOMPARE(plan.count(PlanEntry::Action::Create), 1);
    QCOMPARE(plan.count(PlanEntry::Action::Invalid), 2);
    QCOMPARE(plan.summary(),
             u"Create 1 · Update 0 · Unchanged 0 (skipped) · Cannot publish 2"_s);
    QCOMPARE(plan.apiCalls(), 4); // create, inventory, two images
    QVERIFY(plan.remainingToday.has_value());
    QVERIFY(*plan.remainingToday > 0 && *plan.remainingToday <= 10000);

    const PlanEntry &tooLong = plan.entries.at(1);
    QCOMPARE(tooLong.productId, longTitle);
    QCOMPARE(tooLong.issues.first().message, u"The title has 152 characters; Etsy allows 140."_s);
    QCOMPARE(plan.entries.at(2).issues.first().field, u"quantity"_s);
    QCOMPARE(stateOf(good).state, ChannelState::State::NotListed); // planning sends nothing
    QVERIFY(listingsTitled(u"Linen apron"_s).isEmpty());
}

void TestEtsyPublish::publishCreatesThenUpdatesOneListing()
{
    const Workspace &workspace = m_workspace->workspace();
    const qint64 product = addPublishableProduct(workspace, u"Beeswax candle"_s, 1, 1,
                                                 m_sandbox->url());
    const SyncRun first = runToEnd(planFor({product}));
    QCOMPARE(first.status, SyncRun::Status::Succeeded);
    QCOMPARE(first.succeeded, 1);

    const auto listings = listingsTitled(u"Beeswax candle"_s);
    QCOMPARE(listings.size(), 1);
    const ChannelState synced = stateOf(product);
    QCOMPARE(synced.state, ChannelState::State::Synced);
    QCOMPARE(synced.externalId, QString::number(listings.first().value(u"listing_id"_s).toInteger()));
    QVERIFY(synced.url.startsWith(u"https://www.etsy.com/listing/"_s));
    QVERIFY(synced.lastSyncedAt.has_value());
    QCOMPARE(listings.first().value(u"description"_s).toString(), u"Hand made.\nCotton & linen."_s);

    // Published again unchanged: nothing to send.
    const PublishPlan again = planFor({product});
    QCOMPARE(again.count(PlanEntry::Action::Unchanged), 1);
    QCOMPARE(again.apiCalls(), 0);

    // Edited here: out of sync, then one update of the same listing.
    {
        const DbHandle handle = workspace.openHandle();
        ProductEdit edit;
        edit.title = u"Beeswax pillar candle"_s;
        CatalogStore(handle.db()).editProduct(product, edit);
    }
    QCOMPARE(stateOf(product).state, ChannelState::State::OutOfSync);
    const PublishPlan update = planFor({product});
    QCOMPARE(update.count(PlanEntry::Action::Update), 1);
    QCOMPARE(update.entries.first().externalId, synced.externalId);
    QCOMPARE(runToEnd(update).status, SyncRun::Status::Succeeded);
    QVERIFY(listingsTitled(u"Beeswax candle"_s).isEmpty());
    QCOMPARE(listingsTitled(u"Beeswax pillar candle"_s).size(), 1);
    QCOMPARE(stateOf(product).state, ChannelState::State::Synced);
    QCOMPARE(stateOf(product).externalId, synced.externalId);
}

void TestEtsyPublish::variationsAndImagesReachEtsy()
{
    const qint64 product = addPublishableProduct(m_workspace->workspace(), u"Wool scarf"_s, 3, 3,
                                                 m_sandbox->url(), 4);
    QCOMPARE(runToEnd(planFor({product})).status, SyncRun::Status::Succeeded);
    const qint64 listingId = stateOf(product).externalId.toLongLong();
    QCOMPARE(m_sandbox->imageCount(listingId), 3);
    const QJsonArray products = m_sandbox->inventory(listingId).value(u"products"_s).toArray();
    QCOMPARE(products.size(), 3);
    QStringList skus;
    for (const QJsonValue &value : products) {
        const QJsonObject variant = value.toObject();
        skus.append(variant.value(u"sku"_s).toString());
        const QJsonObject offering = variant.value(u"offerings"_s).toArray().first().toObject();
        QCOMPARE(offering.value(u"quantity"_s).toInt(), 4);
        QCOMPARE(variant.value(u"property_values"_s).toArray().size(), 1);
    }
    skus.sort();
    QCOMPARE(skus, (QStringList{u"WOOLSCARF-1"_s, u"WOOLSCARF-2"_s, u"WOOLSCARF-3"_s}));

    // Republished after a new image: the images are replaced, never doubled.
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        PublishableProductReader(handle.db())
            .addImage(product, {m_sandbox->url().toString() + u"/_sandbox/images/extra.png"_s, {}});
    }
    const PublishPlan update = planFor({product});
    QCOMPARE(update.count(PlanEntry::Action::Update), 1);
    QCOMPARE(runToEnd(update).status, SyncRun::Status::Succeeded);
    QCOMPARE(m_sandbox->imageCount(listingId), 4);
    QCOMPARE(m_sandbox->inventory(listingId).value(u"products"_s).toArray().size(), 3);
}

void TestEtsyPublish::lostCreateReplyMakesNoSecondListing()
{
    const qint64 product = addPublishableProduct(m_workspace->workspace(), u"Clay bowl"_s, 2, 1,
                                                 m_sandbox->url());
    // Etsy creates the listing, and the reply never arrives.
    m_sandbox->commitThenLoseReply("POST", u"/v3/application/shops/*/listings"_s);
    const SyncRun run = runToEnd(planFor({product}));
    QCOMPARE(run.status, SyncRun::Status::Succeeded);
    QCOMPARE(listingsTitled(u"Clay bowl"_s).size(), 1);
    QCOMPARE(stateOf(product).externalId,
             QString::number(listingsTitled(u"Clay bowl"_s).first().value(u"listing_id"_s).toInteger()));
    // Reported as found and linked: the run's create got no answer.
    QCOMPARE(ListingOrigin::of(stateOf(product), run.id), ListingOrigin::How::FoundAndLinked);
}

void TestEtsyPublish::listingCreatedBeforeACrashIsAdopted()
{
    const Workspace &workspace = m_workspace->workspace();
    const qint64 product = addPublishableProduct(workspace, u"Oak spoon"_s, 1, 1, m_sandbox->url());
    // An earlier attempt recorded its intent, Etsy created the listing, and
    // the process died before the listing id was written.
    {
        const DbHandle handle = workspace.openHandle();
        QVERIFY(ChannelMappings(handle.db()).claimIntent(m_connection, product, 999999));
        const auto source = PublishableProductReader(handle.db()).read(product);
        const auto listing = etsy::EtsyListing::from(
            *source, ChannelSettingsStore(handle.db()).settings(m_connection));
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(m_sandbox->url().toString() +
                                     u"/v3/application/shops/%1/listings"_s.arg(
                                         m_sandbox->options().shopId)));
        request.setRawHeader("x-api-key", m_sandbox->apiKey().toUtf8());
        request.setRawHeader("Authorization",
                             "Bearer " + m_access->tokens(m_connection)->accessToken().toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          u"application/x-www-form-urlencoded"_s);
        QNetworkReply *reply = network.post(request, listing.createForm().encoded());
        QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        delete reply;
    }
    QCOMPARE(listingsTitled(u"Oak spoon"_s).size(), 1);

    const PublishPlan plan = planFor({product});
    QCOMPARE(plan.count(PlanEntry::Action::Create), 1);
    const SyncRun adopted = runToEnd(plan);
    QCOMPARE(adopted.status, SyncRun::Status::Succeeded);
    // This run did not create it: the process that died did.
    QCOMPARE(ListingOrigin::of(stateOf(product), adopted.id), ListingOrigin::How::FoundAndLinked);
    const auto listings = listingsTitled(u"Oak spoon"_s);
    QCOMPARE(listings.size(), 1); // found and updated, not created again
    QCOMPARE(stateOf(product).externalId,
             QString::number(listings.first().value(u"listing_id"_s).toInteger()));
    QCOMPARE(stateOf(product).state, ChannelState::State::Synced);
    QCOMPARE(m_sandbox->imageCount(listings.first().value(u"listing_id"_s).toInteger()), 1);
}

void TestEtsyPublish::refusedProductFailsWithEtsysReasonAndRetries()
{
    const qint64 product = addPublishableProduct(m_workspace->workspace(), u"Silver ring"_s, 1, 1,
                                                 m_sandbox->url());
    m_sandbox->failNext("POST", u"/v3/application/shops/*/listings"_s, 400);
    const SyncRun failed = runToEnd(planFor({product}));
    QCOMPARE(failed.status, SyncRun::Status::Failed);
    QCOMPARE(failed.failed, 1);
    const ChannelState state = stateOf(product);
    QCOMPARE(state.state, ChannelState::State::Failed);
    QVERIFY2(state.lastError.startsWith(u"Etsy: "_s), qPrintable(state.lastError));
    QVERIFY(listingsTitled(u"Silver ring"_s).isEmpty());

    QCOMPARE(m_service->retryFailed(failed.id), 1);
    const DbHandle handle = m_workspace->workspace().openHandle();
    RunStore runs(handle.db());
    QVERIFY(QTest::qWaitFor([&] { return runs.get(failed.id).status == SyncRun::Status::Succeeded; },
                            60000));
    QCOMPARE(listingsTitled(u"Silver ring"_s).size(), 1);
    QCOMPARE(stateOf(product).state, ChannelState::State::Synced);
}

void TestEtsyPublish::expiredSignInIsRenewedMidRun()
{
    const qint64 product = addPublishableProduct(m_workspace->workspace(), u"Felt slippers"_s, 1,
                                                 0, m_sandbox->url());
    QVERIFY(m_sandbox->expireAccessToken(m_access->tokens(m_connection)->accessToken()));
    QCOMPARE(runToEnd(planFor({product})).status, SyncRun::Status::Succeeded);
    QCOMPARE(listingsTitled(u"Felt slippers"_s).size(), 1);
}

void TestEtsyPublish::cancelledPlanChangesNothing()
{
    const qint64 product = addPublishableProduct(m_workspace->workspace(), u"Rag rug"_s, 1, 1,
                                                 m_sandbox->url());
    const PublishPlan plan = planFor({product});
    QCOMPARE(plan.count(PlanEntry::Action::Create), 1);
    // Not confirmed: no run, no mapping, nothing on Etsy.
    const DbHandle handle = m_workspace->workspace().openHandle();
    QVERIFY(RunStore(handle.db()).list().isEmpty());
    QCOMPARE(stateOf(product).state, ChannelState::State::NotListed);
    QVERIFY(listingsTitled(u"Rag rug"_s).isEmpty());
}

void TestEtsyPublish::runLeftByAnEndedSessionResumes()
{
    const Workspace &workspace = m_workspace->workspace();
    const qint64 product = addPublishableProduct(workspace, u"Pine box"_s, 1, 0, m_sandbox->url());
    const PublishPlan plan = planFor({product});
    // Confirmed in a session that ended before any item ran.
    qint64 runId = 0;
    {
        const DbHandle handle = workspace.openHandle();
        runId = PublishRuns(handle.db()).start(plan, u"earlier session"_s);
    }
    m_service = std::make_unique<PublishService>(workspace, *m_access, m_providers);
    QVERIFY(!m_service->executor().isRunning()); // nothing runs until asked
    m_service->resumeUnfinished();
    const SyncRun run = waitForRunToFinish(workspace, runId, 60000);
    QVERIFY(run.isFinished());
    QCOMPARE(run.status, SyncRun::Status::Succeeded);
    QCOMPARE(listingsTitled(u"Pine box"_s).size(), 1);
}

void TestEtsyPublish::listingDeletedOnEtsyIsCreatedAgainNextTime()
{
    const Workspace &workspace = m_workspace->workspace();
    const qint64 product = addPublishableProduct(workspace, u"Tin lantern"_s, 1, 0, m_sandbox->url());
    QCOMPARE(runToEnd(planFor({product})).status, SyncRun::Status::Succeeded);
    const QString listingId = stateOf(product).externalId;
    {
        // The merchant deletes the listing on etsy.com.
        QNetworkAccessManager network;
        QNetworkRequest request(
            QUrl(m_sandbox->url().toString() + u"/v3/application/listings/"_s + listingId));
        request.setRawHeader("x-api-key", m_sandbox->apiKey().toUtf8());
        request.setRawHeader("Authorization",
                             "Bearer " + m_access->tokens(m_connection)->accessToken().toUtf8());
        const std::unique_ptr<QNetworkReply> reply(network.deleteResource(request));
        // Patient: a loaded machine (two parallel suites) answers slowly.
        QVERIFY(QTest::qWaitFor([&reply] { return reply->isFinished(); }, 60000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }
    QVERIFY(listingsTitled(u"Tin lantern"_s).isEmpty());
    {
        const DbHandle handle = workspace.openHandle();
        ProductEdit edit;
        edit.description = u"Punched tin."_s;
        CatalogStore(handle.db()).editProduct(product, edit);
    }
    QCOMPARE(planFor({product}).count(PlanEntry::Action::Update), 1);
    const SyncRun gone = runToEnd(planFor({product}));
    QCOMPARE(gone.status, SyncRun::Status::Failed);
    const ChannelState forgotten = stateOf(product);
    QCOMPARE(forgotten.state, ChannelState::State::Failed);
    QVERIFY2(forgotten.lastError.contains(listingId), qPrintable(forgotten.lastError));
    QVERIFY(!forgotten.isListed());

    const PublishPlan again = planFor({product});
    QCOMPARE(again.count(PlanEntry::Action::Create), 1);
    QCOMPARE(runToEnd(again).status, SyncRun::Status::Succeeded);
    QCOMPARE(listingsTitled(u"Tin lantern"_s).size(), 1);
    QVERIFY(stateOf(product).externalId != listingId);
}

void TestEtsyPublish::onePublishIsOneItemPerStepCountedAsOneProduct()
{
    const Workspace &workspace = m_workspace->workspace();
    const qint64 product =
        addPublishableProduct(workspace, u"Ash spoon"_s, 1, 2, m_sandbox->url());
    const SyncRun run = runToEnd(planFor({product}));
    QCOMPARE(run.status, SyncRun::Status::Succeeded);
    QCOMPARE(run.total, 1);
    QCOMPARE(run.succeeded, 1);
    const DbHandle handle = workspace.openHandle();
    QStringList operations;
    for (const SyncItem &item : ItemStore(handle.db()).list(run.id)) {
        QCOMPARE(item.state, SyncItem::State::Succeeded);
        operations.append(item.operation);
    }
    QCOMPARE(operations,
             (QStringList{u"listing.create"_s, u"inventory.push"_s, u"media.upload"_s}));
    const qint64 listingId = stateOf(product).externalId.toLongLong();
    QCOMPARE(m_sandbox->imageCount(listingId), 2);
    QCOMPARE(stateOf(product).state, ChannelState::State::Synced);
}

void TestEtsyPublish::unpublishLeavesTheListingInactiveOnEtsy()
{
    const Workspace &workspace = m_workspace->workspace();
    const qint64 product =
        addPublishableProduct(workspace, u"Oak cutting board"_s, 1, 1, m_sandbox->url());
    QCOMPARE(runToEnd(planFor({product})).status, SyncRun::Status::Succeeded);
    const QString listingId = stateOf(product).externalId;

    const SyncRun run = waitForRunToFinish(workspace, m_service->unpublish(m_connection, {product}),
                                           120000);
    QCOMPARE(run.kind, u"unpublish"_s);
    QCOMPARE(run.status, SyncRun::Status::Succeeded);
    QCOMPARE(run.succeeded, 1);
    QCOMPARE(m_sandbox->listing(listingId.toLongLong())->value(u"state"_s).toString(),
             u"inactive"_s);
    const ChannelState unpublished = stateOf(product);
    QCOMPARE(unpublished.state, ChannelState::State::Inactive);
    QCOMPARE(unpublished.externalId, listingId);
    QCOMPARE(listingsTitled(u"Oak cutting board"_s).size(), 1);
}

void TestEtsyPublish::unpublishRefusesAProductWithoutAListing()
{
    const qint64 product = addPublishableProduct(m_workspace->workspace(), u"Unlisted cup"_s, 1,
                                                 1, m_sandbox->url());
    try {
        m_service->unpublish(m_connection, {product});
        QFAIL("a product without a listing was unpublished");
    } catch (const WorkspaceError &error) {
        QCOMPARE(error.kind(), WorkspaceError::Kind::InvalidState);
        QVERIFY2(error.message().contains(u"has no listing"_s), qPrintable(error.message()));
    }
    const DbHandle handle = m_workspace->workspace().openHandle();
    QCOMPARE(RunStore(handle.db()).unfinished(u"unpublish"_s, m_connection).size(), 0);
    QCOMPARE(stateOf(product).state, ChannelState::State::NotListed);
}

QTEST_MAIN(TestEtsyPublish)
#include "tst_etsypublish.moc"
