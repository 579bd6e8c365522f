#pragma once

#include "shopify/graphql/gqlschema.h"

namespace storeloom::sandbox::shopify {

// The Admin API types the sandbox serves, built once.
const graphql::Schema &shopifySchema();

} // namespace storeloom::sandbox::shopify
