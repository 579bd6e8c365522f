#pragma once

#include "shopifycatalog.h"

#include <QRandomGenerator>

namespace storeloom::sandbox::shopify {

// A believable shop from a seed: the same options give the same products,
// ids, prices and stock on every machine.
class CatalogGenerator
{
public:
    explicit CatalogGenerator(const ShopifyCatalog::GenerateOptions &options);

    CatalogData generate();
    // Locations and the shop alone (the JSONL loader adds what it reads).
    void generateShopAndLocations(CatalogData *data);
    // Stock for a variant at every location of `data`.
    void generateStock(const CatalogData &data, VariantRecord *variant);

    // Id ranges like Shopify's (beyond 32 bits, so clients must not truncate).
    static constexpr qint64 ProductBase = 8'000'000'000;
    static constexpr qint64 VariantBase = 40'000'000'000;
    static constexpr qint64 InventoryItemBase = 45'000'000'000;
    static constexpr qint64 MediaBase = 30'000'000'000;
    static constexpr qint64 LocationBase = 70'000'000'000;
    static constexpr qint64 CollectionBase = 400'000'000'000;

private:
    ProductRecord makeProduct(CatalogData *data, int index);
    void makeVariants(CatalogData *data, ProductRecord *product, int productIndex);
    void makeCollections(CatalogData *data);
    int pick(int bound) { return int(m_random.bounded(bound)); }
    bool chance(int percent) { return pick(100) < percent; }

    ShopifyCatalog::GenerateOptions m_options;
    QRandomGenerator m_random;
    qint64 m_nextVariant = VariantBase + 1;
    qint64 m_nextInventoryItem = InventoryItemBase + 1;
    qint64 m_nextMedia = MediaBase + 1;
    QHash<QString, int> m_handles;
};

} // namespace storeloom::sandbox::shopify
