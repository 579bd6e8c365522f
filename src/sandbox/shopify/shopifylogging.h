#pragma once

#include <QLoggingCategory>

namespace storeloom::sandbox::shopify {
Q_DECLARE_LOGGING_CATEGORY(lcShopifySandbox)
} // namespace storeloom::sandbox::shopify
