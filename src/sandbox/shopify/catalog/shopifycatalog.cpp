#include "shopifycatalog.h"

#include "catalogjsonlloader.h"
#include "cataloggenerator.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;

bool ShopifyGid::parse(const QString &gid, QString *type, qint64 *id)
{
    static const QRegularExpression pattern(u"^gid://shopify/([A-Za-z]+)/(\\d+)(\\?.*)?$"_s);
    const auto match = pattern.match(gid);
    if (!match.hasMatch())
        return false;
    bool ok = false;
    const qint64 number = match.captured(2).toLongLong(&ok);
    if (!ok)
        return false;
    if (type)
        *type = match.captured(1);
    if (id)
        *id = number;
    return true;
}

namespace {

QDateTime utc(qint64 seconds) { return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC); }

template<typename T>
void insertSorted(std::vector<T> &values, T value)
{
    const auto it = std::lower_bound(values.begin(), values.end(), value);
    if (it == values.end() || *it != value)
        values.insert(it, value);
}

template<typename T>
void eraseSorted(std::vector<T> &values, T value)
{
    const auto it = std::lower_bound(values.begin(), values.end(), value);
    if (it != values.end() && *it == value)
        values.erase(it);
}

} // namespace

ShopifyCatalog::ShopifyCatalog() = default;

void ShopifyCatalog::generate(const GenerateOptions &options)
{
    CatalogData generated = CatalogGenerator(options).generate();
    QWriteLocker locker(&m_lock);
    m_data = std::move(generated);
}

bool ShopifyCatalog::loadJsonl(const QStringList &paths, const GenerateOptions &options,
                               QString *error)
{
    CatalogData loaded;
    if (!CatalogJsonlLoader(options).load(paths, &loaded, error))
        return false;
    QWriteLocker locker(&m_lock);
    m_data = std::move(loaded);
    return true;
}

ShopView ShopifyCatalog::shop() const
{
    QReadLocker locker(&m_lock);
    return {m_data.shop.id, m_data.shop.name, m_data.shop.domain, m_data.shop.currency};
}

int ShopifyCatalog::productCount() const
{
    QReadLocker locker(&m_lock);
    return int(m_data.products.size());
}

std::optional<ProductView> ShopifyCatalog::product(qint64 id) const
{
    QReadLocker locker(&m_lock);
    const ProductRecord *record = m_data.product(id);
    return record ? std::optional(viewOf(*record)) : std::nullopt;
}

QList<ProductView> ShopifyCatalog::products() const
{
    QList<ProductView> views;
    forEachProduct([&views](const ProductView &view) { views.append(view); });
    return views;
}

void ShopifyCatalog::forEachProduct(const std::function<void(const ProductView &)> &visit) const
{
    QReadLocker locker(&m_lock);
    for (const ProductRecord &record : m_data.products)
        visit(viewOf(record));
}

QList<LocationView> ShopifyCatalog::locations() const
{
    QReadLocker locker(&m_lock);
    QList<LocationView> views;
    for (const LocationRecord &record : m_data.locations)
        views.append({record.id, record.name, record.active});
    return views;
}

QList<CollectionView> ShopifyCatalog::collections() const
{
    QReadLocker locker(&m_lock);
    QList<CollectionView> views;
    for (const CollectionRecord &record : m_data.collections) {
        views.append({record.id, record.title, record.handle,
                      QList<qint64>(record.productIds.begin(), record.productIds.end())});
    }
    return views;
}

bool ShopifyCatalog::setProductTitle(qint64 productId, const QString &title)
{
    QWriteLocker locker(&m_lock);
    ProductRecord *record = m_data.product(productId);
    if (!record)
        return false;
    record->title = title;
    record->updatedAt = QDateTime::currentSecsSinceEpoch();
    return true;
}

bool ShopifyCatalog::setVariantPrice(qint64 variantId, const QString &price)
{
    MoneyAmount amount;
    if (!parseMoney(price, &amount))
        return false;
    QWriteLocker locker(&m_lock);
    ProductRecord *record = m_data.product(m_data.productOfVariant.value(variantId, -1));
    if (!record)
        return false;
    for (VariantRecord &variant : record->variants) {
        if (variant.id == variantId) {
            variant.price = amount;
            record->updatedAt = QDateTime::currentSecsSinceEpoch();
            return true;
        }
    }
    return false;
}

