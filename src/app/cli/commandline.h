#pragma once

#include "publishoffer.h"
#include "syncitem.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>
#include <utility>

namespace storeloom::cli {

enum class Command {
    Init,
    Status,
    Runs,
    RunShow,
    Items,
    Replay,
    Cancel,
    Connections,
    Disconnect,
    Connect,
    Import,
    Publish,
    Unpublish,
    ChannelSettings
};

// What the person asked for, checked: ids are positive numbers, states are
// known, required options are there.
struct Invocation
{
    enum class Action { Execute, ShowHelp, ShowVersion };

    Action action = Action::Execute;
    Command command = Command::Status;
    QString helpText;      // for ShowHelp
    QString workspacePath; // empty: Workspace::defaultPath()
    bool json = false;
    bool verbose = false;
    qint64 id = 0;                        // run show ID, items --run ID, replay ITEM, cancel RUN
    std::optional<SyncItem::State> state; // items --state
    int limit = -1;                       // runs / items --limit; -1: the command's default
    bool deleteConnection = false;        // disconnect --delete
    QString providerId;                   // connect PROVIDER
    QHash<QString, QString> fields;       // connect --FIELD value, by field id
    QString importMode;                   // import --mode: auto, paged or bulk
    bool noWait = false;                  // connect --no-wait
    QString redirectUrl;                  // connect --redirect-url
    qint64 targetId = 0;                  // publish --to CONNECTION, unpublish --from CONNECTION
    QList<qint64> productIds;             // publish --product ID…; empty with --all
    bool allProducts = false;             // publish --all
    OfferIncludes includes;               // publish --include draft,archived,gone
    bool yes = false;                     // publish / unpublish --yes: send, not only plan
    QList<std::pair<QString, QString>> settingsToSet; // channel-settings --set KEY=VALUE…
    QString settingsField;                // channel-settings --field KEY; empty: every field
};

// Parses `storeloom-cli [global options] COMMAND [options] [ARGS]`: a first
// QCommandLineParser finds the command, a second one parses its options (and
// the global ones again, so `storeloom-cli runs --json` works too).
class CommandLine
{
public:
    // `arguments` starts with the program path, as QCoreApplication::arguments().
    // Throws CliError (ExitCode::Usage) with a one-line reason.
    static Invocation parse(const QStringList &arguments);

    static QString programName();
};

} // namespace storeloom::cli
