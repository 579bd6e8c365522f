#pragma once

#include "fieldcollector.h"
#include "gqlerror.h"

namespace storeloom::sandbox::graphql {

// The requested cost of an operation, computed from the document and its
// variables before anything executes (Shopify's calculated query cost):
//
//   scalar or enum field (and lists of them)            0
//   object field (shop, inventoryItem, pageInfo, …)      1 + cost of its selection
//   list of objects (selectedOptions, quantities, …)     1 + cost of one element's selection
//   connection with first: n (or last: n)                1 + n × (1 + cost of the node's
//                                                        selection) for `nodes`, the same again
//                                                        for `edges { node }` (edges and cursor
//                                                        are free), + 1 for `pageInfo`
//   each mutation field                                  10, its payload free
//   __typename, fragments themselves                     0 (their fields count in place)
//
// Fields reached through an inline fragment or a fragment spread count as if
// written in place (for an interface, every fragment that could apply).
// The actual cost (Executor) uses the same rule with n = nodes returned.
//
// A connection without first/last, or with more than 250, is an error here,
// as in Shopify, so such a query never executes.
class QueryCost
{
public:
    static constexpr int MutationCost = 10;
    static constexpr int MaxPageSize = 250;

    QueryCost(const Schema &schema, const Document &document, const QJsonObject &variables);

    // The requested cost; paging errors land in `errors`.
    qint64 requested(const Operation &operation, std::vector<Error> *errors);

private:
    qint64 selectionCost(const QString &typeName, const std::vector<const SelectionSet *> &sets);
    qint64 fieldCost(const FieldDef &def, const CollectedField &field);
    qint64 connectionCost(const FieldDef &def, const CollectedField &field);
    void pagingError(const CollectedField &field, const QString &message, const QJsonObject &extensions);

    const Schema &m_schema;
    const QJsonObject &m_variables;
    FieldCollector m_collector;
    std::vector<Error> *m_errors = nullptr;
    std::vector<QJsonValue> m_path;
};

} // namespace storeloom::sandbox::graphql
