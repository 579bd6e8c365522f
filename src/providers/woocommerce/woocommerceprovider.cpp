#include "woocommerceprovider.h"

#include "http/networkjob.h"
#include "woorequestsigner.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QUrl>

namespace storeloom {

// WooCommerce sets no limit of its own, but the store's host often does (a
// web application firewall, a shared host's request cap) and answers a burst
// with 429 or 503 — or blocks the address. With no figure to read, a
// conservative default per connection (unverified; to be made a setting):
// bursts of 5, 2 requests a second. The adapter does not meter its requests,
// so the Executor's gate takes one unit per item.
RatePolicy WooCommerceProvider::ratePolicy() const
{
    RatePolicy policy;
    policy.tiers = {{QStringLiteral("Host default"), 5, 2}};
    policy.metering = RatePolicy::Metering::PerItem;
    return policy;
}

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("WooCommerceProvider", text);
}

// WooCommerce keys are a prefix and 40 hex digits.
std::function<QString(const QString &)> keyWithPrefix(const QString &prefix)
{
    return [prefix](const QString &value) {
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{40}$"));
        if (value.startsWith(prefix) && hex.match(value.mid(prefix.size())).hasMatch())
            return QString();
        return tr("Paste the whole key as WooCommerce shows it: it starts with %1.").arg(prefix);
    };
}
} // namespace

QList<ConnectField> WooCommerceProvider::connectFields() const
{
    return {
        {QStringLiteral("store_url"), tr("Store address"),
         QStringLiteral("https://shop.example.com"), false,
         [](const QString &value) {
             const QUrl url(value, QUrl::StrictMode);
             if (!url.isValid() || url.host().isEmpty() ||
                 (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
                 return tr("Enter the store's address, for example https://shop.example.com.");
             if (url.scheme() != QLatin1String("https") &&
                 url.host() != QLatin1String("127.0.0.1") &&
                 url.host() != QLatin1String("localhost"))
                 return tr("The store must use https: WooCommerce sends keys over plain http only "
                           "to a local test store.");
             return QString();
         },
         {}},
        {QStringLiteral("consumer_key"), tr("Consumer key"), QStringLiteral("ck_…"), false,
         keyWithPrefix(QStringLiteral("ck_")), {}},
        {QStringLiteral("consumer_secret"), tr("Consumer secret"), QStringLiteral("cs_…"), true,
         keyWithPrefix(QStringLiteral("cs_")), {}},
    };
}

QString WooCommerceProvider::externalShopId(const Fields &fields) const
{
    QUrl url(fields.value(QStringLiteral("store_url")).trimmed());
    url.setPath(url.path().endsWith(QLatin1Char('/')) ? url.path().chopped(1) : url.path());
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::NormalizePathSegments)
        .toString();
}

void WooCommerceProvider::verify(const Fields &fields, QNetworkAccessManager *network,
                                 Identified done) const
{
    const QString store = externalShopId(fields);
    NetworkRequest index;
    index.url = QUrl(store + QStringLiteral("/wp-json/"));
    index.operation = QStringLiteral("index");
    NetworkJob::send(*network, index, network, [=](const NetworkAnswer &answer) {
        const QJsonObject site = QJsonDocument::fromJson(answer.body).object();
        if (!answer.ok() || site.isEmpty()) {
            const QString why = answer.answered() ? tr("HTTP %1").arg(answer.status)
                                                  : answer.transportError;
            done({}, tr("No WooCommerce store answered at %1 (%2). Check the address.")
                         .arg(store, why));
            return;
        }
        const QNetworkRequest signedRequest =
            wooSignedGet(QUrl(store + QStringLiteral("/wp-json/wc/v3/system_status")),
                         fields.value(QStringLiteral("consumer_key")),
                         fields.value(QStringLiteral("consumer_secret")));
        NetworkRequest check;
        check.url = signedRequest.url();
        for (const QByteArray &name : signedRequest.rawHeaderList())
            check.headers.append({name, signedRequest.rawHeader(name)});
        check.operation = QStringLiteral("system_status");
        NetworkJob::send(*network, check, network, [=](const NetworkAnswer &status) {
            const QJsonObject body = QJsonDocument::fromJson(status.body).object();
            if (status.status == 200 && body.contains(QStringLiteral("environment"))) {
                const QString name = site.value(QStringLiteral("name")).toString();
                done({store, name.isEmpty() ? QUrl(store).host() : name, QUrl(store).host()}, {});
                return;
            }
            const QString why = body.value(QStringLiteral("message")).toString();
            done({}, status.status == 401 || status.status == 403
                         ? tr("The store refused these keys: %1 Check that they were made for "
                              "this store with Read/Write access.")
                               .arg(why)
                         : tr("The store could not check the keys (HTTP %1%2).")
                               .arg(status.status)
                               .arg(why.isEmpty() ? QString() : QStringLiteral(": ") + why));
        });
    });
}

} // namespace storeloom
