#include "catalogjsonlloader.h"

#include "cataloggenerator.h"
#include "shopify/shopifylogging.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;

namespace {

qint64 gidNumber(const QJsonValue &value, QString *type = nullptr)
{
    qint64 id = 0;
    return ShopifyGid::parse(value.toString(), type, &id) ? id : 0;
}

qint64 seconds(const QJsonValue &value, qint64 fallback)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time.isValid() ? time.toSecsSinceEpoch() : fallback;
}

QString nullableString(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}

} // namespace

CatalogJsonlLoader::CatalogJsonlLoader(const ShopifyCatalog::GenerateOptions &options)
    : m_options(options)
{
}

bool CatalogJsonlLoader::load(const QStringList &paths, CatalogData *data, QString *error)
{
    for (const QString &path : paths) {
        if (!readFile(path, error))
            return false;
    }
    assemble(data);
    return true;
}

bool CatalogJsonlLoader::readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"%1: %2"_s.arg(path, file.errorString());
        return false;
    }
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray text = file.readLine().trimmed();
        ++lineNumber;
        if (text.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (!document.isObject()) {
            *error = u"%1:%2: %3"_s.arg(path).arg(lineNumber).arg(parseError.errorString());
            return false;
        }
        readLine(document.object());
    }
    return true;
}

void CatalogJsonlLoader::readLine(const QJsonObject &line)
{
    QString type;
    QString parentType;
    const qint64 id = gidNumber(line.value(u"id"_s), &type);
    const qint64 parent = gidNumber(line.value(u"__parentId"_s), &parentType);
    if (type == u"Product"_s) {
        readProduct(id, line);
    } else if (type == u"ProductVariant"_s && parent) {
        readVariant(id, parent, line);
    } else if (type == u"MediaImage"_s && parent) {
        readMedia(id, parent, line);
    } else if (type == u"Collection"_s && parent) {
        m_memberships.push_back({id, parent});
    } else if (type == u"Collection"_s) {
        m_data.collections.push_back({id, line.value(u"title"_s).toString(),
                                      line.value(u"handle"_s).toString(),
                                      seconds(line.value(u"updatedAt"_s), 0), {}});
    } else if (type == u"Location"_s) {
        m_data.locations.push_back({id, line.value(u"name"_s).toString(),
                                    line.value(u"isActive"_s).toBool(true)});
    } else if (type == u"InventoryItem"_s) {
        if (const qint64 variant = gidNumber(line.value(u"variant"_s).toObject().value(u"id"_s)))
            m_variantOfInventoryItem.insert(id, variant);
        if (line.value(u"tracked"_s).isBool())
            m_trackedOfInventoryItem.insert(id, line.value(u"tracked"_s).toBool());
    } else if ((type.isEmpty() || type == u"InventoryLevel"_s) && parentType == u"InventoryItem"_s) {
        readLevel(Level{parent, 0, 0, {}}, line);
    } else if ((type.isEmpty() || type == u"InventoryLevel"_s) && parentType == u"ProductVariant"_s) {
        // A variants export nesting inventoryItem.inventoryLevels: the level's
        // parent line is the variant, the item is known from that line.
        readLevel(Level{0, parent, 0, {}}, line);
    } else {
        qCDebug(lcShopifySandbox) << "JSONL line of no known kind skipped:" << type << parentType;
    }
}

