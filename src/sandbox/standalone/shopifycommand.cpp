// `storeloom-sandbox shopify`: the Shopify sandbox as a process.
#include "shopify/shopifysandbox.h"
#include "standalone.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace storeloom::sandbox::shopify;
using namespace Qt::StringLiterals;

namespace storeloom::sandbox {

namespace {

std::optional<ShopifyPlan> planNamed(const QString &name)
{
    if (name == u"standard"_s)
        return ShopifyPlan::Standard;
    if (name == u"advanced"_s)
        return ShopifyPlan::Advanced;
    if (name == u"plus"_s)
        return ShopifyPlan::Plus;
    if (name == u"enterprise"_s)
        return ShopifyPlan::Enterprise;
    return std::nullopt;
}

} // namespace

int runShopify(QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"A local platform API for tests and benchmarks."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"platform"_s, u"The platform to serve: shopify."_s);
    const QCommandLineOption products(u"products"_s, u"Products to generate (default 100)."_s, u"N"_s, u"100"_s);
    const QCommandLineOption seed(u"seed"_s, u"Catalog seed (default 1)."_s, u"S"_s, u"1"_s);
    const QCommandLineOption variants(u"variants"_s, u"Variants per product (default 3)."_s, u"V"_s, u"3"_s);
    const QCommandLineOption locations(u"locations"_s, u"Locations (default 3)."_s, u"L"_s, u"3"_s);
    const QCommandLineOption plan(u"plan"_s, u"standard, advanced, plus or enterprise."_s, u"PLAN"_s,
                                  u"standard"_s);
    const QCommandLineOption port(u"port"_s, u"Port on 127.0.0.1 (default: a free one)."_s, u"P"_s, u"0"_s);
    const QCommandLineOption load(u"load"_s, u"Load the catalog from bulk-output JSONL (repeatable)."_s,
                                  u"FILE"_s);
    const QCommandLineOption clientId(u"client-id"_s, u"The app's client id."_s, u"ID"_s);
    const QCommandLineOption clientSecret(u"client-secret"_s, u"The app's client secret."_s, u"SECRET"_s);
    const QCommandLineOption clientCredentials(u"client-credentials"_s,
                                               u"Allow the client credentials grant."_s);
    const QCommandLineOption token(u"access-token"_s, u"A non-expiring access token to accept."_s, u"TOKEN"_s);
    const QCommandLineOption tokenLifetime(u"token-lifetime"_s, u"Expiring access tokens' lifetime (s)."_s,
                                           u"SECONDS"_s, u"3600"_s);
    const QCommandLineOption shopDomain(u"shop-domain"_s, u"The shop's myshopify domain."_s, u"DOMAIN"_s);
    const QCommandLineOption versions(u"api-versions"_s, u"Comma-separated API versions served."_s, u"LIST"_s);
    const QCommandLineOption bulkRate(u"bulk-rate"_s, u"Bulk export objects per second (0: unpaced)."_s, u"N"_s,
                                      u"0"_s);
    const QCommandLineOption fault(
        u"fault"_s,
        u"A fault (repeatable): throttle|status=5xx|slow=MS|reset|malformed[:next=N][:every=K][:target=graphql|bulk], "
        "or bulk-fail, bulk-expire, bulk-running=MS."_s,
        u"SPEC"_s);
    parser.addOptions({products, seed, variants, locations, plan, port, load, clientId, clientSecret,
                       clientCredentials, token, tokenLifetime, shopDomain, versions, bulkRate, fault});
    parser.process(app);
    if (parser.positionalArguments() != QStringList{u"shopify"_s})
        return fail(u"storeloom-sandbox shopify [options] (see --help)"_s);

    ShopifySandboxSettings settings;
    bool ok = true;
    auto number = [&](const QCommandLineOption &option) {
        bool valid = false;
        const qint64 value = parser.value(option).toLongLong(&valid);
        ok = ok && valid && value >= 0;
        return value;
    };
    settings.catalog.products = int(number(products));
    settings.catalog.seed = quint64(number(seed));
    settings.catalog.variantsPerProduct = int(number(variants));
    settings.catalog.locations = int(number(locations));
    settings.auth.accessTokenLifetimeSecs = int(number(tokenLifetime));
    settings.bulkObjectsPerSecond = int(number(bulkRate));
    const auto listenPort = number(port);
    if (!ok || listenPort > 65535)
        return fail(u"numbers must be whole and not negative"_s);
    const auto chosenPlan = planNamed(parser.value(plan));
    if (!chosenPlan)
        return fail(u"--plan must be standard, advanced, plus or enterprise"_s);
    settings.plan = *chosenPlan;
    settings.loadFiles = parser.values(load);
    if (parser.isSet(clientId))
        settings.auth.clientId = parser.value(clientId);
    if (parser.isSet(clientSecret))
        settings.auth.clientSecret = parser.value(clientSecret);
    settings.auth.clientCredentialsAllowed = parser.isSet(clientCredentials);
    if (parser.isSet(shopDomain))
        settings.auth.shopDomain = parser.value(shopDomain);
    if (parser.isSet(versions))
        settings.apiVersions = parser.value(versions).split(u',', Qt::SkipEmptyParts);

    std::vector<FaultRule> rules;
    int bulkFailures = 0;
    int bulkExpiries = 0;
    int runningFor = -1;
    for (const QString &spec : parser.values(fault)) {
        if (spec == u"bulk-fail"_s) {
            ++bulkFailures;
        } else if (spec == u"bulk-expire"_s) {
            ++bulkExpiries;
        } else if (spec.startsWith(u"bulk-running"_s)) {
            runningFor = spec.contains(u'=') ? spec.section(u'=', 1).toInt() : 2000;
        } else {
            QString error;
            const auto rule = FaultRule::parse(spec, &error);
            if (!rule)
                return fail(error);
            rules.push_back(*rule);
        }
    }

    ShopifySandbox sandbox(settings);
    if (!sandbox.isValid())
        return fail(sandbox.loadError());
    for (const FaultRule &rule : rules)
        sandbox.addFault(rule);
    for (int i = 0; i < bulkFailures; ++i)
        sandbox.failNextBulkOperation();
    for (int i = 0; i < bulkExpiries; ++i)
        sandbox.expireNextBulkOperation();
    if (runningFor >= 0)
        sandbox.startRunningBulkOperation(runningFor);
    const QString accessToken = sandbox.issueAccessToken(ShopifySandbox::allScopes(), 0, parser.value(token));
    quitOnSignals(&app);
    if (!sandbox.listen(quint16(listenPort)))
        return fail(u"cannot listen on 127.0.0.1:%1"_s.arg(listenPort));

    const QJsonObject ready{
        {u"platform"_s, u"shopify"_s},
        {u"url"_s, sandbox.url().toString()},
        {u"graphqlUrl"_s, sandbox.graphqlUrl(settings.apiVersions.value(2, settings.apiVersions.value(0))).toString()},
        {u"accessToken"_s, accessToken},
        {u"shopDomain"_s, sandbox.shopDomain()},
        {u"clientId"_s, settings.auth.clientId},
        {u"apiVersions"_s, QJsonArray::fromStringList(settings.apiVersions)},
        {u"products"_s, sandbox.catalog().productCount()},
        {u"pid"_s, qint64(QCoreApplication::applicationPid())}};
    printReady(ready);
    return app.exec();
}

} // namespace storeloom::sandbox
