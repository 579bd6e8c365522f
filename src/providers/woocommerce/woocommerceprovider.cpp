#include "woocommerceprovider.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

namespace storeloom {

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
         }},
        {QStringLiteral("consumer_key"), tr("Consumer key"), QStringLiteral("ck_…"), false,
         keyWithPrefix(QStringLiteral("ck_"))},
        {QStringLiteral("consumer_secret"), tr("Consumer secret"), QStringLiteral("cs_…"), true,
         keyWithPrefix(QStringLiteral("cs_"))},
    };
}

} // namespace storeloom
