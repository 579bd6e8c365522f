#include "catalogdata.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;

quint32 StringPool::intern(const QString &text)
{
    const auto found = m_index.constFind(text);
    if (found != m_index.cend())
        return *found;
    const auto index = quint32(m_strings.size());
    m_strings.push_back(text);
    m_index.insert(text, index);
    return index;
}

const QString &StringPool::at(quint32 index) const
{
    static const QString empty;
    return index < m_strings.size() ? m_strings[index] : empty;
}

QString statusName(ProductStatus status)
{
    switch (status) {
    case ProductStatus::Active: return u"ACTIVE"_s;
    case ProductStatus::Draft: return u"DRAFT"_s;
    case ProductStatus::Archived: return u"ARCHIVED"_s;
    }
    return u"ACTIVE"_s;
}

bool parseStatus(const QString &name, ProductStatus *status)
{
    for (auto candidate : {ProductStatus::Active, ProductStatus::Draft, ProductStatus::Archived}) {
        if (statusName(candidate).compare(name, Qt::CaseInsensitive) == 0) {
            *status = candidate;
            return true;
        }
    }
    return false;
}

QString weightUnitName(WeightUnit unit)
{
    switch (unit) {
    case WeightUnit::Grams: return u"GRAMS"_s;
    case WeightUnit::Kilograms: return u"KILOGRAMS"_s;
    case WeightUnit::Ounces: return u"OUNCES"_s;
    case WeightUnit::Pounds: return u"POUNDS"_s;
    }
    return u"GRAMS"_s;
}

bool parseWeightUnit(const QString &name, WeightUnit *unit)
{
    for (auto candidate :
         {WeightUnit::Grams, WeightUnit::Kilograms, WeightUnit::Ounces, WeightUnit::Pounds}) {
        if (weightUnitName(candidate).compare(name, Qt::CaseInsensitive) == 0) {
            *unit = candidate;
            return true;
        }
    }
    return false;
}

QString formatMoney(MoneyAmount amount)
{
    if (amount.isNull())
        return {};
    const QString sign = amount.units < 0 ? u"-"_s : QString();
    QString digits = QString::number(std::abs(amount.units)).rightJustified(amount.scale + 1, u'0');
    if (amount.scale > 0)
        digits.insert(digits.size() - amount.scale, u'.');
    return sign + digits;
}

bool parseMoney(const QString &text, MoneyAmount *amount)
{
    static const QRegularExpression pattern(u"^(-?)(\\d{1,15})(?:\\.(\\d{0,9}))?$"_s);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return false;
    const QString fraction = match.captured(3);
    const qint64 units = (match.captured(2) + fraction).toLongLong();
    *amount = {match.captured(1).isEmpty() ? units : -units, qint8(fraction.size())};
    return true;
}

QString handleize(const QString &title)
{
    QString handle;
    bool dash = false;
    for (const QChar c : title.toLower()) {
        if (c.isLetterOrNumber()) {
            if (dash && !handle.isEmpty())
                handle.append(u'-');
            handle.append(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    return handle;
}

namespace {

template<typename Record>
auto findById(Record &records, qint64 id) -> decltype(&records.front())
{
    const auto it = std::lower_bound(records.begin(), records.end(), id,
                                     [](const auto &record, qint64 wanted) { return record.id < wanted; });
    return it != records.end() && it->id == id ? &*it : nullptr;
}

} // namespace

const ProductRecord *CatalogData::product(qint64 id) const { return findById(products, id); }
ProductRecord *CatalogData::product(qint64 id) { return findById(products, id); }

qsizetype CatalogData::productIndexAtOrAfter(qint64 id) const
{
    const auto it = std::lower_bound(products.begin(), products.end(), id,
                                     [](const auto &record, qint64 wanted) { return record.id < wanted; });
    return it - products.begin();
}

VariantAddress CatalogData::variant(qint64 variantId) const
{
    const ProductRecord *owner = product(productOfVariant.value(variantId, -1));
    if (!owner)
        return {};
    for (const VariantRecord &candidate : owner->variants) {
        if (candidate.id == variantId)
            return {owner, &candidate};
    }
    return {};
}

VariantAddress CatalogData::inventoryItem(qint64 inventoryItemId) const
{
    const ProductRecord *owner = product(productOfInventoryItem.value(inventoryItemId, -1));
    if (!owner)
        return {};
    for (const VariantRecord &candidate : owner->variants) {
        if (candidate.inventoryItemId == inventoryItemId)
            return {owner, &candidate};
    }
    return {};
}

const MediaRecord *CatalogData::media(qint64 mediaId) const
{
    const ProductRecord *owner = product(productOfMedia.value(mediaId, -1));
    if (!owner)
        return nullptr;
    for (const MediaRecord &candidate : owner->media) {
        if (candidate.id == mediaId)
            return &candidate;
    }
    return nullptr;
}

const LocationRecord *CatalogData::location(qint64 id) const { return findById(locations, id); }

int CatalogData::locationIndex(qint64 id) const
{
    const LocationRecord *found = location(id);
    return found ? int(found - locations.data()) : -1;
}

const CollectionRecord *CatalogData::collection(qint64 id) const { return findById(collections, id); }
CollectionRecord *CatalogData::collection(qint64 id) { return findById(collections, id); }

void CatalogData::reindex()
{
    auto byId = [](const auto &a, const auto &b) { return a.id < b.id; };
    std::sort(products.begin(), products.end(), byId);
    std::sort(locations.begin(), locations.end(), byId);
    std::sort(collections.begin(), collections.end(), byId);
    productOfVariant.clear();
    productOfInventoryItem.clear();
    productOfMedia.clear();
    inventoryItemIds.clear();
    qint64 highest = 0;
    for (ProductRecord &record : products) {
        record.collectionIds.clear();
        highest = std::max(highest, record.id);
        for (const VariantRecord &variant : record.variants) {
            productOfVariant.insert(variant.id, record.id);
            productOfInventoryItem.insert(variant.inventoryItemId, record.id);
            inventoryItemIds.push_back(variant.inventoryItemId);
            highest = std::max({highest, variant.id, variant.inventoryItemId});
        }
        for (const MediaRecord &media : record.media) {
            productOfMedia.insert(media.id, record.id);
            highest = std::max(highest, media.id);
        }
    }
    std::sort(inventoryItemIds.begin(), inventoryItemIds.end());
    for (CollectionRecord &collection : collections) {
        std::sort(collection.productIds.begin(), collection.productIds.end());
        collection.productIds.erase(
            std::unique(collection.productIds.begin(), collection.productIds.end()),
            collection.productIds.end());
        std::erase_if(collection.productIds, [this](qint64 id) { return !product(id); });
        for (qint64 productId : collection.productIds)
            product(productId)->collectionIds.push_back(collection.id);
        highest = std::max(highest, collection.id);
    }
    for (const LocationRecord &location : locations)
        highest = std::max(highest, location.id);
    nextId = std::max(nextId, highest + 1);
}

QString CatalogData::variantTitle(const VariantRecord &variant) const
{
    QStringList values;
    for (quint32 value : variant.optionValues) {
        if (value != StringPool::None)
            values.append(pool.at(value));
    }
    return values.isEmpty() ? u"Default Title"_s : values.join(u" / "_s);
}

} // namespace storeloom::sandbox::shopify
