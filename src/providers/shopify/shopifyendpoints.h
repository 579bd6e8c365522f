#pragma once

#include <QString>
#include <QUrl>

namespace storeloom {

// Where a shop's Admin API lives and which version Storeloom speaks to it.
// Every address is on the shop's own domain (https://<shop>.myshopify.com);
// STORELOOM_SHOPIFY_ADMIN_URL points them all elsewhere (a sandbox), and
// STORELOOM_SHOPIFY_API_VERSION picks another pinned version.
class ShopifyEndpoints
{
public:
    static constexpr const char *kDefaultApiVersion = "2026-07";

    explicit ShopifyEndpoints(QString shopDomain);

    QString shopDomain() const { return m_shopDomain; }
    QString apiVersion() const { return m_apiVersion; }
    void setApiVersion(const QString &version) { m_apiVersion = version; }

    QUrl authorizeUrl() const;
    QUrl tokenUrl() const;
    QUrl graphqlUrl() const;

private:
    QUrl at(const QString &path) const;

    QString m_shopDomain;
    QUrl m_origin;
    QString m_apiVersion;
};

} // namespace storeloom
