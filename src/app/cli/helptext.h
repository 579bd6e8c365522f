#pragma once

#include "commandline.h"

#include <QList>
#include <QString>

namespace storeloom::cli {

// The names of the platforms whose catalogs this build imports: "Shopify".
QString importingPlatforms();

// One command as the help and the parser describe it.
struct CommandSpec
{
    Command command;
    QString name;     // as typed: "status", "run show"
    QString argument; // its positional argument ("ID"), empty if none
    QString idNoun;   // what the argument identifies: "run", "item"
    QString argumentHelp;
    QString synopsis;    // usage without options: "items --run ID"
    QString summary;     // one line
    QString description; // a paragraph for the command's own help
};

const QList<CommandSpec> &commandSpecs();
const CommandSpec &findCommand(Command command);

// The texts of `--help` and `COMMAND --help`, built around what
// QCommandLineParser::helpText() says about the options.
QString mainHelp(const QString &parserHelp);
QString commandHelp(const CommandSpec &spec, const QString &parserHelp);

} // namespace storeloom::cli
