#pragma once

#include <QLoggingCategory>

namespace storeloom {
Q_DECLARE_LOGGING_CATEGORY(lcWorkspace)
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcExecutor)
Q_DECLARE_LOGGING_CATEGORY(lcImport)
} // namespace storeloom
