#pragma once

#include <QLoggingCategory>

namespace storeloom::cli {
Q_DECLARE_LOGGING_CATEGORY(lcCli)

// Keeps the hub's informational messages off stderr (scripts read it for the
// one-line error) unless `verbose`; QT_LOGGING_RULES still has the last word.
void configureLogging(bool verbose);
} // namespace storeloom::cli
