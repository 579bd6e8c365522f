#include "shopifyendpoints.h"

namespace storeloom {

ShopifyEndpoints::ShopifyEndpoints(QString shopDomain)
    : m_shopDomain(std::move(shopDomain)),
      m_apiVersion(qEnvironmentVariable("STORELOOM_SHOPIFY_API_VERSION",
                                        QString::fromLatin1(kDefaultApiVersion)))
{
    const QString override = qEnvironmentVariable("STORELOOM_SHOPIFY_ADMIN_URL");
    m_origin = override.isEmpty() ? QUrl(QStringLiteral("https://") + m_shopDomain)
                                  : QUrl(override);
}

QUrl ShopifyEndpoints::at(const QString &path) const
{
    QUrl url = m_origin;
    url.setPath(path);
    return url;
}

QUrl ShopifyEndpoints::authorizeUrl() const
{
    return at(QStringLiteral("/admin/oauth/authorize"));
}

QUrl ShopifyEndpoints::tokenUrl() const
{
    return at(QStringLiteral("/admin/oauth/access_token"));
}

QUrl ShopifyEndpoints::graphqlUrl() const
{
    return at(QStringLiteral("/admin/api/%1/graphql.json").arg(m_apiVersion));
}

} // namespace storeloom
