#pragma once

#include "importedcatalog.h"

#include <QHash>
#include <QJsonObject>

namespace storeloom::shopify {

// Stock levels from a BulkInventory export, held until the products they
// belong to stream by: one compact entry per variant, keyed by the number in
// its GID (location ids are shared strings), so 100,000 products × 3
// variants × 3 locations stay in tens of megabytes. The export is grouped:
// an item's levels follow it, so only the current item is remembered.
class StockMap
{
public:
    // One JSONL line: an InventoryItem (with its variant) or one of its levels.
    // False when the line is neither (`problem` says why).
    bool addLine(const QJsonObject &line, QString *problem);
    // The variant's levels (kept: a product export that runs again asks again).
    QList<ImportedStock> levelsOf(const QString &variantExternalId) const;
    qsizetype variantCount() const { return m_byVariant.size(); }
    void clear();

private:
    QString intern(const QString &locationId);

    static qint64 numberOf(const QString &gid);

    QString m_item;        // the inventory item whose levels are streaming by
    qint64 m_variant = 0;  // its variant, 0 if it has none
    QHash<qint64, QList<ImportedStock>> m_byVariant;
    QHash<QString, QString> m_locations;
};

} // namespace storeloom::shopify
