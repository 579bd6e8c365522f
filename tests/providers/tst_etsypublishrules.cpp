// What the plan approves, the Etsy sandbox accepts: Etsy's limits at their
// boundaries published end to end (just inside reaches the sandbox as sent,
// just outside is refused in the plan), titles sent in NFC, a single default
// variant without variations, images checked before anything is created,
// and an unpublished product on sale again when published again.
#include "catalogstore.h"
#include "channelmappings.h"
#include "channelpricing.h"
#include "channelsettings.h"
#include "connectionaccess.h"
#include "connectiontokens.h"
#include "etsycontractcheck.h"
#include "etsypublishfixture.h"
#include "itemstore.h"
#include "peers.h"
#include "pricerule.h"
#include "providerregistry.h"
#include "publishableproduct.h"
#include "publishservice.h"
#include "secretstore.h"
#include "testworkspace.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom;
using namespace storeloom::test;
using namespace Qt::StringLiterals;
using sandbox::etsy::EtsySandbox;

namespace {

// A product as an import leaves it: one variant per price, "Size" options
// when there is more than one, unless `options` says otherwise.
struct ProductSpec
{
    explicit ProductSpec(const QString &name) : title(name) {}
    QString title;
    QString description = u"Hand made."_s;
    QList<qint64> prices{1250};
    QString currency = u"USD"_s;
    QStringList optionNames;
    QList<QStringList> optionValues;
    QStringList imageUrls;
};

} // namespace

class TestEtsyPublishRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void highestPriceIsPublishedOneCentMoreIsRefusedInThePlan();
    void emptyDescriptionIsRefusedInThePlan();
    void decomposedTitleIsSentComposed();
    void singleDefaultVariantHasNoVariations();
    void unreachableImageFailsTheProductBeforeAnythingIsSent();
    void republishingAnUnpublishedProductPutsItOnSaleAgain();
    void otherCurrencyIsRefusedUntilAPriceRuleConvertsIt();

private:
    qint64 addProduct(const ProductSpec &spec);
    PublishPlan planFor(const QList<qint64> &products);
    SyncRun runToEnd(const PublishPlan &plan);
    ChannelState stateOf(qint64 productId) const;
    QJsonObject listingOf(qint64 productId) const;

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

void TestEtsyPublishRules::initTestCase()
{
    STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
    m_sandbox = std::make_unique<EtsySandbox>();
    QVERIFY(m_sandbox->listen());
    m_requestLog = m_logDir.filePath(u"etsy-requests.jsonl"_s);
    QVERIFY(m_sandbox->setRequestLog(m_requestLog));
    addEtsyProvider(m_providers, *m_sandbox);
}

void TestEtsyPublishRules::init()
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

void TestEtsyPublishRules::cleanup()
{
    m_service.reset();
    m_access.reset();
    m_workspace.reset();
}

void TestEtsyPublishRules::cleanupTestCase()
{
    if (!m_sandbox)
        return;
    m_sandbox->setRequestLog(QString());
    STORELOOM_REQUIRE_PEER(test::contractsPeer());
    const ContractResult result = checkEtsyRequestLog({m_requestLog});
    QVERIFY2(result.exitCode == 0, qPrintable(result.output));
}

