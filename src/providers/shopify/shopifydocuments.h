#pragma once

#include <QString>

namespace storeloom::shopify {

// The adapter's GraphQL documents, kept as .graphql resources (graphql/) so
// the contract check validates exactly what is sent. `name` is the file's
// base name, e.g. "ProductsPage".
QString document(const QString &name);

} // namespace storeloom::shopify
