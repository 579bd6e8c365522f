#pragma once

#include "paginator.h"
#include "shopify/bulk/bulkoperationstate.h"
#include "shopify/catalog/catalogdata.h"

#include <QHash>
#include <QStringList>

namespace storeloom::sandbox::shopify {

// Field resolvers for every type of shopifySchema(), over a read-locked
// catalog. One instance per execution (a request or a bulk export).
class ShopifyResolvers : public graphql::Resolvers
{
public:
    struct Context
    {
        const CatalogData &data;
        BulkOperationControl *bulk = nullptr; // null inside a bulk export
        QStringList grantedScopes;
        QString origin; // "http://127.0.0.1:port", for bulk result URLs
    };

    ShopifyResolvers(const graphql::Schema &schema, Context context);

    graphql::Resolved resolve(graphql::FieldContext &context) override;

    graphql::ObjRef ref(const QString &typeName, const void *ptr, const void *owner = nullptr,
                        qint64 a = 0, qint64 b = 0) const;
    // The object a GID names, or a null ref.
    graphql::ObjRef lookup(const QString &gid, graphql::Arena &arena) const;
    bool granted(const QString &scope) const;

private:
    using Resolver = graphql::Resolved (ShopifyResolvers::*)(graphql::FieldContext &);

    graphql::Resolved connection(graphql::FieldContext &context, const OrderedSource &source);

    // rootresolvers.cpp
    graphql::Resolved queryRoot(graphql::FieldContext &context);
    graphql::Resolved mutation(graphql::FieldContext &context);
    graphql::Resolved bulkOperation(graphql::FieldContext &context);
    graphql::Resolved bulkPayload(graphql::FieldContext &context);
    graphql::Resolved bulkUserError(graphql::FieldContext &context);
    graphql::Resolved count(graphql::FieldContext &context);
    graphql::Resolved countOf(graphql::FieldContext &context, qint64 total);
    graphql::Resolved productsConnection(graphql::FieldContext &context);
    graphql::Resolved collectionsConnection(graphql::FieldContext &context);
    graphql::Resolved locationsConnection(graphql::FieldContext &context);
    graphql::Resolved inventoryItemsConnection(graphql::FieldContext &context);
    graphql::ObjRef bulkRef(const std::optional<BulkOperationState> &state, graphql::Arena &arena) const;
    // productresolvers.cpp
    graphql::Resolved shop(graphql::FieldContext &context);
    graphql::Resolved product(graphql::FieldContext &context);
    graphql::Resolved productOption(graphql::FieldContext &context);
    graphql::Resolved selectedOption(graphql::FieldContext &context);
    graphql::Resolved variant(graphql::FieldContext &context);
    graphql::Resolved mediaImage(graphql::FieldContext &context);
    graphql::Resolved image(graphql::FieldContext &context);
    graphql::Resolved collection(graphql::FieldContext &context);
    // inventoryresolvers.cpp
    graphql::Resolved inventoryItem(graphql::FieldContext &context);
    graphql::Resolved measurement(graphql::FieldContext &context);
    graphql::Resolved weight(graphql::FieldContext &context);
    graphql::Resolved inventoryLevel(graphql::FieldContext &context);
    graphql::Resolved inventoryQuantity(graphql::FieldContext &context);
    graphql::Resolved location(graphql::FieldContext &context);

    const graphql::Schema &m_schema;
    Context m_context;
    QHash<const graphql::TypeDef *, Resolver> m_resolvers;
};

// Shared by the resolver files.
QString isoTime(qint64 secondsSinceEpoch);
QString isoTime(const QDateTime &time);
const QStringList &quantityNames();

} // namespace storeloom::sandbox::shopify
