#pragma once

#include "clierror.h"

#include <QStringList>

namespace storeloom::cli {

// storeloom-cli from arguments to exit code: parses, runs the command, prints
// its result on stdout, or one line on stderr and the matching exit code.
class Cli
{
public:
    int run(const QStringList &arguments);

private:
    static void printOut(const QString &text);
    static int fail(ExitCode code, const QString &message);
};

} // namespace storeloom::cli
