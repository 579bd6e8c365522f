#include "stockmap.h"

#include "shopifynormalizer.h"

namespace storeloom::shopify {

qint64 StockMap::numberOf(const QString &gid)
{
    return QStringView(gid).mid(gid.lastIndexOf(QLatin1Char('/')) + 1).toLongLong();
}

bool StockMap::addLine(const QJsonObject &line, QString *problem)
{
    const QString parent = line.value(QLatin1String("__parentId")).toString();
    if (parent.isEmpty()) {
        m_item = line.value(QLatin1String("id")).toString();
        if (m_item.isEmpty()) {
            *problem = QStringLiteral("an inventory item without an id");
            return false;
        }
        // Items of deleted variants have none.
        m_variant = numberOf(
            line.value(QLatin1String("variant")).toObject().value(QLatin1String("id")).toString());
        return true;
    }
    auto stock = normalizeLevel(line);
    if (!stock) {
        *problem = QStringLiteral("an inventory level without a location");
        return false;
    }
    if (parent != m_item) {
        *problem = QStringLiteral("a stock level arrived away from its item (the export is not "
                                  "grouped)");
        return false;
    }
    if (m_variant == 0)
        return true; // nothing to attach it to
    stock->locationExternalId = intern(stock->locationExternalId);
    m_byVariant[m_variant].append(*stock);
    return true;
}

QList<ImportedStock> StockMap::levelsOf(const QString &variantExternalId) const
{
    return m_byVariant.value(numberOf(variantExternalId));
}

void StockMap::clear()
{
    m_item.clear();
    m_variant = 0;
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
