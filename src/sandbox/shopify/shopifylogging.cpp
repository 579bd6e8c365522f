#include "shopifylogging.h"

namespace storeloom::sandbox::shopify {
Q_LOGGING_CATEGORY(lcShopifySandbox, "storeloom.sandbox.shopify", QtInfoMsg)
} // namespace storeloom::sandbox::shopify
