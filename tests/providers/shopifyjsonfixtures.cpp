#include "shopifyjsonfixtures.h"

namespace fixtures {
const char *const kProductNode = R"({
          "id": "gid://shopify/Product/1", "title": "Scarf", "descriptionHtml": "<p>Linen</p>",
          "vendor": "Loom", "productType": "Scarves", "status": "DRAFT", "tags": ["linen", "blue"],
          "options": [{"name": "Size", "position": 2}, {"name": "Colour", "position": 1}],
          "variants": {"nodes": [{
            "id": "gid://shopify/ProductVariant/11", "title": "Blue / S", "sku": "SC-B-S",
            "barcode": null, "price": "24.50", "compareAtPrice": "30.00",
            "selectedOptions": [{"name": "Size", "value": "S"}, {"name": "Colour", "value": "Blue"}],
            "inventoryItem": {"id": "gid://shopify/InventoryItem/111",
              "measurement": {"weight": {"unit": "KILOGRAMS", "value": 0.2}},
              "inventoryLevels": {"nodes": [{"location": {"id": "gid://shopify/Location/5"},
                "quantities": [{"name": "available", "quantity": 4}, {"name": "on_hand", "quantity": 6}]}]}}}]},
          "media": {"nodes": [{"id": "gid://shopify/MediaImage/9", "alt": "front",
                               "image": {"url": "https://cdn/1.jpg"}},
                              {"id": "gid://shopify/Video/8", "alt": ""}]}
        })";
const char *const kProductWithFreePrice = R"({"id": "gid://shopify/Product/1", "title": "Scarf",
            "variants": {"nodes": [{"id": "gid://shopify/ProductVariant/11", "price": "free"}]}})";
const char *const kInventoryItemLine = R"({"id":"gid://shopify/InventoryItem/111","variant":{"id":"gid://shopify/ProductVariant/11"}})";
const char *const kInventoryLevelLine = R"({"location":{"id":"gid://shopify/Location/5"},"quantities":[{"name":"available","quantity":3},{"name":"on_hand","quantity":3}],"__parentId":"gid://shopify/InventoryItem/111"})";
const char *const kProductLine = R"({"id":"gid://shopify/Product/1","title":"Scarf","options":[{"name":"Size","position":1}]})";
const char *const kVariantLine = R"({"id":"gid://shopify/ProductVariant/11","price":"5.00","selectedOptions":[{"name":"Size","value":"S"}],"__parentId":"gid://shopify/Product/1"})";
const char *const kMediaLine = R"({"id":"gid://shopify/MediaImage/9","image":{"url":"https://cdn/1.jpg"},"__parentId":"gid://shopify/Product/1"})";
const char *const kCollectionLine = R"({"id":"gid://shopify/Collection/4","__parentId":"gid://shopify/Product/1"})";
const char *const kSecondProductLine = R"({"id":"gid://shopify/Product/2","title":"Hat"})";
const char *const kScarfLine = R"({"id":"gid://shopify/Product/1","title":"Scarf"})";
const char *const kHatLine = R"({"id":"gid://shopify/Product/2","title":"Hat"})";
const char *const kStrayVariantLine = R"({"id":"gid://shopify/ProductVariant/11","price":"1.00","__parentId":"gid://shopify/Product/1"})";
} // namespace fixtures
