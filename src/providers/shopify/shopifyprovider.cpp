#include "shopifyprovider.h"

#include "graphqlcall.h"
#include "shopifycallback.h"
#include "shopifydocuments.h"
#include "shopifyendpoints.h"
#include "accesstokensource.h"
#include "shopifycatalogsource.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QUrl>

namespace storeloom {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ShopifyProvider", text);
}

const QString kShopDomain = QStringLiteral("shop_domain");
const QString kClientId = QStringLiteral("client_id");
const QString kClientSecret = QStringLiteral("client_secret");
const QString kSignIn = QStringLiteral("sign_in");
const QString kClientCredentials = QStringLiteral("client-credentials");
constexpr int kIdentifyTimeoutMs = 30000;

} // namespace

QStringList ShopifyProvider::scopes()
{
    return {QStringLiteral("read_products"), QStringLiteral("write_products"),
            QStringLiteral("read_inventory"), QStringLiteral("write_inventory"),
            QStringLiteral("read_locations")};
}

std::unique_ptr<CatalogSource>
ShopifyProvider::createCatalogSource(const CatalogSourceContext &context) const
{
    const std::shared_ptr<AccessTokenSource> tokens = context.tokens;
    return std::make_unique<shopify::ShopifyCatalogSource>(
        ShopifyEndpoints(context.domain).graphqlUrl(),
        [tokens] { return tokens->accessToken(); },
        [tokens](const QString &rejected) { return tokens->renewAfterRejection(rejected); },
        context.budget ? context.budget : ratePolicy().createBudget(), context.options);
}

// The Admin GraphQL API's calculated query cost, per app and shop: points
// restored per second by plan (Standard 100, Advanced 200, Plus 1000,
// Enterprise 2000). Bucket sizes per plan are unverified; the published one
// is 1000 points, also the most a single query may cost, so every plan
// starts there. The plan is not known before the first reply, whose
// throttleStatus (maximumAvailable, restoreRate) AdminClient puts in the
// budget; until then the smallest plan is assumed. AdminClient takes each
// query's cost before sending it, so the Executor's gate takes none per item.
RatePolicy ShopifyProvider::ratePolicy() const
{
    RatePolicy policy;
    policy.tiers = {
        {QStringLiteral("Standard"), 1000, 100},
        {QStringLiteral("Advanced"), 1000, 200},
        {QStringLiteral("Plus"), 1000, 1000},
        {QStringLiteral("Enterprise"), 1000, 2000},
    };
    policy.metering = RatePolicy::Metering::PerRequest;
    return policy;
}

QString ShopifyProvider::apiVersion() const
{
    return ShopifyEndpoints(QString()).apiVersion();
}

QString ShopifyProvider::normalizedShopDomain(const QString &domain)
{
    // Shop handles: letters, digits and hyphens, not starting with a hyphen.
    static const QRegularExpression pattern(
        QStringLiteral("^[a-z0-9][a-z0-9-]{0,59}\\.myshopify\\.com$"));
    QString host = domain.trimmed().toLower();
    if (host.contains(QLatin1String("://")))
        host = QUrl(host).host();
    if (host.endsWith(QLatin1Char('/')))
        host.chop(1);
    return pattern.match(host).hasMatch() ? host : QString();
}

QList<ConnectField> ShopifyProvider::connectFields() const
{
    const auto notBlankInside = [](const QString &value) {
        return value.contains(QLatin1Char(' ')) ? tr("It must not contain spaces.") : QString();
    };
    ConnectField signIn{kSignIn, tr("Sign in"), QString(), false, {}, {}};
    signIn.choices = {
        {QStringLiteral("browser"), tr("Approve the app in the browser")},
        {kClientCredentials, tr("App owned by my organization (client credentials)")},
    };
    return {
        {kShopDomain, tr("Shop domain"), QStringLiteral("your-shop.myshopify.com"), false,
         [](const QString &value) {
             return normalizedShopDomain(value).isEmpty()
                        ? tr("Enter the shop's myshopify.com domain, for example "
                             "your-shop.myshopify.com.")
                        : QString();
         },
         {}},
        {kClientId, tr("App client ID"), QString(), false, notBlankInside, {}},
        {kClientSecret, tr("App client secret"), QString(), true, notBlankInside, {}},
        signIn,
    };
}

OAuthSettings ShopifyProvider::oauthSettings(const Fields &fields) const
{
    const QString shop = normalizedShopDomain(fields.value(kShopDomain));
    const ShopifyEndpoints endpoints(shop);
    OAuthSettings settings;
    settings.grant = fields.value(kSignIn) == kClientCredentials
                         ? OAuthSettings::Grant::ClientCredentials
                         : OAuthSettings::Grant::AuthorizationCode;
    settings.authorizationUrl = endpoints.authorizeUrl();
    settings.tokenUrl = endpoints.tokenUrl();
    settings.clientId = fields.value(kClientId);
    settings.clientSecret = fields.value(kClientSecret);
    settings.scopes = scopes();
    settings.scopeSeparator = QStringLiteral(",");
    // An offline token that expires after an hour and comes with a refresh token.
    settings.extraTokenParameters.insert(QStringLiteral("expiring"), QStringLiteral("1"));
    const QByteArray secret = settings.clientSecret.toUtf8();
    settings.verifyRedirect = [secret, shop](const QUrl &redirect) {
        return shopify::callbackRefusal(redirect, secret, shop);
    };
    return settings;
}

void ShopifyProvider::identifyShop(const OAuthTokens &tokens, const Fields &fields,
                                   QNetworkAccessManager *network, Identified done) const
{
    const ShopifyEndpoints endpoints(normalizedShopDomain(fields.value(kShopDomain)));
    shopify::postGraphql(
        network, endpoints.graphqlUrl(), tokens.accessToken, shopify::document(QStringLiteral("ShopInfo")),
        {}, kIdentifyTimeoutMs, network, [done](const shopify::GraphqlReply &reply) {
            const QJsonObject shop = reply.data.value(QLatin1String("shop")).toObject();
            const QString domain = shop.value(QLatin1String("myshopifyDomain")).toString();
            if (!reply.ok() || domain.isEmpty()) {
                done({}, reply.ok() ? tr("Shopify did not say which shop this is.")
                                    : reply.message);
                return;
            }
            // The myshopify.com domain never changes: it names the shop for good.
            done({domain, shop.value(QLatin1String("name")).toString(), domain}, {});
        });
}

} // namespace storeloom
