// QueryRoot, Mutation and the bulk operation types.
#include "shopifyresolvers.h"

#include "shopify/catalog/catalogviews.h"

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;
using graphql::FieldContext;
using graphql::ObjRef;
using graphql::Resolved;

namespace {

QString paddedNumber(qint64 value)
{
    return QString::number(value).rightJustified(20, u'0');
}

} // namespace

Resolved ShopifyResolvers::queryRoot(FieldContext &context)
{
    const QString &name = context.field.name;
    const QString id = context.arguments.value(u"id"_s).toString();
    if (name == u"shop"_s)
        return Resolved::of(ref(u"Shop"_s, &m_context.data.shop));
    if (name == u"products"_s)
        return productsConnection(context);
    if (name == u"collections"_s)
        return collectionsConnection(context);
    if (name == u"locations"_s)
        return locationsConnection(context);
    if (name == u"inventoryItems"_s)
        return inventoryItemsConnection(context);
    if (name == u"productsCount"_s)
        return countOf(context, qint64(m_context.data.products.size()));
    if (name == u"collectionsCount"_s)
        return countOf(context, qint64(m_context.data.collections.size()));
    if (name == u"node"_s)
        return Resolved::of(lookup(id, context.arena));
    if (name == u"nodes"_s) {
        std::vector<ObjRef> nodes;
        for (const QJsonValue &each : context.arguments.value(u"ids"_s).toArray())
            nodes.push_back(lookup(each.toString(), context.arena));
        return Resolved::listOf(std::move(nodes));
    }
    if (name == u"currentBulkOperation"_s) {
        if (!m_context.bulk || context.arguments.value(u"type"_s).toString() == u"MUTATION"_s)
            return Resolved::null();
        return Resolved::of(bulkRef(m_context.bulk->current(), context.arena));
    }
    // product(id:), collection(id:), …: a node of the field's own type.
    const ObjRef found = lookup(id, context.arena);
    if (found && found.type->name == context.field.namedType)
        return Resolved::of(found);
    return Resolved::null();
}

Resolved ShopifyResolvers::productsConnection(FieldContext &context)
{
    const auto &products = m_context.data.products;
    const StringPool &pool = m_context.data.pool;
    const QString sortKey = context.arguments.value(u"sortKey"_s).toString();
    std::function<QString(const ProductRecord &)> value;
    if (sortKey == u"TITLE"_s)
        value = [](const ProductRecord &p) { return p.title.toLower(); };
    else if (sortKey == u"UPDATED_AT"_s)
        value = [](const ProductRecord &p) { return paddedNumber(p.updatedAt); };
    else if (sortKey == u"CREATED_AT"_s)
        value = [](const ProductRecord &p) { return paddedNumber(p.createdAt); };
    else if (sortKey == u"VENDOR"_s)
        value = [&pool](const ProductRecord &p) { return pool.at(p.vendor).toLower(); };
    else if (sortKey == u"PRODUCT_TYPE"_s)
        value = [&pool](const ProductRecord &p) { return pool.at(p.productType).toLower(); };
    OrderedSource source;
    source.size = qsizetype(products.size());
    if (!value) { // ID, and the sorts the sandbox treats as ID (RELEVANCE, PUBLISHED_AT, …)
        source.keyAt = [&products](qsizetype i) { return SortKey{{}, products[size_t(i)].id}; };
        source.nodeAt = [this, &products](qsizetype i) { return ref(u"Product"_s, &products[size_t(i)]); };
        return connection(context, source);
    }
    auto order = std::make_shared<std::vector<qsizetype>>(Paginator::order(
        source.size, [&](qsizetype a, qsizetype b) {
            return value(products[size_t(a)]) < value(products[size_t(b)]);
        }));
    source.byId = false;
    source.keyAt = [&products, order, value](qsizetype i) {
        const ProductRecord &p = products[size_t((*order)[size_t(i)])];
        return SortKey{value(p), p.id};
    };
    source.nodeAt = [this, &products, order](qsizetype i) {
        return ref(u"Product"_s, &products[size_t((*order)[size_t(i)])]);
    };
    return connection(context, source);
}