void CatalogJsonlLoader::readProduct(qint64 id, const QJsonObject &line)
{
    ProductRecord product;
    product.id = id;
    product.title = line.value(u"title"_s).toString();
    product.handle = line.value(u"handle"_s).toString();
    if (product.handle.isEmpty())
        product.handle = handleize(product.title);
    product.descriptionHtml = line.value(u"descriptionHtml"_s).toString();
    product.vendor = m_data.pool.intern(line.value(u"vendor"_s).toString());
    product.productType = m_data.pool.intern(line.value(u"productType"_s).toString());
    parseStatus(line.value(u"status"_s).toString(), &product.status);
    QStringList tags;
    for (const QJsonValue &tag : line.value(u"tags"_s).toArray())
        tags.append(tag.toString());
    tags.sort();
    for (const QString &tag : tags)
        product.tags.push_back(m_data.pool.intern(tag));
    product.updatedAt = seconds(line.value(u"updatedAt"_s), 0);
    product.createdAt = seconds(line.value(u"createdAt"_s), product.updatedAt);
    const QJsonArray optionArray = line.value(u"options"_s).toArray();
    std::vector<QJsonValue> options(optionArray.begin(), optionArray.end());
    std::stable_sort(options.begin(), options.end(), [](const QJsonValue &a, const QJsonValue &b) {
        return a.toObject().value(u"position"_s).toInt() < b.toObject().value(u"position"_s).toInt();
    });
    for (const QJsonValue &option : options)
        product.optionNames.push_back(m_data.pool.intern(option.toObject().value(u"name"_s).toString()));
    m_data.products.push_back(std::move(product));
}