qint64 TestEtsyPublishRules::addProduct(const ProductSpec &spec)
{
    const DbHandle handle = m_workspace->workspace().openHandle();
    CatalogStore catalog(handle.db());
    Product product;
    product.title = spec.title;
    product.description = spec.description;
    product.optionNames = spec.optionNames;
    if (spec.optionNames.isEmpty() && spec.prices.size() > 1)
        product.optionNames = {u"Size"_s};
    for (qsizetype v = 0; v < spec.prices.size(); ++v) {
        Variant variant;
        variant.sku = u"R%1-%2"_s.arg(QString::number(qHash(spec.title), 16)).arg(v + 1);
        variant.price = Money{spec.prices.at(v), spec.currency};
        variant.optionValues = spec.optionValues.value(v);
        if (variant.optionValues.isEmpty() && spec.prices.size() > 1)
            variant.optionValues = {u"S%1"_s.arg(v + 1)};
        product.variants.append(variant);
    }
    const qint64 id = catalog.addProduct(product);
    const qint64 location = catalog.addLocation(u"Workshop"_s);
    const Product stored = *catalog.product(id);
    for (const Variant &variant : stored.variants)
        catalog.setStock(variant.id, location, 3, 3);
    PublishableProductReader reader(handle.db());
    QStringList urls = spec.imageUrls;
    if (urls.isEmpty())
        urls = {m_sandbox->url().toString() + u"/_sandbox/images/%1.png"_s.arg(id)};
    for (const QString &url : urls)
        reader.addImage(id, {url, QString()});
    return id;
}

PublishPlan TestEtsyPublishRules::planFor(const QList<qint64> &products)
{
    QSignalSpy planned(m_service.get(), &PublishService::planned);
    QSignalSpy failed(m_service.get(), &PublishService::planFailed);
    m_service->plan(m_connection, products);
    if (!QTest::qWaitFor([&] { return !planned.isEmpty() || !failed.isEmpty(); }, 30000))
        return {};
    return planned.isEmpty() ? PublishPlan() : planned.first().first().value<PublishPlan>();
}

SyncRun TestEtsyPublishRules::runToEnd(const PublishPlan &plan)
{
    return waitForRunToFinish(m_workspace->workspace(), m_service->confirm(plan), 120000);
}

ChannelState TestEtsyPublishRules::stateOf(qint64 productId) const
{
    const DbHandle handle = m_workspace->workspace().openHandle();
    return ChannelMappings(handle.db()).state(m_connection, productId);
}

QJsonObject TestEtsyPublishRules::listingOf(qint64 productId) const
{
    return m_sandbox->listing(stateOf(productId).externalId.toLongLong()).value_or(QJsonObject());
}

void TestEtsyPublishRules::otherCurrencyIsRefusedUntilAPriceRuleConvertsIt()
{
    ProductSpec scarf(u"Wool scarf"_s);
    scarf.currency = u"EUR"_s;
    scarf.prices = {1000, 2000};
    ProductSpec loom(u"Floor loom"_s);
    loom.currency = u"EUR"_s;
    loom.prices = {4620000}; // 46,200.00 EUR: under Etsy's maximum until it is in dollars
    const qint64 converted = addProduct(scarf);
    const qint64 tooDear = addProduct(loom);

    // The sandbox's shop sells in USD (getShop's currency_code).
    PublishPlan plan = planFor({converted});
    QCOMPARE(plan.entries.at(0).action, PlanEntry::Action::Invalid);
    QCOMPARE(plan.entries.at(0).issues.first().message,
             u"Prices are in EUR, the Etsy shop sells in USD: set a price rule for this channel."_s);

    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        ChannelSettingsStore store(handle.db());
        QJsonObject settings = store.settings(m_connection);
        QCOMPARE(settings[pricingkeys::channelCurrency].toString(), u"USD"_s);
        QString error;
        const auto rule =
            PriceRule::fromSpec(u"from=EUR to=USD rate=1.0842 round=.99"_s, &error);
        QVERIFY2(rule, qPrintable(error));
        settings.insert(pricingkeys::priceRule, rule->toJson());
        store.setSettings(m_connection, settings);
    }
    plan = planFor({converted, tooDear});
    QCOMPARE(plan.entries.at(0).action, PlanEntry::Action::Create);
    QCOMPARE(plan.entries.at(0).priceChange(), u"10.00 EUR → 10.99 USD"_s);
    // Etsy's maximum applies to the price Etsy gets: 46,200.00 × 1.0842 → 50,090.99.
    QCOMPARE(plan.entries.at(1).action, PlanEntry::Action::Invalid);
    QCOMPARE(plan.entries.at(1).issues.first().message,
             u"A price of 50090.99 USD is above Etsy's maximum of 50000.00 USD."_s);

    QCOMPARE(runToEnd(plan.without({tooDear})).status, SyncRun::Status::Succeeded);
    const QJsonArray products =
        m_sandbox->inventory(stateOf(converted).externalId.toLongLong())[u"products"_s].toArray();
    QCOMPARE(products.size(), 2);
    // 10.00 → 10.84 → 10.99 and 20.00 → 21.68 → 21.99, in the shop's dollars.
    QCOMPARE(products.at(0)[u"offerings"_s][0][u"price"_s][u"amount"_s].toInteger(), 1099);
    QCOMPARE(products.at(1)[u"offerings"_s][0][u"price"_s][u"amount"_s].toInteger(), 2199);
    QCOMPARE(products.at(1)[u"offerings"_s][0][u"price"_s][u"currency_code"_s].toString(), u"USD"_s);
}

