// Publishing to Etsy against the Etsy sandbox, in one run, printing ratios:
// 300 products (by default) published at Etsy's default limit of 10 requests
// a second and at 50, through the real adapter and the sync engine (plan,
// run, executor, mappings). For each limit it prints the requests per second
// achieved ÷ the limit (aim: ≥ 0.9), the 429s the sandbox served, and that
// nothing was lost or done twice: every product synced, one listing each.
// A last row starts with the budget ten times too generous (as before Etsy's
// first headers arrive) to show that the 429s it provokes lose nothing.
//
//   bench_etsy_publish [--products N] [--images N] [--limits 10,50]

#include "accesstokensource.h"
#include "channelmappings.h"
#include "channelsettings.h"
#include "catalogstore.h"
#include "connectionstore.h"
#include "etsy/etsyprovider.h"
#include "etsy/etsysandbox.h"
#include "executor.h"
#include "publishableproduct.h"
#include "publishdispatcher.h"
#include "publishplanner.h"
#include "publishruns.h"
#include "runstore.h"
#include "workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace storeloom;
using namespace Qt::StringLiterals;
using sandbox::etsy::EtsySandbox;

namespace {

// The sandbox's token for the whole run (the bench measures pacing, not sign-in).
class FixedToken : public AccessTokenSource
{
public:
    explicit FixedToken(QString token) : m_token(std::move(token)) {}
    QString accessToken() override { return m_token; }
    QString renewAfterRejection(const QString &) override { return {}; }

private:
    QString m_token;
};

struct Result
{
    int limit = 0;
    qint64 products = 0;
    qint64 requests = 0;
    qint64 throttled = 0;
    qint64 elapsedMs = 0;
    qint64 synced = 0;
    qint64 listings = 0;
    bool finished = false;
};

qint64 seed(const Workspace &workspace, int products, int images, const QUrl &imageHost,
            QList<qint64> &ids)
{
    const DbHandle handle = workspace.openHandle();
    CatalogStore catalog(handle.db());
    PublishableProductReader reader(handle.db());
    const qint64 location = catalog.addLocation(u"Workshop"_s);
    for (int i = 0; i < products; ++i) {
        Product product;
        product.title = u"Handmade item %1"_s.arg(i + 1);
        product.description = u"Made by hand."_s;
        Variant variant;
        variant.sku = u"BENCH-%1"_s.arg(i + 1);
        variant.price = Money{1500 + i, u"USD"_s};
        product.variants.append(variant);
        const qint64 id = catalog.addProduct(product);
        catalog.setStock(catalog.product(id)->variants.first().id, location, 3, 3);
        for (int m = 0; m < images; ++m)
            reader.addImage(id, {imageHost.toString() + u"/_sandbox/images/%1-%2.png"_s.arg(id).arg(m), {}});
        ids.append(id);
    }
    return location;
}

Result publishAt(int limit, int products, int images, double initialPerSecond)
{
    sandbox::etsy::EtsySandboxOptions options;
    options.perSecondLimit = limit;
    EtsySandbox sandbox(options);
    if (!sandbox.listen())
        qFatal("the Etsy sandbox cannot listen");

    QTemporaryDir dir;
    Workspace workspace(dir.filePath(u"bench.sqlite"_s));
    workspace.open();
    QList<qint64> ids;
    seed(workspace, products, images, sandbox.url(), ids);

    const DbHandle handle = workspace.openHandle();
    ConnectionStore connections(handle.db());
    Connection pending;
    pending.provider = u"etsy"_s;
    const qint64 connectionId = connections.completeAuthorization(
        connections.beginAuthorization(pending), QString::number(options.shopId), options.shopName,
        u"etsy.com"_s, {u"listings_w"_s});

    EtsyProvider::Endpoints endpoints;
    endpoints.api = sandbox.url();
    endpoints.token = sandbox.tokenUrl();
    const EtsyProvider provider(endpoints);
    std::atomic_bool stop{false};
    ChannelAccessContext context;
    context.workspace = workspace;
    context.connectionId = connectionId;
    context.externalShopId = QString::number(options.shopId);
    context.tokens = std::make_shared<FixedToken>(sandbox.issueTokens().accessToken);
    context.appFields = {{u"keystring"_s, options.keystring},
                         {u"shared_secret"_s, options.sharedSecret}};
    // What the app starts with before Etsy's headers say otherwise.
    context.budget = std::make_shared<RateBudget>(initialPerSecond, initialPerSecond);
    context.stop = &stop;

    // The channel's choices, as a merchant would pick them.
    QString error;
    const ChannelChoices choices = provider.loadChannelChoices(context, &error);
    if (!error.isEmpty())
        qFatal("loading Etsy's choices failed: %s", qPrintable(error));
    const QJsonObject settings{
        {u"who_made"_s, u"i_did"_s},
        {u"when_made"_s, u"made_to_order"_s},
        {u"taxonomy_id"_s, choices.value(u"taxonomy_id"_s).first().value},
        {u"shipping_profile_id"_s, choices.value(u"shipping_profile_id"_s).first().value},
        {u"readiness_state_id"_s, choices.value(u"readiness_state_id"_s).first().value}};
    ChannelSettingsStore(handle.db()).setSettings(connectionId, settings);

    const PublishPlan plan = PublishPlanner(provider, handle.db()).plan(connectionId, ids);
    auto dispatcher = std::make_shared<PublishDispatcher>();
    dispatcher->setPublisher(connectionId, provider.createPublishHandler(context));
    Executor::Options executorOptions;
    executorOptions.workers = 4;
    executorOptions.claimBatch = 1;
    Executor executor(workspace, executorOptions);
    for (const QString &operation : PublishRuns::operations())
        executor.setHandler(operation, dispatcher);

    sandbox.resetCounters();
    QElapsedTimer clock;
    clock.start();
    const qint64 runId = PublishRuns(handle.db()).start(plan, u"bench"_s);
    executor.start();
    RunStore runs(handle.db());
    Result result;
    result.finished = QTest::qWaitFor([&] { return runs.get(runId).isFinished(); },
                                      products * (3 + images) * 1000 / limit + 120000);
    result.elapsedMs = clock.elapsed();
    executor.stop();

    result.limit = limit;
    result.products = products;
    const auto counters = sandbox.counters();
    result.requests = counters.requests - counters.throttled;
    result.throttled = counters.throttled;
    for (const ChannelState &state : ChannelMappings(handle.db()).states(connectionId, ids))
        result.synced += state.state == ChannelState::State::Synced ? 1 : 0;
    result.listings = sandbox.listings().size();
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"storeloom.*.debug=false\nstoreloom.*.info=false"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Publishes products to the Etsy sandbox at Etsy's rate limits."_s);
    parser.addHelpOption();
    const QCommandLineOption productsOption(u"products"_s, u"Products to publish (300)."_s, u"n"_s, u"300"_s);
    const QCommandLineOption imagesOption(u"images"_s, u"Images per product (0)."_s, u"n"_s, u"0"_s);
    const QCommandLineOption limitsOption(u"limits"_s, u"Requests per second to test (10,50)."_s,
                                          u"list"_s, u"10,50"_s);
    parser.addOptions({productsOption, imagesOption, limitsOption});
    parser.process(app);
    const int products = parser.value(productsOption).toInt();
    const int images = parser.value(imagesOption).toInt();

    std::printf("%-8s %9s %9s %6s %9s %10s %8s %8s %8s\n", "limit/s", "products", "requests",
                "429s", "seconds", "achieved/s", "ratio", "synced", "listings");
    bool allGood = true;
    QList<std::pair<int, double>> scenarios;
    for (const QString &text : parser.value(limitsOption).split(u','))
        scenarios.append({text.toInt(), 10.0});
    scenarios.append({scenarios.first().first, scenarios.first().first * 10.0});
    for (const auto &[limit, initialPerSecond] : scenarios) {
        const Result r = publishAt(limit, products, images, initialPerSecond);
        const double seconds = r.elapsedMs / 1000.0;
        const double achieved = r.requests / seconds;
        const double ratio = achieved / r.limit;
        std::printf("%-8d %9lld %9lld %6lld %9.1f %10.2f %8.3f %8lld %8lld%s\n", r.limit,
                    r.products, r.requests, r.throttled, seconds, achieved, ratio, r.synced,
                    r.listings,
                    !r.finished ? "  (did not finish)"
                    : initialPerSecond > limit ? "  (budget started 10x too high)" : "");
        allGood = allGood && r.finished && r.synced == r.products && r.listings == r.products;
    }
    std::printf("%s\n", allGood ? "every product synced, one listing each"
                                : "LOST OR DUPLICATED WORK: see the table");
    return allGood ? 0 : 1;
}