void CatalogJsonlLoader::readVariant(qint64 id, qint64 productId, const QJsonObject &line)
{
    VariantRecord variant;
    variant.id = id;
    const QJsonObject item = line.value(u"inventoryItem"_s).toObject();
    variant.inventoryItemId = gidNumber(item.value(u"id"_s));
    if (!variant.inventoryItemId)
        variant.inventoryItemId = CatalogGenerator::InventoryItemBase + (id % 1'000'000'000);
    variant.sku = line.value(u"sku"_s).toString();
    variant.barcode = nullableString(line.value(u"barcode"_s));
    parseMoney(line.value(u"price"_s).toString(), &variant.price);
    const QString compareAt = nullableString(line.value(u"compareAtPrice"_s));
    if (compareAt.isNull() || !parseMoney(compareAt, &variant.compareAt))
        variant.compareAt = MoneyAmount::null();
    variant.position = quint16(line.value(u"position"_s).toInt(1));
    const QJsonObject weight =
        item.value(u"measurement"_s).toObject().value(u"weight"_s).toObject();
    parseWeightUnit(weight.value(u"unit"_s).toString(), &variant.weightUnit);
    variant.weightValue = weight.value(u"value"_s).toDouble();
    variant.tracked = item.value(u"tracked"_s).toBool(true);
    QList<std::pair<QString, QString>> selected;
    for (const QJsonValue &option : line.value(u"selectedOptions"_s).toArray()) {
        const QJsonObject o = option.toObject();
        selected.append({o.value(u"name"_s).toString(), o.value(u"value"_s).toString()});
    }
    m_variants.push_back({productId, std::move(variant)});
    m_selected.push_back({productId, selected});
}

void CatalogJsonlLoader::readMedia(qint64 id, qint64 productId, const QJsonObject &line)
{
    const QJsonObject image = line.value(u"image"_s).toObject();
    // MediaImage.alt and Image.altText are the same text; a file may carry either.
    QString alt = nullableString(line.value(u"alt"_s));
    if (alt.isNull())
        alt = nullableString(image.value(u"altText"_s));
    m_media.push_back({productId, {id, alt, image.value(u"url"_s).toString()}});
}

void CatalogJsonlLoader::readLevel(Level level, const QJsonObject &line)
{
    const QJsonObject location = line.value(u"location"_s).toObject();
    level.locationId = gidNumber(location.value(u"id"_s));
    if (level.locationId && location.value(u"name"_s).isString())
        m_locationNames.insert(level.locationId, location.value(u"name"_s).toString());
    for (const QJsonValue &quantity : line.value(u"quantities"_s).toArray()) {
        const QJsonObject q = quantity.toObject();
        const QString name = q.value(u"name"_s).toString();
        if (name == u"available"_s)
            level.stock.available = q.value(u"quantity"_s).toInt();
        else if (name == u"on_hand"_s)
            level.stock.onHand = q.value(u"quantity"_s).toInt();
    }
    if (level.locationId)
        m_levels.push_back(level);
}

void CatalogJsonlLoader::assemble(CatalogData *data)
{
    CatalogGenerator generator(m_options);
    if (m_data.locations.empty() && m_levels.empty()) {
        generator.generateShopAndLocations(&m_data);
    } else {
        for (const Level &level : m_levels) {
            const bool known = std::any_of(m_data.locations.begin(), m_data.locations.end(),
                                           [&](const auto &l) { return l.id == level.locationId; });
            if (!known) {
                const QString name = m_locationNames.value(level.locationId,
                                                           u"Location %1"_s.arg(level.locationId));
                m_data.locations.push_back({level.locationId, name, true});
            }
        }
    }
    m_data.shop = {1, m_options.shopName, m_options.shopDomain, m_options.currency};
    QSet<qint64> definedCollections;
    for (const CollectionRecord &collection : m_data.collections)
        definedCollections.insert(collection.id);
    for (const auto &membership : m_memberships) {
        const qint64 collectionId = membership.first;
        if (!definedCollections.contains(collectionId)) {
            definedCollections.insert(collectionId);
            m_data.collections.push_back({collectionId, u"Collection %1"_s.arg(collectionId),
                                          u"collection-%1"_s.arg(collectionId), 0, {}});
        }
    }
    m_data.reindex(); // sorts products, locations and collections for the lookups below
    for (size_t i = 0; i < m_variants.size(); ++i) {
        auto &[productId, variant] = m_variants[i];
        ProductRecord *product = m_data.product(productId);
        if (!product)
            continue;
        for (const auto &[name, value] : m_selected[i].second) {
            const quint32 nameIndex = m_data.pool.intern(name);
            auto slot = std::find(product->optionNames.begin(), product->optionNames.end(), nameIndex) -
                        product->optionNames.begin();
            if (size_t(slot) == product->optionNames.size() && slot < 3)
                product->optionNames.push_back(nameIndex);
            if (slot < 3)
                variant.optionValues[size_t(slot)] = m_data.pool.intern(value);
        }
        product->variants.push_back(std::move(variant));
    }
    for (auto &[productId, media] : m_media) {
        if (ProductRecord *product = m_data.product(productId))
            product->media.push_back(std::move(media));
    }
    for (const auto &[collectionId, productId] : m_memberships)
        m_data.collection(collectionId)->productIds.push_back(productId);
    QHash<qint64, std::vector<const Level *>> levelsOfItem;
    QHash<qint64, std::vector<const Level *>> levelsOfVariant;
    for (const Level &level : m_levels) {
        if (level.inventoryItemId)
            levelsOfItem[level.inventoryItemId].push_back(&level);
        else
            levelsOfVariant[level.variantId].push_back(&level);
    }
    QHash<qint64, qint64> inventoryItemOfVariant;
    for (auto it = m_variantOfInventoryItem.cbegin(); it != m_variantOfInventoryItem.cend(); ++it)
        inventoryItemOfVariant.insert(it.value(), it.key());
    // Stock only when the file has none at all: a variant the file gives no
    // level for holds nothing, it does not get invented stock.
    const bool stockFromFile = !m_levels.empty();
    for (ProductRecord &product : m_data.products) {
        std::stable_sort(product.variants.begin(), product.variants.end(),
                         [](const auto &a, const auto &b) { return a.position < b.position; });
        for (VariantRecord &variant : product.variants) {
            // BulkInventory names the item and its variant; BulkProducts the item alone.
            variant.inventoryItemId = inventoryItemOfVariant.value(variant.id, variant.inventoryItemId);
            variant.tracked = m_trackedOfInventoryItem.value(variant.inventoryItemId, variant.tracked);
            auto levels = levelsOfItem.value(variant.inventoryItemId);
            const auto attached = levelsOfVariant.value(variant.id);
            levels.insert(levels.end(), attached.begin(), attached.end());
            if (levels.empty() && !stockFromFile) {
                generator.generateStock(m_data, &variant);
                continue;
            }
            variant.stock.assign(m_data.locations.size(), {});
            for (const Level *level : levels)
                variant.stock[size_t(m_data.locationIndex(level->locationId))] = level->stock;
        }
    }
    m_data.reindex();
    *data = std::move(m_data);
}

} // namespace storeloom::sandbox::shopify
