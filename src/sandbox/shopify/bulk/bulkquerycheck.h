#pragma once

#include "bulkoperationstate.h"
#include "shopify/graphql/gqlast.h"

namespace storeloom::sandbox::shopify {

// What bulkOperationRunQuery checks before it creates an operation, with
// Shopify's limits: a query that parses and validates, whose top-level
// fields are connections, with at most 5 connections, nested at most 2
// deep, each nested connection's parent node selecting `id`.
class BulkQueryCheck
{
public:
    static constexpr int MaxConnections = 5;
    static constexpr int MaxDepth = 2;

    // The parsed query, or nothing and the userErrors to answer.
    static std::optional<graphql::Document> check(const QString &query, std::vector<BulkUserError> *errors);
    // The first scope a root field needs that `granted` lacks; empty: none.
    static QString missingScope(const graphql::Document &document, const QStringList &granted);
};

} // namespace storeloom::sandbox::shopify
