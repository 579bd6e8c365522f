#include "etsyprovider.h"

#include "http/networkjob.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>

namespace storeloom {

// Etsy's published defaults per app: 10 requests a second and 10,000 a
// rolling day (both unverified; x-limit-per-second and x-limit-per-day say
// what a shop really has, and EtsyClient feeds them to the budget). Etsy
// counts a sliding second, so requests are spaced evenly — a bucket of one —
// rather than sent ten at once after a quiet second. EtsyClient takes a unit
// for every request it sends, so the Executor's gate takes none per item.
RatePolicy EtsyProvider::ratePolicy() const
{
    RatePolicy policy;
    policy.tiers = {{QStringLiteral("Default"), 1, 10}};
    policy.requestsPerDay = 10000;
    policy.metering = RatePolicy::Metering::PerRequest;
    return policy;
}

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EtsyProvider", text);
}

QUrl urlFromEnvironment(const char *name, const QUrl &fallback)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? fallback : QUrl(value);
}

// GET an Etsy API path with the app key and the merchant's token; `done`
// gets the JSON object, or an error for the merchant.
void getJson(QNetworkAccessManager *network, const QUrl &url, const OAuthTokens &tokens,
             const QByteArray &apiKey,
             std::function<void(const QJsonObject &, const QString &)> done)
{
    NetworkRequest request;
    request.url = url;
    request.headers = {{"x-api-key", apiKey},
                       {"Authorization", "Bearer " + tokens.accessToken.toUtf8()}};
    request.operation = QStringLiteral("identify");
    NetworkJob::send(*network, std::move(request), network, [done](const NetworkAnswer &answer) {
        const QJsonDocument json = QJsonDocument::fromJson(answer.body);
        if (!answer.ok() || !json.isObject()) {
            const QString why = json.object().value(QStringLiteral("error")).toString();
            done({}, tr("Etsy did not say which shop this is (HTTP %1%2).")
                         .arg(answer.status)
                         .arg(why.isEmpty() ? QString() : QStringLiteral(": ") + why));
            return;
        }
        done(json.object(), {});
    });
}

} // namespace

EtsyProvider::Endpoints EtsyProvider::Endpoints::fromEnvironment()
{
    Endpoints endpoints;
    endpoints.authorize = urlFromEnvironment("STORELOOM_ETSY_AUTHORIZE_URL", endpoints.authorize);
    endpoints.token = urlFromEnvironment("STORELOOM_ETSY_TOKEN_URL", endpoints.token);
    endpoints.api = urlFromEnvironment("STORELOOM_ETSY_API_URL", endpoints.api);
    return endpoints;
}

QList<ConnectField> EtsyProvider::connectFields() const
{
    const auto alphanumeric = [](const QString &value) {
        static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9]+$"));
        return pattern.match(value).hasMatch()
                   ? QString()
                   : tr("Copy it from your app on etsy.com/developers: letters and digits only.");
    };
    return {
        {QStringLiteral("keystring"), tr("App keystring"), QString(), false, alphanumeric, {}},
        {QStringLiteral("shared_secret"), tr("App shared secret"), QString(), true, alphanumeric, {}},
    };
}

OAuthSettings EtsyProvider::oauthSettings(const Fields &fields) const
{
    OAuthSettings settings;
    settings.authorizationUrl = m_endpoints.authorize;
    settings.tokenUrl = m_endpoints.token;
    settings.clientId = fields.value(QStringLiteral("keystring"));
    settings.scopes = {QStringLiteral("listings_r"), QStringLiteral("listings_w"),
                       QStringLiteral("shops_r")};
    return settings;
}

void EtsyProvider::identifyShop(const OAuthTokens &tokens, const Fields &fields,
                                QNetworkAccessManager *network, Identified done) const
{
    const QByteArray apiKey = (fields.value(QStringLiteral("keystring")) + QLatin1Char(':') +
                               fields.value(QStringLiteral("shared_secret")))
                                  .toUtf8();
    const QUrl api = m_endpoints.api;
    getJson(network, api.resolved(QUrl(QStringLiteral("/v3/application/users/me"))), tokens, apiKey,
            [=](const QJsonObject &me, const QString &error) {
                const qint64 shopId = me.value(QStringLiteral("shop_id")).toInteger();
                if (!error.isEmpty() || shopId <= 0) {
                    done({}, error.isEmpty() ? tr("This Etsy account has no shop yet.") : error);
                    return;
                }
                getJson(network,
                        api.resolved(QUrl(QStringLiteral("/v3/application/shops/%1").arg(shopId))),
                        tokens, apiKey, [=](const QJsonObject &shop, const QString &shopError) {
                            if (!shopError.isEmpty()) {
                                done({}, shopError);
                                return;
                            }
                            done({QString::number(shopId),
                                  shop.value(QStringLiteral("shop_name")).toString(),
                                  QUrl(shop.value(QStringLiteral("url")).toString()).host() +
                                      QUrl(shop.value(QStringLiteral("url")).toString()).path()},
                                 {});
                        });
            });
}

} // namespace storeloom
