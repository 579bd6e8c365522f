#include "cataloggenerator.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;

namespace {

const QStringList kAdjectives = {u"Handwoven"_s, u"Classic"_s, u"Everyday"_s, u"Rustic"_s,
                                 u"Soft"_s,      u"Sturdy"_s,  u"Minimal"_s,  u"Vintage"_s,
                                 u"Cosy"_s,      u"Bright"_s,  u"Field"_s,    u"Coastal"_s};
const QStringList kMaterials = {u"Linen"_s, u"Wool"_s,   u"Cotton"_s, u"Oak"_s,  u"Stoneware"_s,
                                u"Leather"_s, u"Canvas"_s, u"Walnut"_s, u"Brass"_s, u"Hemp"_s};
const QStringList kNouns = {u"Tote"_s,   u"Scarf"_s,  u"Mug"_s,     u"Blanket"_s, u"Apron"_s,
                            u"Bowl"_s,   u"Cushion"_s, u"Notebook"_s, u"Basket"_s, u"Throw"_s,
                            u"Candle"_s, u"Tray"_s,   u"Beanie"_s,  u"Wallet"_s};
const QStringList kVendors = {u"Linen Loom"_s,   u"North Mill"_s,   u"Fernwood"_s,
                              u"Harbour & Co"_s, u"Kiln Street"_s,  u"Oak & Ash"_s,
                              u"Woolgather"_s,   u"Tidewater"_s,    u"Brightfield"_s,
                              u"Mossy Stone"_s,  u"Copper Lane"_s,  u"Little Weaver"_s};
const QStringList kTypes = {u"Bags"_s,    u"Accessories"_s, u"Kitchen"_s, u"Home"_s,
                            u"Textiles"_s, u"Stationery"_s, u"Decor"_s,   u"Apparel"_s};
const QStringList kTags = {u"bestseller"_s, u"new"_s,      u"gift"_s,     u"eco"_s,
                           u"handmade"_s,   u"sale"_s,     u"summer"_s,   u"winter"_s,
                           u"limited"_s,    u"organic"_s,  u"vegan"_s,    u"local"_s,
                           u"classic"_s,    u"kids"_s,     u"outdoor"_s,  u"kitchen"_s,
                           u"bundle"_s,     u"restock"_s,  u"premium"_s,  u"clearance"_s};
const QStringList kSizes = {u"XS"_s, u"S"_s, u"M"_s, u"L"_s, u"XL"_s, u"XXL"_s};
const QStringList kColors = {u"Natural"_s, u"Charcoal"_s, u"Indigo"_s, u"Rust"_s, u"Sage"_s,
                             u"Oat"_s,     u"Navy"_s,     u"Clay"_s,   u"Moss"_s, u"Sand"_s};
const QStringList kThemes = {u"Summer Edit"_s, u"Kitchen Favourites"_s, u"Gifts Under 50"_s,
                             u"New Arrivals"_s, u"Winter Warmers"_s, u"The Linen Shop"_s,
                             u"Studio Picks"_s, u"Last Chance"_s};

template<typename List>
const auto &pickFrom(const List &list, QRandomGenerator &random)
{
    return list.at(qsizetype(random.bounded(int(list.size()))));
}

// EAN-13 check digit over the first twelve digits.
QString ean13(qint64 twelveDigits)
{
    QString digits = QString::number(twelveDigits).rightJustified(12, u'0');
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += digits.at(i).digitValue() * (i % 2 ? 3 : 1);
    return digits + QString::number((10 - sum % 10) % 10);
}

QRandomGenerator seeded(quint64 seed)
{
    const quint32 words[2] = {quint32(seed), quint32(seed >> 32)};
    return QRandomGenerator(words, 2);
}

} // namespace

CatalogGenerator::CatalogGenerator(const ShopifyCatalog::GenerateOptions &options)
    : m_options(options), m_random(seeded(options.seed))
{
}

CatalogData CatalogGenerator::generate()
{
    CatalogData data;
    generateShopAndLocations(&data);
    data.products.reserve(size_t(std::max(0, m_options.products)));
    for (int i = 0; i < m_options.products; ++i)
        data.products.push_back(makeProduct(&data, i));
    makeCollections(&data);
    data.reindex();
    return data;
}

void CatalogGenerator::generateShopAndLocations(CatalogData *data)
{
    data->shop = {1, m_options.shopName, m_options.shopDomain, m_options.currency};
    const QStringList names = {u"Main Warehouse"_s, u"High Street Shop"_s, u"Pop-up Market"_s,
                               u"Outlet Store"_s, u"Partner Depot"_s};
    for (int i = 0; i < m_options.locations; ++i) {
        const QString name = i < names.size() ? names.at(i) : u"Location %1"_s.arg(i + 1);
        data->locations.push_back({LocationBase + 1 + i, name, true});
    }
}

void CatalogGenerator::generateStock(const CatalogData &data, VariantRecord *variant)
{
    variant->stock.clear();
    for (size_t i = 0; i < data.locations.size(); ++i) {
        const int onHand = chance(10) ? 0 : pick(121);
        const int committed = std::min(onHand, pick(4));
        variant->stock.push_back({onHand - committed, onHand});
    }
}

