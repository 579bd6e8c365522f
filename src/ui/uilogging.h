#pragma once

#include <QLoggingCategory>

namespace storeloom {
Q_DECLARE_LOGGING_CATEGORY(lcUi)
} // namespace storeloom
