#include "shopifyresolvers.h"

#include "shopify/catalog/catalogviews.h"

#include <QUrlQuery>

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;
using graphql::FieldContext;
using graphql::ObjRef;
using graphql::Resolved;

QString isoTime(qint64 secondsSinceEpoch)
{
    return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC).toString(Qt::ISODate);
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

const QStringList &quantityNames()
{
    static const QStringList names = {u"available"_s, u"committed"_s, u"damaged"_s,
                                      u"incoming"_s,  u"on_hand"_s,   u"quality_control"_s,
                                      u"reserved"_s,  u"safety_stock"_s};
    return names;
}

ShopifyResolvers::ShopifyResolvers(const graphql::Schema &schema, Context context)
    : m_schema(schema), m_context(std::move(context))
{
    const std::pair<const char16_t *, Resolver> table[] = {
        {u"QueryRoot", &ShopifyResolvers::queryRoot},
        {u"Mutation", &ShopifyResolvers::mutation},
        {u"BulkOperation", &ShopifyResolvers::bulkOperation},
        {u"BulkOperationRunQueryPayload", &ShopifyResolvers::bulkPayload},
        {u"BulkOperationCancelPayload", &ShopifyResolvers::bulkPayload},
        {u"BulkOperationUserError", &ShopifyResolvers::bulkUserError},
        {u"Count", &ShopifyResolvers::count},
        {u"Shop", &ShopifyResolvers::shop},
        {u"Product", &ShopifyResolvers::product},
        {u"ProductOption", &ShopifyResolvers::productOption},
        {u"SelectedOption", &ShopifyResolvers::selectedOption},
        {u"ProductVariant", &ShopifyResolvers::variant},
        {u"MediaImage", &ShopifyResolvers::mediaImage},
        {u"Image", &ShopifyResolvers::image},
        {u"Collection", &ShopifyResolvers::collection},
        {u"InventoryItem", &ShopifyResolvers::inventoryItem},
        {u"InventoryItemMeasurement", &ShopifyResolvers::measurement},
        {u"Weight", &ShopifyResolvers::weight},
        {u"InventoryLevel", &ShopifyResolvers::inventoryLevel},
        {u"InventoryQuantity", &ShopifyResolvers::inventoryQuantity},
        {u"Location", &ShopifyResolvers::location},
    };
    for (const auto &[name, resolver] : table) {
        if (const graphql::TypeDef *type = m_schema.type(QString::fromUtf16(name)))
            m_resolvers.insert(type, resolver);
    }
}

bool ShopifyResolvers::granted(const QString &scope) const
{
    if (scope.isEmpty() || m_context.grantedScopes.contains(scope))
        return true;
    // write_x implies read_x, as in Shopify.
    return scope.startsWith(u"read_"_s) &&
           m_context.grantedScopes.contains(u"write_"_s + scope.mid(5));
}

Resolved ShopifyResolvers::resolve(FieldContext &context)
{
    if (!granted(context.field.requiredScope)) {
        const QString required = u"`%1` access scope."_s.arg(context.field.requiredScope);
        return context.fail(u"Access denied for %1 field. Required access: %2"_s.arg(context.field.name, required),
                            {{u"code"_s, u"ACCESS_DENIED"_s},
                             {u"documentation"_s, u"https://shopify.dev/api/usage/access-scopes"_s},
                             {u"requiredAccess"_s, required}});
    }
    const auto found = m_resolvers.constFind(context.parent.type);
    if (found == m_resolvers.cend())
        return Resolved::null();
    return (this->**found)(context);
}

ObjRef ShopifyResolvers::ref(const QString &typeName, const void *ptr, const void *owner, qint64 a,
                             qint64 b) const
{
    return {m_schema.type(typeName), ptr, owner, a, b};
}

Resolved ShopifyResolvers::connection(FieldContext &context, const OrderedSource &source)
{
    graphql::ConnectionPage page;
    QString error;
    if (!Paginator::page(source, context.arguments, &page, &error))
        return context.fail(error);
    const graphql::ConnectionPage *stored = context.arena.make(std::move(page));
    return Resolved::of({m_schema.type(context.field.namedType), stored, nullptr, 0, 0});
}

ObjRef ShopifyResolvers::lookup(const QString &gid, graphql::Arena &arena) const
{
    QString type;
    qint64 id = 0;
    if (!ShopifyGid::parse(gid, &type, &id))
        return {};
    const CatalogData &data = m_context.data;
    if (type == u"Product"_s && granted(u"read_products"_s)) {
        if (const ProductRecord *product = data.product(id))
            return ref(type, product);
    } else if (type == u"ProductVariant"_s && granted(u"read_products"_s)) {
        if (const VariantAddress at = data.variant(id); at.variant)
            return ref(type, at.variant, at.product);
    } else if (type == u"InventoryItem"_s && granted(u"read_inventory"_s)) {
        if (const VariantAddress at = data.inventoryItem(id); at.variant)
            return ref(type, at.variant, at.product);
    } else if (type == u"InventoryLevel"_s && granted(u"read_inventory"_s)) {
        const QUrlQuery query(gid.section(u'?', 1));
        const qint64 item = query.queryItemValue(u"inventory_item_id"_s).toLongLong();
        const VariantAddress at = data.inventoryItem(item);
        const int location = data.locationIndex(id);
        if (at.variant && location >= 0)
            return ref(type, at.variant, at.product, location);
    } else if (type == u"Location"_s && granted(u"read_locations"_s)) {
        if (const LocationRecord *location = data.location(id))
            return ref(type, location);
    } else if (type == u"MediaImage"_s && granted(u"read_products"_s)) {
        if (const MediaRecord *media = data.media(id))
            return ref(type, media, data.product(data.productOfMedia.value(id)));
    } else if (type == u"Collection"_s && granted(u"read_products"_s)) {
        if (const CollectionRecord *collection = data.collection(id))
            return ref(type, collection);
    } else if (type == u"Shop"_s && id == data.shop.id) {
        return ref(type, &data.shop);
    } else if (type == u"BulkOperation"_s && m_context.bulk) {
        return bulkRef(m_context.bulk->operation(id), arena);
    }
    return {};
}

} // namespace storeloom::sandbox::shopify