ProductRecord CatalogGenerator::makeProduct(CatalogData *data, int index)
{
    ProductRecord product;
    product.id = ProductBase + 1 + index;
    const QString adjective = pickFrom(kAdjectives, m_random);
    const QString material = pickFrom(kMaterials, m_random);
    const QString noun = pickFrom(kNouns, m_random);
    product.title = adjective + u' ' + material + u' ' + noun;
    QString handle = handleize(product.title);
    const int seen = m_handles.value(handle);
    m_handles.insert(handle, seen + 1);
    if (seen > 0)
        handle += u'-' + QString::number(seen);
    product.handle = handle;
    product.descriptionHtml = u"<p>%1 %2 made from %3. <strong>Care:</strong> %4.</p>"_s.arg(
        adjective, noun.toLower(), material.toLower(),
        chance(50) ? u"wipe clean"_s : u"wash cold, dry flat"_s);
    product.vendor = data->pool.intern(pickFrom(kVendors, m_random));
    product.productType = data->pool.intern(pickFrom(kTypes, m_random));
    const int roll = pick(100);
    product.status = roll < 85 ? ProductStatus::Active
                     : roll < 95 ? ProductStatus::Draft
                                 : ProductStatus::Archived;
    QStringList tags;
    for (int t = pick(5); t > 0; --t) {
        const QString tag = pickFrom(kTags, m_random);
        if (!tags.contains(tag))
            tags.append(tag);
    }
    tags.sort();
    for (const QString &tag : tags)
        product.tags.push_back(data->pool.intern(tag));
    // 2024-01-01T00:00:00Z, one product every 37 minutes, edited within ~300 days.
    product.createdAt = 1704067200 + qint64(index) * 37 * 60;
    product.updatedAt = product.createdAt + pick(300 * 86400);
    makeVariants(data, &product, index);
    const int mediaCount = pick(4);
    for (int m = 0; m < mediaCount; ++m) {
        const QString alt = chance(80) ? u"%1, view %2"_s.arg(product.title).arg(m + 1) : QString();
        const QString url = u"https://cdn.shopify.com/s/files/1/0000/0001/files/%1-%2.jpg"_s.arg(
            product.handle).arg(m + 1);
        product.media.push_back({m_nextMedia++, alt, url});
    }
    return product;
}

void CatalogGenerator::makeVariants(CatalogData *data, ProductRecord *product, int productIndex)
{
    const int count = std::clamp(m_options.variantsPerProduct, 1, 2048);
    // One variant: Shopify's "Title / Default Title". More: sizes, then colours,
    // then a third option, so every combination stays unique.
    QList<QStringList> optionValues;
    if (count == 1) {
        product->optionNames.push_back(data->pool.intern(u"Title"_s));
        optionValues = {{u"Default Title"_s}};
    } else {
        product->optionNames.push_back(data->pool.intern(u"Size"_s));
        optionValues.append(kSizes);
        if (count > kSizes.size()) {
            product->optionNames.push_back(data->pool.intern(u"Color"_s));
            optionValues.append(kColors);
        }
        if (count > kSizes.size() * kColors.size()) {
            product->optionNames.push_back(data->pool.intern(u"Edition"_s));
            QStringList editions;
            for (int e = 1; e <= (count + 59) / 60; ++e)
                editions.append(u"Edition %1"_s.arg(e));
            optionValues.append(editions);
        }
    }
    for (int v = 0; v < count; ++v) {
        VariantRecord variant;
        variant.id = m_nextVariant++;
        variant.inventoryItemId = m_nextInventoryItem++;
        variant.position = quint16(v + 1);
        int rest = v;
        for (qsizetype o = 0; o < optionValues.size(); ++o) {
            const QStringList &values = optionValues.at(o);
            variant.optionValues[size_t(o)] = data->pool.intern(values.at(rest % values.size()));
            rest /= int(values.size());
        }
        static const int endings[] = {0, 50, 99, 95};
        // Two draws in two statements: operand order would be unspecified.
        const qint64 units = 5 + pick(296);
        const qint64 cents = units * 100 + endings[pick(4)];
        variant.price = MoneyAmount::cents(cents);
        if (cents > 100 && chance(30))
            variant.compareAt = MoneyAmount::cents((cents * 12 / 10) / 100 * 100 + 99);
        variant.sku = u"SL-%1-%2"_s.arg(productIndex + 1, 6, 10, QChar(u'0')).arg(v + 1);
        if (chance(90))
            variant.barcode = ean13(200'000'000'000 + (variant.id - VariantBase));
        const int grams = 50 + pick(4951);
        if (chance(20)) {
            variant.weightUnit = WeightUnit::Kilograms;
            variant.weightValue = grams / 1000.0;
        } else {
            variant.weightValue = grams;
        }
        generateStock(*data, &variant);
        product->variants.push_back(std::move(variant));
    }
}

void CatalogGenerator::makeCollections(CatalogData *data)
{
    const int count = m_options.products <= 0 ? 0 : std::max(1, m_options.products / 20);
    for (int c = 0; c < count; ++c) {
        CollectionRecord collection;
        collection.id = CollectionBase + 1 + c;
        collection.title = c < kThemes.size() ? kThemes.at(c)
                                              : u"%1 %2"_s.arg(kThemes.at(c % kThemes.size())).arg(c / kThemes.size() + 1);
        collection.handle = handleize(collection.title);
        collection.updatedAt = 1704067200 + qint64(c) * 86400;
        data->collections.push_back(std::move(collection));
    }
    if (count == 0)
        return;
    for (const ProductRecord &product : data->products) {
        const int roll = pick(10);
        const int memberships = roll < 3 ? 0 : roll < 8 ? 1 : 2;
        for (int m = 0; m < memberships; ++m)
            data->collections[size_t(pick(count))].productIds.push_back(product.id);
    }
}

} // namespace storeloom::sandbox::shopify
