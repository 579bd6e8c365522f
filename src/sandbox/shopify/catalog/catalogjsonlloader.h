#pragma once

#include "shopifycatalog.h"

#include <QJsonObject>

namespace storeloom::sandbox::shopify {

// Reads bulk-operation JSONL back into a catalog. Lines are told apart by
// the type in their `id` GID (or, for inventory levels, which carry none, by
// their parent's); children may come before or after their parents.
class CatalogJsonlLoader
{
public:
    explicit CatalogJsonlLoader(const ShopifyCatalog::GenerateOptions &options);

    bool load(const QStringList &paths, CatalogData *data, QString *error);

private:
    struct Level
    {
        qint64 inventoryItemId = 0; // 0: attached to variantId instead
        qint64 variantId = 0;
        qint64 locationId = 0;
        StockLevel stock;
    };

    bool readFile(const QString &path, QString *error);
    void readLine(const QJsonObject &line);
    void readProduct(qint64 id, const QJsonObject &line);
    void readVariant(qint64 id, qint64 productId, const QJsonObject &line);
    void readMedia(qint64 id, qint64 productId, const QJsonObject &line);
    void readLevel(Level level, const QJsonObject &line);
    void assemble(CatalogData *data);

    ShopifyCatalog::GenerateOptions m_options;
    CatalogData m_data;
    std::vector<std::pair<qint64, VariantRecord>> m_variants;           // product id, variant
    std::vector<std::pair<qint64, QList<std::pair<QString, QString>>>> m_selected; // parallel
    std::vector<std::pair<qint64, MediaRecord>> m_media;                // product id, media
    std::vector<std::pair<qint64, qint64>> m_memberships;               // collection, product
    QHash<qint64, qint64> m_variantOfInventoryItem;
    QHash<qint64, bool> m_trackedOfInventoryItem;
    QHash<qint64, QString> m_locationNames; // from the levels' location { name }
    std::vector<Level> m_levels;
};

} // namespace storeloom::sandbox::shopify
