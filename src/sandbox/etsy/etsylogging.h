#pragma once

#include <QLoggingCategory>

namespace storeloom::sandbox::etsy {
Q_DECLARE_LOGGING_CATEGORY(lcEtsySandbox)
} // namespace storeloom::sandbox::etsy
