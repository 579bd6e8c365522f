#include "clilogging.h"

namespace storeloom::cli {

Q_LOGGING_CATEGORY(lcCli, "storeloom.cli", QtInfoMsg)

// Without --verbose stderr holds only the command's own one-line error: the
// log (warnings included, Qt's too) would bury it, and scripts read it.
void configureLogging(bool verbose)
{
    QLoggingCategory::setFilterRules(verbose ? QStringLiteral("storeloom.*.debug=true\n"
                                                              "storeloom.*.info=true")
                                             : QStringLiteral("*.debug=false\n"
                                                              "*.info=false\n"
                                                              "*.warning=false"));
}

} // namespace storeloom::cli