Resolved ShopifyResolvers::collectionsConnection(FieldContext &context)
{
    const auto &collections = m_context.data.collections;
    const QString sortKey = context.arguments.value(u"sortKey"_s).toString();
    OrderedSource source;
    source.size = qsizetype(collections.size());
    if (sortKey != u"TITLE"_s && sortKey != u"UPDATED_AT"_s) {
        source.keyAt = [&collections](qsizetype i) { return SortKey{{}, collections[size_t(i)].id}; };
        source.nodeAt = [this, &collections](qsizetype i) {
            return ref(u"Collection"_s, &collections[size_t(i)]);
        };
        return connection(context, source);
    }
    const bool byTitle = sortKey == u"TITLE"_s;
    auto value = [byTitle](const CollectionRecord &c) {
        return byTitle ? c.title.toLower() : paddedNumber(c.updatedAt);
    };
    auto order = std::make_shared<std::vector<qsizetype>>(Paginator::order(
        source.size, [&](qsizetype a, qsizetype b) {
            return value(collections[size_t(a)]) < value(collections[size_t(b)]);
        }));
    source.byId = false;
    source.keyAt = [&collections, order, value](qsizetype i) {
        const CollectionRecord &c = collections[size_t((*order)[size_t(i)])];
        return SortKey{value(c), c.id};
    };
    source.nodeAt = [this, &collections, order](qsizetype i) {
        return ref(u"Collection"_s, &collections[size_t((*order)[size_t(i)])]);
    };
    return connection(context, source);
}

Resolved ShopifyResolvers::locationsConnection(FieldContext &context)
{
    const bool includeInactive = context.arguments.value(u"includeInactive"_s).toBool();
    const bool byName = context.arguments.value(u"sortKey"_s).toString() == u"NAME"_s;
    auto shown = std::make_shared<std::vector<const LocationRecord *>>();
    for (const LocationRecord &location : m_context.data.locations) {
        if (location.active || includeInactive)
            shown->push_back(&location);
    }
    if (byName) {
        std::stable_sort(shown->begin(), shown->end(), [](const auto *a, const auto *b) {
            return a->name.toLower() < b->name.toLower();
        });
    }
    OrderedSource source;
    source.size = qsizetype(shown->size());
    source.byId = !byName;
    source.keyAt = [shown, byName](qsizetype i) {
        const LocationRecord *l = (*shown)[size_t(i)];
        return SortKey{byName ? l->name.toLower() : QString(), l->id};
    };
    source.nodeAt = [this, shown](qsizetype i) { return ref(u"Location"_s, (*shown)[size_t(i)]); };
    return connection(context, source);
}

Resolved ShopifyResolvers::inventoryItemsConnection(FieldContext &context)
{
    const CatalogData &data = m_context.data;
    OrderedSource source;
    source.size = qsizetype(data.inventoryItemIds.size());
    source.keyAt = [&data](qsizetype i) { return SortKey{{}, data.inventoryItemIds[size_t(i)]}; };
    source.nodeAt = [this, &data](qsizetype i) {
        const VariantAddress at = data.inventoryItem(data.inventoryItemIds[size_t(i)]);
        return ref(u"InventoryItem"_s, at.variant, at.product);
    };
    return connection(context, source);
}

// Counts stop at `limit` (null: none) and then say AT_LEAST, as Shopify's do.
Resolved ShopifyResolvers::countOf(FieldContext &context, qint64 total)
{
    const QJsonValue limit = context.arguments.value(u"limit"_s);
    const bool capped = limit.isDouble() && total > qint64(limit.toDouble());
    return Resolved::of(ref(u"Count"_s, nullptr, nullptr, capped ? qint64(limit.toDouble()) : total, capped));
}

