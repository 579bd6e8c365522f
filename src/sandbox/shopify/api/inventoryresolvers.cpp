// Inventory items, their levels and quantities, and locations.
#include "shopifyresolvers.h"

#include "shopify/catalog/catalogviews.h"

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;
using graphql::FieldContext;
using graphql::ObjRef;
using graphql::Resolved;

namespace {

QString levelGid(const QString &type, qint64 locationId, qint64 inventoryItemId)
{
    return u"gid://shopify/%1/%2?inventory_item_id=%3"_s.arg(type).arg(locationId).arg(inventoryItemId);
}

} // namespace

Resolved ShopifyResolvers::inventoryItem(FieldContext &context)
{
    const auto *product = context.parent.ownerAs<ProductRecord>();
    const auto *variant = context.parent.as<VariantRecord>();
    const CatalogData &data = m_context.data;
    const QString &name = context.field.name;
    if (name == u"id"_s)
        return Resolved::value(ShopifyGid::inventoryItem(variant->inventoryItemId));
    if (name == u"legacyResourceId"_s)
        return Resolved::value(QString::number(variant->inventoryItemId));
    if (name == u"sku"_s)
        return variant->sku.isNull() ? Resolved::null() : Resolved::value(variant->sku);
    if (name == u"tracked"_s)
        return Resolved::value(variant->tracked);
    if (name == u"measurement"_s)
        return Resolved::of(ref(u"InventoryItemMeasurement"_s, variant, product));
    if (name == u"variant"_s)
        return Resolved::of(ref(u"ProductVariant"_s, variant, product));
    if (name == u"inventoryLevels"_s) {
        OrderedSource source;
        source.size = qsizetype(data.locations.size());
        source.keyAt = [&data](qsizetype i) { return SortKey{{}, data.locations[size_t(i)].id}; };
        source.nodeAt = [this, variant, product](qsizetype i) {
            return ref(u"InventoryLevel"_s, variant, product, i);
        };
        return connection(context, source);
    }
    if (name == u"inventoryLevel"_s) {
        QString type;
        qint64 id = 0;
        ShopifyGid::parse(context.arguments.value(u"locationId"_s).toString(), &type, &id);
        const int location = type == u"Location"_s ? data.locationIndex(id) : -1;
        return location < 0 ? Resolved::null()
                            : Resolved::of(ref(u"InventoryLevel"_s, variant, product, location));
    }
    return Resolved::null();
}

Resolved ShopifyResolvers::measurement(FieldContext &context)
{
    const auto *variant = context.parent.as<VariantRecord>();
    if (context.field.name == u"id"_s)
        return Resolved::value(ShopifyGid::make(u"InventoryItemMeasurement"_s, variant->inventoryItemId));
    if (context.field.name == u"weight"_s)
        return Resolved::of(ref(u"Weight"_s, variant));
    return Resolved::null();
}

Resolved ShopifyResolvers::weight(FieldContext &context)
{
    const auto *variant = context.parent.as<VariantRecord>();
    if (context.field.name == u"unit"_s)
        return Resolved::value(weightUnitName(variant->weightUnit));
    return Resolved::value(variant->weightValue);
}

Resolved ShopifyResolvers::inventoryLevel(FieldContext &context)
{
    const auto *product = context.parent.ownerAs<ProductRecord>();
    const auto *variant = context.parent.as<VariantRecord>();
    const auto locationIndex = size_t(context.parent.a);
    const LocationRecord &location = m_context.data.locations[locationIndex];
    const QString &name = context.field.name;
    if (name == u"id"_s)
        return Resolved::value(levelGid(u"InventoryLevel"_s, location.id, variant->inventoryItemId));
    if (name == u"location"_s)
        return Resolved::of(ref(u"Location"_s, &location));
    if (name == u"item"_s)
        return Resolved::of(ref(u"InventoryItem"_s, variant, product));
    if (name == u"quantities"_s) {
        std::vector<ObjRef> quantities;
        for (const QJsonValue &each : context.arguments.value(u"names"_s).toArray()) {
            const qsizetype index = quantityNames().indexOf(each.toString());
            if (index < 0) {
                return context.fail(u"The quantity name '%1' is not valid. Valid names are: %2."_s.arg(
                                        each.toString(), quantityNames().join(u", "_s)),
                                    {{u"code"_s, u"INVALID_QUANTITY_NAME"_s}});
            }
            quantities.push_back(ref(u"InventoryQuantity"_s, variant, product, qint64(locationIndex), index));
        }
        return Resolved::listOf(std::move(quantities));
    }
    return Resolved::null();
}

Resolved ShopifyResolvers::inventoryQuantity(FieldContext &context)
{
    const auto *variant = context.parent.as<VariantRecord>();
    const auto locationIndex = size_t(context.parent.a);
    const QString quantityName = quantityNames().at(context.parent.b);
    const QString &name = context.field.name;
    if (name == u"id"_s) {
        return Resolved::value(levelGid(u"InventoryQuantity"_s, m_context.data.locations[locationIndex].id,
                                        variant->inventoryItemId) +
                               u"&name="_s + quantityName);
    }
    if (name == u"name"_s)
        return Resolved::value(quantityName);
    const StockLevel level = locationIndex < variant->stock.size() ? variant->stock[locationIndex] : StockLevel{};
    if (quantityName == u"available"_s)
        return Resolved::value(level.available);
    if (quantityName == u"on_hand"_s)
        return Resolved::value(level.onHand);
    if (quantityName == u"committed"_s)
        return Resolved::value(level.onHand - level.available);
    return Resolved::value(0);
}

Resolved ShopifyResolvers::location(FieldContext &context)
{
    const auto *location = context.parent.as<LocationRecord>();
    const QString &name = context.field.name;
    if (name == u"id"_s)
        return Resolved::value(ShopifyGid::location(location->id));
    if (name == u"legacyResourceId"_s)
        return Resolved::value(QString::number(location->id));
    if (name == u"name"_s)
        return Resolved::value(location->name);
    if (name == u"isActive"_s)
        return Resolved::value(location->active);
    return Resolved::null();
}

} // namespace storeloom::sandbox::shopify
