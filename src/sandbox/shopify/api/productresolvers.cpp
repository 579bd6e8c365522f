// Shop, Product and what hangs off it: options, variants, media, collections.
#include "shopifyresolvers.h"

#include "shopify/catalog/catalogviews.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;
using graphql::FieldContext;
using graphql::ObjRef;
using graphql::Resolved;

namespace {

QJsonValue nullable(const QString &text)
{
    return text.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

int available(const VariantRecord &variant)
{
    int total = 0;
    for (const StockLevel &level : variant.stock)
        total += level.available;
    return total;
}

} // namespace

Resolved ShopifyResolvers::shop(FieldContext &context)
{
    const auto *shop = context.parent.as<ShopRecord>();
    const QString &name = context.field.name;
    if (name == u"id"_s)
        return Resolved::value(ShopifyGid::make(u"Shop"_s, shop->id));
    if (name == u"name"_s)
        return Resolved::value(shop->name);
    if (name == u"myshopifyDomain"_s)
        return Resolved::value(shop->domain);
    if (name == u"currencyCode"_s)
        return Resolved::value(shop->currency);
    if (name == u"email"_s)
        return Resolved::value(u"owner@"_s + shop->domain);
    return Resolved::null();
}

Resolved ShopifyResolvers::product(FieldContext &context)
{
    const auto *product = context.parent.as<ProductRecord>();
    const StringPool &pool = m_context.data.pool;
    const QString &name = context.field.name;
    if (name == u"id"_s)
        return Resolved::value(ShopifyGid::product(product->id));
    if (name == u"legacyResourceId"_s)
        return Resolved::value(QString::number(product->id));
    if (name == u"title"_s)
        return Resolved::value(product->title);
    if (name == u"handle"_s)
        return Resolved::value(product->handle);
    if (name == u"descriptionHtml"_s)
        return Resolved::value(product->descriptionHtml);
    if (name == u"description"_s) {
        static const QRegularExpression tags(u"<[^>]*>"_s);
        return Resolved::value(QString(product->descriptionHtml).remove(tags));
    }
    if (name == u"vendor"_s)
        return Resolved::value(pool.at(product->vendor));
    if (name == u"productType"_s)
        return Resolved::value(pool.at(product->productType));
    if (name == u"status"_s)
        return Resolved::value(statusName(product->status));
    if (name == u"tags"_s) {
        QJsonArray tags;
        for (quint32 tag : product->tags)
            tags.append(pool.at(tag));
        return Resolved::value(tags);
    }
    if (name == u"createdAt"_s)
        return Resolved::value(isoTime(product->createdAt));
    if (name == u"updatedAt"_s)
        return Resolved::value(isoTime(product->updatedAt));
    if (name == u"totalInventory"_s) {
        int total = 0;
        for (const VariantRecord &variant : product->variants)
            total += available(variant);
        return Resolved::value(total);
    }
    if (name == u"hasOnlyDefaultVariant"_s) {
        return Resolved::value(product->variants.size() == 1 &&
                               m_context.data.variantTitle(product->variants.front()) == u"Default Title"_s);
    }
    if (name == u"variantsCount"_s)
        return countOf(context, qint64(product->variants.size()));
    if (name == u"mediaCount"_s)
        return countOf(context, qint64(product->media.size()));
    if (name == u"options"_s) {
        const int first = context.arguments.value(u"first"_s).toInt(int(product->optionNames.size()));
        std::vector<ObjRef> options;
        for (size_t slot = 0; slot < product->optionNames.size() && int(slot) < first; ++slot)
            options.push_back(ref(u"ProductOption"_s, product, nullptr, qint64(slot)));
        return Resolved::listOf(std::move(options));
    }
    if (name == u"variants"_s) {
        const bool byId = context.arguments.value(u"sortKey"_s).toString() == u"ID"_s;
        auto order = std::make_shared<std::vector<const VariantRecord *>>();
        for (const VariantRecord &variant : product->variants)
            order->push_back(&variant);
        if (byId)
            std::sort(order->begin(), order->end(), [](auto *a, auto *b) { return a->id < b->id; });
        OrderedSource source;
        source.size = qsizetype(order->size());
        source.byId = byId;
        source.keyAt = [order, byId](qsizetype i) {
            const VariantRecord *v = (*order)[size_t(i)];
            return SortKey{byId ? QString() : QString::number(v->position).rightJustified(5, u'0'), v->id};
        };
        source.nodeAt = [this, order, product](qsizetype i) {
            return ref(u"ProductVariant"_s, (*order)[size_t(i)], product);
        };
        return connection(context, source);
    }
    if (name == u"media"_s) {
        OrderedSource source;
        source.size = qsizetype(product->media.size());
        source.byId = false;
        source.keyAt = [product](qsizetype i) {
            return SortKey{QString::number(i).rightJustified(5, u'0'), product->media[size_t(i)].id};
        };
        source.nodeAt = [this, product](qsizetype i) {
            return ref(u"MediaImage"_s, &product->media[size_t(i)], product);
        };
        return connection(context, source);
    }
    if (name == u"collections"_s) {
        const CatalogData &data = m_context.data;
        OrderedSource source;
        source.size = qsizetype(product->collectionIds.size());
        source.keyAt = [product](qsizetype i) { return SortKey{{}, product->collectionIds[size_t(i)]}; };
        source.nodeAt = [this, product, &data](qsizetype i) {
            return ref(u"Collection"_s, data.collection(product->collectionIds[size_t(i)]));
        };
        return connection(context, source);
    }
    return Resolved::null();
}

Resolved ShopifyResolvers::productOption(FieldContext &context)
{
    const auto *product = context.parent.as<ProductRecord>();
    const auto slot = size_t(context.parent.a);
    const StringPool &pool = m_context.data.pool;
    const QString &name = context.field.name;
    if (name == u"id"_s)
        return Resolved::value(ShopifyGid::make(u"ProductOption"_s, product->id * 10 + qint64(slot) + 1));
    if (name == u"name"_s)
        return Resolved::value(pool.at(product->optionNames[slot]));
    if (name == u"position"_s)
        return Resolved::value(int(slot) + 1);
    if (name == u"values"_s) {
        QJsonArray values;
        for (const VariantRecord &variant : product->variants) {
            const quint32 value = variant.optionValues[slot];
            if (value != StringPool::None && !values.contains(pool.at(value)))
                values.append(pool.at(value));
        }
        return Resolved::value(values);
    }
    return Resolved::null();
}

Resolved ShopifyResolvers::selectedOption(FieldContext &context)
{
    const auto *product = context.parent.ownerAs<ProductRecord>();
    const auto *variant = context.parent.as<VariantRecord>();
    const auto slot = size_t(context.parent.a);
    if (context.field.name == u"name"_s)
        return Resolved::value(m_context.data.pool.at(product->optionNames[slot]));
    return Resolved::value(m_context.data.pool.at(variant->optionValues[slot]));
}

Resolved ShopifyResolvers::variant(FieldContext &context)
{
    const auto *product = context.parent.ownerAs<ProductRecord>();
    const auto *variant = context.parent.as<VariantRecord>();
    const QString &name = context.field.name;
    if (name == u"id"_s)
        return Resolved::value(ShopifyGid::variant(variant->id));
    if (name == u"legacyResourceId"_s)
        return Resolved::value(QString::number(variant->id));
    if (name == u"title"_s)
        return Resolved::value(m_context.data.variantTitle(*variant));
    if (name == u"displayName"_s)
        return Resolved::value(product->title + u" - "_s + m_context.data.variantTitle(*variant));
    if (name == u"sku"_s)
        return Resolved::value(nullable(variant->sku));
    if (name == u"barcode"_s)
        return Resolved::value(nullable(variant->barcode));
    if (name == u"price"_s)
        return Resolved::value(formatMoney(variant->price));
    if (name == u"compareAtPrice"_s)
        return variant->compareAt.isNull() ? Resolved::null()
                                           : Resolved::value(formatMoney(variant->compareAt));
    if (name == u"position"_s)
        return Resolved::value(int(variant->position));
    if (name == u"inventoryQuantity"_s)
        return Resolved::value(available(*variant));
    if (name == u"selectedOptions"_s) {
        std::vector<ObjRef> options;
        for (size_t slot = 0; slot < product->optionNames.size() && slot < variant->optionValues.size(); ++slot) {
            if (variant->optionValues[slot] != StringPool::None)
                options.push_back(ref(u"SelectedOption"_s, variant, product, qint64(slot)));
        }
        return Resolved::listOf(std::move(options));
    }
    if (name == u"inventoryItem"_s)
        return Resolved::of(ref(u"InventoryItem"_s, variant, product));
    if (name == u"product"_s)
        return Resolved::of(ref(u"Product"_s, product));
    return Resolved::null();
}

Resolved ShopifyResolvers::mediaImage(FieldContext &context)
{
    const auto *media = context.parent.as<MediaRecord>();
    const QString &name = context.field.name;
    if (name == u"id"_s)
        return Resolved::value(ShopifyGid::media(media->id));
    if (name == u"alt"_s)
        return Resolved::value(nullable(media->alt));
    if (name == u"mediaContentType"_s)
        return Resolved::value(u"IMAGE"_s);
    if (name == u"image"_s)
        return Resolved::of(ref(u"Image"_s, media));
    return Resolved::null();
}

Resolved ShopifyResolvers::image(FieldContext &context)
{
    const auto *media = context.parent.as<MediaRecord>();
    if (context.field.name == u"url"_s)
        return Resolved::value(media->url);
    if (context.field.name == u"altText"_s)
        return Resolved::value(nullable(media->alt));
    if (context.field.name == u"id"_s)
        return Resolved::value(ShopifyGid::make(u"ImageSource"_s, media->id));
    return Resolved::null();
}

Resolved ShopifyResolvers::collection(FieldContext &context)
{
    const auto *collection = context.parent.as<CollectionRecord>();
    const QString &name = context.field.name;
    if (name == u"id"_s)
        return Resolved::value(ShopifyGid::collection(collection->id));
    if (name == u"legacyResourceId"_s)
        return Resolved::value(QString::number(collection->id));
    if (name == u"title"_s)
        return Resolved::value(collection->title);
    if (name == u"handle"_s)
        return Resolved::value(collection->handle);
    if (name == u"updatedAt"_s)
        return Resolved::value(isoTime(collection->updatedAt));
    if (name == u"products"_s) {
        const CatalogData &data = m_context.data;
        OrderedSource source;
        source.size = qsizetype(collection->productIds.size());
        source.keyAt = [collection](qsizetype i) { return SortKey{{}, collection->productIds[size_t(i)]}; };
        source.nodeAt = [this, collection, &data](qsizetype i) {
            return ref(u"Product"_s, data.product(collection->productIds[size_t(i)]));
        };
        return connection(context, source);
    }
    return Resolved::null();
}

} // namespace storeloom::sandbox::shopify