bool ShopifyCatalog::setStock(qint64 inventoryItemId, qint64 locationId, int available,
                              std::optional<int> onHand)
{
    QWriteLocker locker(&m_lock);
    const int location = m_data.locationIndex(locationId);
    ProductRecord *record = m_data.product(m_data.productOfInventoryItem.value(inventoryItemId, -1));
    if (!record || location < 0)
        return false;
    for (VariantRecord &variant : record->variants) {
        if (variant.inventoryItemId != inventoryItemId)
            continue;
        variant.stock.resize(m_data.locations.size());
        StockLevel &level = variant.stock[size_t(location)];
        // Without an explicit on_hand, committed stock stays what it was.
        const int committed = level.onHand - level.available;
        level.available = available;
        level.onHand = onHand.value_or(available + committed);
        return true;
    }
    return false;
}

bool ShopifyCatalog::setLocationActive(qint64 locationId, bool active)
{
    QWriteLocker locker(&m_lock);
    const int index = m_data.locationIndex(locationId);
    if (index < 0)
        return false;
    m_data.locations[size_t(index)].active = active;
    return true;
}

bool ShopifyCatalog::editProduct(qint64 productId, const std::function<void(ProductView &)> &edit)
{
    QWriteLocker locker(&m_lock);
    ProductRecord *record = m_data.product(productId);
    if (!record)
        return false;
    ProductView view = viewOf(*record);
    edit(view);
    ProductRecord updated = recordOf(view, productId);
    updated.createdAt = record->createdAt;
    updated.updatedAt = QDateTime::currentSecsSinceEpoch();
    unindexProduct(*record);
    *record = std::move(updated);
    indexProduct(*record);
    setMemberships(productId, view.collectionIds);
    return true;
}

qint64 ShopifyCatalog::addProduct(const ProductView &product)
{
    QWriteLocker locker(&m_lock);
    const qint64 productId = m_data.nextId++;
    ProductRecord record = recordOf(product, productId);
    record.createdAt = record.updatedAt = QDateTime::currentSecsSinceEpoch();
    const auto at = m_data.products.begin() + m_data.productIndexAtOrAfter(productId);
    indexProduct(*m_data.products.insert(at, std::move(record)));
    setMemberships(productId, product.collectionIds);
    return productId;
}

bool ShopifyCatalog::deleteProduct(qint64 productId)
{
    QWriteLocker locker(&m_lock);
    const ProductRecord *record = m_data.product(productId);
    if (!record)
        return false;
    unindexProduct(*record);
    setMemberships(productId, {});
    m_data.products.erase(m_data.products.begin() + (record - m_data.products.data()));
    return true;
}

ProductView ShopifyCatalog::viewOf(const ProductRecord &record) const
{
    const StringPool &pool = m_data.pool;
    ProductView view;
    view.id = record.id;
    view.title = record.title;
    view.handle = record.handle;
    view.descriptionHtml = record.descriptionHtml;
    view.vendor = pool.at(record.vendor);
    view.productType = pool.at(record.productType);
    view.status = statusName(record.status);
    for (quint32 tag : record.tags)
        view.tags.append(pool.at(tag));
    for (quint32 name : record.optionNames)
        view.options.append(pool.at(name));
    for (const VariantRecord &variant : record.variants) {
        VariantView v;
        v.id = variant.id;
        v.inventoryItemId = variant.inventoryItemId;
        v.title = m_data.variantTitle(variant);
        v.sku = variant.sku;
        v.barcode = variant.barcode;
        v.price = formatMoney(variant.price);
        v.compareAtPrice = formatMoney(variant.compareAt);
        v.tracked = variant.tracked;
        v.position = variant.position;
        for (size_t i = 0; i < record.optionNames.size() && i < variant.optionValues.size(); ++i) {
            if (variant.optionValues[i] != StringPool::None)
                v.selectedOptions.append({pool.at(record.optionNames[i]), pool.at(variant.optionValues[i])});
        }
        v.weightUnit = weightUnitName(variant.weightUnit);
        v.weight = variant.weightValue;
        for (size_t i = 0; i < m_data.locations.size(); ++i) {
            const StockLevel level = i < variant.stock.size() ? variant.stock[i] : StockLevel{};
            v.stock.append({m_data.locations[i].id, level.available, level.onHand});
        }
        view.variants.append(v);
    }
    for (const MediaRecord &media : record.media)
        view.media.append({media.id, media.alt, media.url});
    view.collectionIds = QList<qint64>(record.collectionIds.begin(), record.collectionIds.end());
    view.createdAt = utc(record.createdAt);
    view.updatedAt = utc(record.updatedAt);
    return view;
}