void TestEtsyPublishRules::highestPriceIsPublishedOneCentMoreIsRefusedInThePlan()
{
    ProductSpec highest(u"Gold torque"_s);
    highest.prices = {4999999, 5000000}; // 49,999.99 and 50,000.00
    ProductSpec tooHigh(u"Gold crown"_s);
    tooHigh.prices = {1000, 5000001};
    const qint64 inside = addProduct(highest);
    const qint64 outside = addProduct(tooHigh);
    const PublishPlan plan = planFor({inside, outside});
    QCOMPARE(plan.count(PlanEntry::Action::Create), 1);
    QCOMPARE(plan.entries.at(1).action, PlanEntry::Action::Invalid);
    QCOMPARE(plan.entries.at(1).issues.first().field, u"price"_s);
    QCOMPARE(plan.entries.at(1).issues.first().message,
             u"A price of 50000.01 USD is above Etsy's maximum of 50000.00 USD."_s);

    QCOMPARE(runToEnd(plan).status, SyncRun::Status::Succeeded);
    const QJsonArray products =
        m_sandbox->inventory(stateOf(inside).externalId.toLongLong())[u"products"_s].toArray();
    QCOMPARE(products.size(), 2);
    QCOMPARE(products.at(1)[u"offerings"_s][0][u"price"_s][u"amount"_s].toInteger(), 5000000);
    QCOMPARE(stateOf(outside).state, ChannelState::State::NotListed);
    QVERIFY(listingsTitled(*m_sandbox, u"Gold crown"_s).isEmpty());
}

void TestEtsyPublishRules::emptyDescriptionIsRefusedInThePlan()
{
    ProductSpec shortest(u"Short note"_s);
    shortest.description = u"x"_s;
    ProductSpec blank(u"Blank note"_s);
    blank.description = u"<p> </p>"_s;
    const qint64 inside = addProduct(shortest);
    const qint64 outside = addProduct(blank);
    const PublishPlan plan = planFor({inside, outside});
    QCOMPARE(plan.entries.at(0).action, PlanEntry::Action::Create);
    QCOMPARE(plan.entries.at(1).action, PlanEntry::Action::Invalid);
    QCOMPARE(plan.entries.at(1).issues.first().field, u"description"_s);
    QCOMPARE(runToEnd(plan).status, SyncRun::Status::Succeeded);
    QCOMPARE(listingOf(inside)[u"description"_s].toString(), u"x"_s);
    QVERIFY(listingsTitled(*m_sandbox, u"Blank note"_s).isEmpty());
}

void TestEtsyPublishRules::decomposedTitleIsSentComposed()
{
    const QString decomposed = u"Cafe\u0301 cre\u0300me scarf"_s;
    const qint64 product = addProduct(ProductSpec(decomposed));
    const PublishPlan plan = planFor({product});
    QCOMPARE(plan.count(PlanEntry::Action::Create), 1);
    QCOMPARE(runToEnd(plan).status, SyncRun::Status::Succeeded);
    QCOMPARE(listingOf(product)[u"title"_s].toString(), u"Caf\u00e9 cr\u00e8me scarf"_s);
}

