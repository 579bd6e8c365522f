#pragma once

#include "importedcatalog.h"

#include <QJsonObject>
#include <optional>

namespace storeloom::shopify {

// Shopify's JSON, as ProductsPage (or a reassembled bulk export) returns it,
// into the platform-neutral catalog: money in minor units of the shop's
// currency, weights in grams, options in the product's order. GIDs are kept
// as external ids for the mappings.

// Digits after the decimal point of `currency` (2 for EUR, 0 for JPY, 3 for KWD).
int currencyExponent(const QString &currency);
// "12.5" in EUR → 1250. Exact (no floating point); nullopt when not a plain decimal.
std::optional<qint64> minorUnits(const QString &decimal, const QString &currency);
// A weight in Shopify's units (GRAMS, KILOGRAMS, OUNCES, POUNDS), rounded to grams.
std::optional<qint64> grams(double value, const QString &unit);

// Empty `problem`: the product is complete. Otherwise what is wrong with it,
// in words for the merchant, and the product must not be written.
ImportedProduct normalizeProduct(const QJsonObject &node, const QString &currency,
                                 QString *problem);
ImportedVariant normalizeVariant(const QJsonObject &node, const QString &currency,
                                 const QStringList &optionNames, QString *problem);
// One inventory level node (location + quantities) as stock.
std::optional<ImportedStock> normalizeLevel(const QJsonObject &level);

} // namespace storeloom::shopify
