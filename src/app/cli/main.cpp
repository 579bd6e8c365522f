// storeloom-cli: the runs and items of a Storeloom workspace from a terminal
// or a script. See `storeloom-cli --help`.

#include "appidentity.h"
#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    storeloom::setApplicationIdentity(); // first: Workspace::defaultPath() depends on it
    return storeloom::cli::Cli().run(QCoreApplication::arguments());
}