ProductRecord ShopifyCatalog::recordOf(const ProductView &view, qint64 productId)
{
    StringPool &pool = m_data.pool;
    ProductRecord record;
    record.id = productId;
    record.title = view.title;
    record.handle = view.handle.isEmpty() ? handleize(view.title) : view.handle;
    record.descriptionHtml = view.descriptionHtml;
    record.vendor = pool.intern(view.vendor);
    record.productType = pool.intern(view.productType);
    parseStatus(view.status, &record.status);
    QStringList tags = view.tags;
    tags.sort();
    for (const QString &tag : tags)
        record.tags.push_back(pool.intern(tag));
    for (const QString &name : view.options)
        record.optionNames.push_back(pool.intern(name));
    int position = 0;
    for (const VariantView &v : view.variants) {
        VariantRecord variant;
        variant.id = v.id ? v.id : m_data.nextId++;
        variant.inventoryItemId = v.inventoryItemId ? v.inventoryItemId : m_data.nextId++;
        parseMoney(v.price, &variant.price);
        if (v.compareAtPrice.isNull() || !parseMoney(v.compareAtPrice, &variant.compareAt))
            variant.compareAt = MoneyAmount::null();
        variant.tracked = v.tracked;
        variant.sku = v.sku;
        variant.barcode = v.barcode;
        variant.position = quint16(++position);
        for (const auto &[name, value] : v.selectedOptions) {
            const auto index = record.optionNames.size();
            const auto it = std::find(record.optionNames.begin(), record.optionNames.end(), pool.intern(name));
            const size_t slot = it == record.optionNames.end() ? index : size_t(it - record.optionNames.begin());
            if (slot >= variant.optionValues.size())
                continue;
            if (slot == index)
                record.optionNames.push_back(pool.intern(name));
            variant.optionValues[slot] = pool.intern(value);
        }
        parseWeightUnit(v.weightUnit, &variant.weightUnit);
        variant.weightValue = v.weight;
        variant.stock.resize(m_data.locations.size());
        for (const StockView &level : v.stock) {
            const int location = m_data.locationIndex(level.locationId);
            if (location >= 0)
                variant.stock[size_t(location)] = {level.available, level.onHand};
        }
        record.variants.push_back(std::move(variant));
    }
    for (const MediaView &m : view.media)
        record.media.push_back({m.id ? m.id : m_data.nextId++, m.alt, m.url});
    return record;
}

void ShopifyCatalog::indexProduct(const ProductRecord &record)
{
    for (const VariantRecord &variant : record.variants) {
        m_data.productOfVariant.insert(variant.id, record.id);
        m_data.productOfInventoryItem.insert(variant.inventoryItemId, record.id);
        insertSorted(m_data.inventoryItemIds, variant.inventoryItemId);
        m_data.nextId = std::max({m_data.nextId, variant.id + 1, variant.inventoryItemId + 1});
    }
    for (const MediaRecord &media : record.media) {
        m_data.productOfMedia.insert(media.id, record.id);
        m_data.nextId = std::max(m_data.nextId, media.id + 1);
    }
}

void ShopifyCatalog::unindexProduct(const ProductRecord &record)
{
    for (const VariantRecord &variant : record.variants) {
        m_data.productOfVariant.remove(variant.id);
        m_data.productOfInventoryItem.remove(variant.inventoryItemId);
        eraseSorted(m_data.inventoryItemIds, variant.inventoryItemId);
    }
    for (const MediaRecord &media : record.media)
        m_data.productOfMedia.remove(media.id);
}

void ShopifyCatalog::setMemberships(qint64 productId, const QList<qint64> &collectionIds)
{
    ProductRecord *record = m_data.product(productId);
    for (CollectionRecord &collection : m_data.collections) {
        if (collectionIds.contains(collection.id) && record)
            insertSorted(collection.productIds, productId);
        else
            eraseSorted(collection.productIds, productId);
    }
    if (!record)
        return;
    record->collectionIds.clear();
    for (qint64 id : collectionIds) {
        if (m_data.collection(id))
            record->collectionIds.push_back(id);
    }
    std::sort(record->collectionIds.begin(), record->collectionIds.end());
    record->collectionIds.erase(std::unique(record->collectionIds.begin(), record->collectionIds.end()),
                                record->collectionIds.end());
}

} // namespace storeloom::sandbox::shopify
