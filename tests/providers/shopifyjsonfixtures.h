#pragma once

// Shopify JSON for tst_shopifynormalizer, as the Admin API and its bulk
// exports send it.
namespace fixtures {
extern const char *const kProductNode;
extern const char *const kProductWithFreePrice;
extern const char *const kInventoryItemLine;
extern const char *const kInventoryLevelLine;
extern const char *const kProductLine;
extern const char *const kVariantLine;
extern const char *const kMediaLine;
extern const char *const kCollectionLine;
extern const char *const kSecondProductLine;
extern const char *const kScarfLine;
extern const char *const kHatLine;
extern const char *const kStrayVariantLine;
} // namespace fixtures