Resolved ShopifyResolvers::count(FieldContext &context)
{
    if (context.field.name == u"count"_s)
        return Resolved::value(context.parent.a);
    return Resolved::value(context.parent.b ? u"AT_LEAST"_s : u"EXACT"_s);
}

Resolved ShopifyResolvers::mutation(FieldContext &context)
{
    if (!m_context.bulk)
        return Resolved::null();
    BulkOperationResult result;
    if (context.field.name == u"bulkOperationRunQuery"_s) {
        result = m_context.bulk->runQuery(context.arguments.value(u"query"_s).toString(),
                                          m_context.grantedScopes);
    } else if (context.field.name == u"bulkOperationCancel"_s) {
        QString type;
        qint64 id = 0;
        ShopifyGid::parse(context.arguments.value(u"id"_s).toString(), &type, &id);
        result = m_context.bulk->cancel(type == u"BulkOperation"_s ? id : 0);
    } else {
        return Resolved::null();
    }
    const BulkOperationResult *stored = context.arena.make(std::move(result));
    return Resolved::of(ref(context.field.namedType, stored));
}

Resolved ShopifyResolvers::bulkPayload(FieldContext &context)
{
    const auto *result = context.parent.as<BulkOperationResult>();
    if (context.field.name == u"bulkOperation"_s)
        return Resolved::of(bulkRef(result->operation, context.arena));
    std::vector<ObjRef> errors;
    for (const BulkUserError &error : result->userErrors)
        errors.push_back(ref(u"BulkOperationUserError"_s, &error));
    return Resolved::listOf(std::move(errors));
}

Resolved ShopifyResolvers::bulkUserError(FieldContext &context)
{
    const auto *error = context.parent.as<BulkUserError>();
    const QString &name = context.field.name;
    if (name == u"field"_s)
        return Resolved::value(error->field);
    if (name == u"message"_s)
        return Resolved::value(error->message);
    return error->code.isEmpty() ? Resolved::null() : Resolved::value(error->code);
}

ObjRef ShopifyResolvers::bulkRef(const std::optional<BulkOperationState> &state, graphql::Arena &arena) const
{
    if (!state)
        return {};
    return ref(u"BulkOperation"_s, arena.make(*state));
}

Resolved ShopifyResolvers::bulkOperation(FieldContext &context)
{
    const auto *op = context.parent.as<BulkOperationState>();
    const QString &name = context.field.name;
    auto nullable = [](const QString &text) {
        return text.isEmpty() ? Resolved::null() : Resolved::value(text);
    };
    // UnsignedInt64 is a string on the wire, as Shopify sends it.
    if (name == u"id"_s)
        return Resolved::value(ShopifyGid::make(u"BulkOperation"_s, op->id));
    if (name == u"type"_s)
        return Resolved::value(u"QUERY"_s);
    if (name == u"status"_s)
        return Resolved::value(op->status);
    if (name == u"errorCode"_s)
        return nullable(op->errorCode);
    if (name == u"objectCount"_s)
        return Resolved::value(QString::number(op->objectCount));
    if (name == u"rootObjectCount"_s)
        return Resolved::value(QString::number(op->rootObjectCount));
    if (name == u"fileSize"_s)
        return op->fileSize < 0 ? Resolved::null() : Resolved::value(QString::number(op->fileSize));
    if (name == u"url"_s)
        return op->urlPath.isEmpty() ? Resolved::null() : Resolved::value(m_context.origin + op->urlPath);
    if (name == u"partialDataUrl"_s) {
        return op->partialUrlPath.isEmpty() ? Resolved::null()
                                            : Resolved::value(m_context.origin + op->partialUrlPath);
    }
    if (name == u"query"_s)
        return Resolved::value(op->query);
    if (name == u"createdAt"_s)
        return Resolved::value(isoTime(op->createdAt));
    if (name == u"completedAt"_s)
        return op->completedAt.isValid() ? Resolved::value(isoTime(op->completedAt)) : Resolved::null();
    return Resolved::null();
}

} // namespace storeloom::sandbox::shopify
