#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace storeloom::sandbox::etsy {

struct ShopSettings
{
    qint64 userId = 4242;
    qint64 shopId = 90210;
    QString shopName = QStringLiteral("SandboxCrafts");
    QString currency = QStringLiteral("USD");
};

// The seller's shop and the fixed things listings refer to: two shipping
// profiles, two processing profiles (readiness states) and a small seller
// taxonomy tree.
class EtsyShop
{
public:
    explicit EtsyShop(ShopSettings settings) : m_settings(std::move(settings)) {}

    const ShopSettings &settings() const { return m_settings; }

    QJsonObject shop(int activeListings) const;
    QJsonArray shippingProfiles() const;
    QJsonArray readinessStates() const;
    QJsonArray taxonomyTree() const; // the top-level nodes, children nested

    bool hasShippingProfile(qint64 id) const;
    std::optional<QJsonObject> readinessState(qint64 id) const;
    bool hasTaxonomyNode(qint64 id) const;

    qint64 firstShippingProfileId() const;
    qint64 firstReadinessStateId() const;
    static qint64 anyTaxonomyId(int index); // a leaf, for generated listings

private:
    ShopSettings m_settings;
};

} // namespace storeloom::sandbox::etsy