void TestEtsyPublishRules::singleDefaultVariantHasNoVariations()
{
    // As Shopify has it: option "Title", its one value "Default Title".
    ProductSpec spec(u"Birch bowl"_s);
    spec.optionNames = {u"Title"_s};
    spec.optionValues = {{u"Default Title"_s}};
    const qint64 product = addProduct(spec);
    QCOMPARE(runToEnd(planFor({product})).status, SyncRun::Status::Succeeded);
    const QJsonObject listing = listingOf(product);
    QCOMPARE(listing[u"has_variations"_s].toBool(), false);
    const QJsonObject inventory = m_sandbox->inventory(listing[u"listing_id"_s].toInteger());
    const QJsonArray products = inventory[u"products"_s].toArray();
    QCOMPARE(products.size(), 1);
    QCOMPARE(products.first()[u"property_values"_s].toArray(), QJsonArray());
    QCOMPARE(inventory[u"quantity_on_property"_s].toArray(), QJsonArray());
    QCOMPARE(products.first()[u"offerings"_s][0][u"quantity"_s].toInt(), 3);
}

void TestEtsyPublishRules::unreachableImageFailsTheProductBeforeAnythingIsSent()
{
    // Port 1 on loopback: refused, as an image host that is down.
    const QString unreachable = u"http://127.0.0.1:1/photos/lamp.png"_s;
    ProductSpec spec(u"Brass lamp"_s);
    spec.imageUrls = {m_sandbox->url().toString() + u"/_sandbox/images/ok.png"_s, unreachable};
    const qint64 product = addProduct(spec);
    const int before = int(m_sandbox->listings().size());
    const SyncRun run = runToEnd(planFor({product}));
    QCOMPARE(run.status, SyncRun::Status::Failed);
    QCOMPARE(int(m_sandbox->listings().size()), before); // no orphan draft
    const ChannelState state = stateOf(product);
    QCOMPARE(state.state, ChannelState::State::Failed);
    QVERIFY2(state.lastError.contains(unreachable), qPrintable(state.lastError));
    QVERIFY(!state.intentAt.has_value());
    const DbHandle handle = m_workspace->workspace().openHandle();
    const QList<SyncItem> items = ItemStore(handle.db()).list(run.id);
    QCOMPARE(items.first().operation, u"listing.create"_s);
    QCOMPARE(items.first().attempts, 1); // a permanent failure: not retried
}

void TestEtsyPublishRules::republishingAnUnpublishedProductPutsItOnSaleAgain()
{
    const qint64 product = addProduct(ProductSpec(u"Walnut tray"_s));
    QCOMPARE(runToEnd(planFor({product})).status, SyncRun::Status::Succeeded);
    const QString listingId = stateOf(product).externalId;
    const SyncRun off = waitForRunToFinish(m_workspace->workspace(),
                                           m_service->unpublish(m_connection, {product}), 120000);
    QCOMPARE(off.status, SyncRun::Status::Succeeded);
    QCOMPARE(listingOf(product)[u"state"_s].toString(), u"inactive"_s);
    QCOMPARE(stateOf(product).state, ChannelState::State::Inactive);

    const PublishPlan again = planFor({product});
    QCOMPARE(again.count(PlanEntry::Action::Update), 1);
    QCOMPARE(runToEnd(again).status, SyncRun::Status::Succeeded);
    QCOMPARE(stateOf(product).externalId, listingId);
    QCOMPARE(stateOf(product).state, ChannelState::State::Synced);
    QCOMPARE(listingOf(product)[u"state"_s].toString(), u"active"_s);
    QCOMPARE(listingsTitled(*m_sandbox, u"Walnut tray"_s).size(), 1);
}

QTEST_MAIN(TestEtsyPublishRules)
#include "tst_etsypublishrules.moc"
