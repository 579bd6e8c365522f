#include "shopifyprovider.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

namespace storeloom {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ShopifyProvider", text);
}
} // namespace

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
    return {
        {QStringLiteral("shop_domain"), tr("Shop domain"),
         QStringLiteral("your-shop.myshopify.com"), false,
         [](const QString &value) {
             return normalizedShopDomain(value).isEmpty()
                        ? tr("Enter the shop's myshopify.com domain, for example "
                             "your-shop.myshopify.com.")
                        : QString();
         }},
        {QStringLiteral("client_id"), tr("App client ID"), QString(), false, notBlankInside},
        {QStringLiteral("client_secret"), tr("App client secret"), QString(), true, notBlankInside},
    };
}

} // namespace storeloom
