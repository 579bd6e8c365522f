#include "clilogging.h"

namespace storeloom::cli {

Q_LOGGING_CATEGORY(lcCli, "storeloom.cli", QtInfoMsg)

void configureLogging(bool verbose)
{
    QLoggingCategory::setFilterRules(verbose ? QStringLiteral("storeloom.*.debug=true\n"
                                                              "storeloom.*.info=true")
                                             : QStringLiteral("storeloom.*.debug=false\n"
                                                              "storeloom.*.info=false"));
}

} // namespace storeloom::cli
