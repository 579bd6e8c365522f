#include "logging.h"

namespace storeloom {
Q_LOGGING_CATEGORY(lcWorkspace, "storeloom.workspace", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEngine, "storeloom.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcExecutor, "storeloom.executor", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImport, "storeloom.import", QtInfoMsg)
} // namespace storeloom
