#pragma once

#include <QHash>
#include <QString>

#include <array>
#include <vector>

namespace storeloom::sandbox::shopify {

// Low-cardinality strings (vendors, product types, tags, option names and
// values) stored once; records keep 32-bit indexes so 100k products with
// 300k variants stay compact.
class StringPool
{
public:
    static constexpr quint32 None = 0xffffffffu;

    quint32 intern(const QString &text);
    const QString &at(quint32 index) const;

private:
    std::vector<QString> m_strings;
    QHash<QString, quint32> m_index;
};

enum class ProductStatus : quint8 { Active, Draft, Archived };
enum class WeightUnit : quint8 { Grams, Kilograms, Ounces, Pounds };

QString statusName(ProductStatus status);
bool parseStatus(const QString &name, ProductStatus *status);
QString weightUnitName(WeightUnit unit);
bool parseWeightUnit(const QString &name, WeightUnit *unit);

// An exact decimal as Shopify serves it: "19.999" is {19999, 3}, never a
// double, so a loaded price prints back digit for digit.
struct MoneyAmount
{
    qint64 units = 0;
    qint8 scale = 2; // digits after the point; -1: null (no amount)

    bool isNull() const { return scale < 0; }
    static MoneyAmount null() { return {0, -1}; }
    static MoneyAmount cents(qint64 cents) { return {cents, 2}; }
};

QString formatMoney(MoneyAmount amount);
// Exact: digits, an optional sign and point; no exponent, at most 9 decimals.
bool parseMoney(const QString &text, MoneyAmount *amount);
// "Linen Tote, Blue" → "linen-tote-blue", as Shopify makes handles.
QString handleize(const QString &title);

struct StockLevel
{
    qint32 available = 0;
    qint32 onHand = 0;
};

struct VariantRecord
{
    qint64 id = 0;
    qint64 inventoryItemId = 0;
    MoneyAmount price;
    MoneyAmount compareAt = MoneyAmount::null();
    double weightValue = 0;
    QString sku;
    QString barcode; // null QString: null
    std::array<quint32, 3> optionValues{StringPool::None, StringPool::None, StringPool::None};
    quint16 position = 1;
    WeightUnit weightUnit = WeightUnit::Grams;
    bool tracked = true; // the inventory item's `tracked`
    std::vector<StockLevel> stock; // one per CatalogData::locations entry, same order
};

struct MediaRecord
{
    qint64 id = 0;
    QString alt; // null QString: null
    QString url;
};

struct ProductRecord
{
    qint64 id = 0;
    qint64 createdAt = 0; // seconds since the epoch, UTC
    qint64 updatedAt = 0;
    QString title;
    QString handle;
    QString descriptionHtml;
    quint32 vendor = StringPool::None;
    quint32 productType = StringPool::None;
    ProductStatus status = ProductStatus::Active;
    std::vector<quint32> tags; // sorted by text, as Shopify returns them
    std::vector<quint32> optionNames;
    std::vector<VariantRecord> variants; // by position
    std::vector<MediaRecord> media;
    std::vector<qint64> collectionIds; // sorted
};

struct LocationRecord
{
    qint64 id = 0;
    QString name;
    bool active = true;
};

struct CollectionRecord
{
    qint64 id = 0;
    QString title;
    QString handle;
    qint64 updatedAt = 0;
    std::vector<qint64> productIds; // sorted
};

struct ShopRecord
{
    qint64 id = 1;
    QString name;
    QString domain;
    QString currency;
};

// Where a variant or inventory item lives: ids stay valid across edits,
// indexes do not, so lookups go id → product id → binary search.
struct VariantAddress
{
    const ProductRecord *product = nullptr;
    const VariantRecord *variant = nullptr;
};

// Everything the sandbox serves. Not thread-safe by itself: ShopifyCatalog
// guards it with a read/write lock.
struct CatalogData
{
    ShopRecord shop;
    StringPool pool;
    std::vector<ProductRecord> products;       // sorted by id
    std::vector<LocationRecord> locations;     // sorted by id
    std::vector<CollectionRecord> collections; // sorted by id
    std::vector<qint64> inventoryItemIds;      // sorted
    QHash<qint64, qint64> productOfVariant;
    QHash<qint64, qint64> productOfInventoryItem;
    QHash<qint64, qint64> productOfMedia;
    qint64 nextId = 1;

    const ProductRecord *product(qint64 id) const;
    ProductRecord *product(qint64 id);
    qsizetype productIndexAtOrAfter(qint64 id) const;
    VariantAddress variant(qint64 variantId) const;
    VariantAddress inventoryItem(qint64 inventoryItemId) const;
    const MediaRecord *media(qint64 mediaId) const;
    const LocationRecord *location(qint64 id) const;
    int locationIndex(qint64 id) const;
    const CollectionRecord *collection(qint64 id) const;
    CollectionRecord *collection(qint64 id);

    // Rebuilds the id indexes and the product → collection back-references.
    void reindex();
    QString variantTitle(const VariantRecord &variant) const;
};

} // namespace storeloom::sandbox::shopify
