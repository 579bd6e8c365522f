#include "stockmap.h"

#include "shopifynormalizer.h"

namespace storeloom::shopify {

bool StockMap::addLine(const QJsonObject &line, QString *problem)
{
    const QString parent = line.value(QLatin1String("__parentId")).toString();
    if (parent.isEmpty()) {
        const QString item = line.value(QLatin1String("id")).toString();
        const QString variant =
            line.value(QLatin1String("variant")).toObject().value(QLatin1String("id")).toString();
        if (item.isEmpty()) {
            *problem = QStringLiteral("an inventory item without an id");
            return false;
        }
        if (!variant.isEmpty()) // items of deleted variants have none
            m_variantOfItem.insert(item, variant);
        return true;
    }
    auto stock = normalizeLevel(line);
    if (!stock) {
        *problem = QStringLiteral("an inventory level without a location");
        return false;
    }
    const auto variant = m_variantOfItem.constFind(parent);
    if (variant == m_variantOfItem.cend())
        return true; // a level of an item without a variant: nothing to attach it to
    stock->locationExternalId = intern(stock->locationExternalId);
    m_byVariant[*variant].append(*stock);
    return true;
}

QList<ImportedStock> StockMap::levelsOf(const QString &variantExternalId) const
{
    return m_byVariant.value(variantExternalId);
}

void StockMap::clear()
{
    m_variantOfItem.clear();
    m_byVariant.clear();
    m_locations.clear();
}

QString StockMap::intern(const QString &locationId)
{
    auto it = m_locations.constFind(locationId);
    if (it == m_locations.cend())
        it = m_locations.insert(locationId, locationId);
    return *it;
}

} // namespace storeloom::shopify
