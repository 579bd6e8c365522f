#include "commandline.h"

#include "builtinproviders.h"
#include "clierror.h"
#include "helptext.h"
#include "providerregistry.h"
#include "workspace.h"
#include "workspacestatus.h"

#include <QCommandLineParser>
#include <optional>

namespace storeloom::cli {

namespace {

constexpr int kDefaultRunLimit = 500;

QString quoted(const QString &text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString validStates()
{
    QStringList names;
    for (SyncItem::State state : allItemStates())
        names.append(nameOf(state));
    return names.join(QStringLiteral(", "));
}

// The options every command accepts, before or after its name.
struct GlobalOptions
{
    QCommandLineOption workspace{
        QStringLiteral("workspace"),
        QStringLiteral("Open the workspace at <path> (default: %1). It must exist; 'init' "
                       "creates one.")
            .arg(Workspace::defaultPath()),
        QStringLiteral("path")};
    QCommandLineOption json{QStringLiteral("json"),
                            QStringLiteral("Print one JSON document on stdout instead of text.")};
    QCommandLineOption verbose{QStringLiteral("verbose"),
                               QStringLiteral("Log what the workspace and engine do, on stderr.")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                            QStringLiteral("Show this help.")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOptions({workspace, json, verbose, help});
    }
};

// Every field any platform asks for; a field id names its option (--shop-domain).
QList<ConnectField> allConnectFields()
{
    QList<ConnectField> fields;
    QStringList seen;
    for (const Provider *provider : builtInProviders().providers()) {
        for (const ConnectField &field : provider->connectFields()) {
            if (!seen.contains(field.id)) {
                seen.append(field.id);
                fields.append(field);
            }
        }
    }
    return fields;
}

QString optionName(const ConnectField &field)
{
    return QString(field.id).replace(QLatin1Char('_'), QLatin1Char('-'));
}

QString environmentName(const ConnectField &field)
{
    return QStringLiteral("STORELOOM_") + field.id.toUpper();
}

QString optionHelp(const ConnectField &field)
{
    if (field.secret)
        return QStringLiteral("%1 (secret: prefer the %2 environment variable).")
            .arg(field.label, environmentName(field));
    if (field.choices.isEmpty())
        return QStringLiteral("%1.").arg(field.label);
    QStringList choices;
    for (const ConnectField::Choice &choice : field.choices)
        choices.append(QStringLiteral("%1 (%2)").arg(choice.value, choice.label));
    return QStringLiteral("%1: %2; default %3.")
        .arg(field.label, choices.join(QStringLiteral(", ")), field.choices.first().value);
}

// The first parser: global options, then the command name; everything after
// the name is left for the command's parser.
struct MainParser
{
    QCommandLineParser parser;
    GlobalOptions global;
    QCommandLineOption version{QStringLiteral("version"),
                               QStringLiteral("Show the version and exit.")};

    MainParser()
    {
        parser.setOptionsAfterPositionalArgumentsMode(
            QCommandLineParser::ParseAsPositionalArguments);
        global.addTo(parser);
        parser.addOption(version);
        // COMMAND and its arguments are positional; the help lists the commands itself.
    }
};

// The second parser: one command's options and argument, plus the global options.
struct CommandParser
{
    QCommandLineParser parser;
    GlobalOptions global;
    QCommandLineOption limit{QStringLiteral("limit"), QString(), QStringLiteral("n")};
    QCommandLineOption run{QStringLiteral("run"),
                           QStringLiteral("The run whose items to list (required)."),
                           QStringLiteral("id")};
    QCommandLineOption deleteConnection{
        QStringLiteral("delete"),
        QStringLiteral("Also forget the connection (its runs stay in the history).")};
    QCommandLineOption state{QStringLiteral("state"),
                             QStringLiteral("Only the items in <state>: %1.").arg(validStates()),
                             QStringLiteral("state")};

    QCommandLineOption mode{QStringLiteral("mode"),
                            QStringLiteral("auto (default: bulk export for large catalogs), "
                                           "paged or bulk."),
                            QStringLiteral("mode"), QStringLiteral("auto")};

    QCommandLineOption noWait{
        QStringLiteral("no-wait"),
        QStringLiteral("Print the address to open and exit; finish later with --redirect-url.")};
    QCommandLineOption redirectUrl{
        QStringLiteral("redirect-url"),
        QStringLiteral("Finish the sign-in a 'connect --no-wait' started: the address the browser "
                       "ended on."),
        QStringLiteral("address")};

    QCommandLineOption to{QStringLiteral("to"),
                          QStringLiteral("The connection to publish to (required; see "
                                         "'connections')."),
                          QStringLiteral("connection")};
    QCommandLineOption product{QStringLiteral("product"),
                               QStringLiteral("Publish this product; repeat for more."),
                               QStringLiteral("id")};
    QCommandLineOption all{QStringLiteral("all"),
                           QStringLiteral("Publish every active product in the workspace.")};
    QCommandLineOption include{
        QStringLiteral("include"),
        QStringLiteral("Also offer products that are not active: any of draft, archived, gone "
                       "(from the store), comma-separated."),
        QStringLiteral("kinds")};
    QCommandLineOption from{QStringLiteral("from"),
                            QStringLiteral("The connection to unpublish from (required; see "
                                           "'connections')."),
                            QStringLiteral("connection")};
    QCommandLineOption unpublishProduct{
        QStringLiteral("product"), QStringLiteral("Unpublish this product; repeat for more."),
        QStringLiteral("id")};
    QCommandLineOption yes{QStringLiteral("yes"),
                           QStringLiteral("Send the plan to the channel instead of only "
                                          "printing it.")};

    QCommandLineOption set{QStringLiteral("set"),
                           QStringLiteral("Set the field <key> to <value>, one of the choices the "
                                          "shop offers (or its exact label); repeat for more."),
                           QStringLiteral("key=value")};
    QCommandLineOption field{QStringLiteral("field"),
                             QStringLiteral("Show only this field, with all its choices."),
                             QStringLiteral("key")};

    QList<std::pair<ConnectField, QCommandLineOption>> connectFields;

    explicit CommandParser(const CommandSpec &spec)
    {
        if (spec.command == Command::Connect) {
            parser.addOptions({noWait, redirectUrl});
            for (const ConnectField &field : allConnectFields()) {
                connectFields.append(
                    {field,
                     QCommandLineOption(optionName(field), optionHelp(field),
                                        QStringLiteral("value"))});
                parser.addOption(connectFields.last().second);
            }
        }
        global.addTo(parser);
        if (spec.command == Command::Runs) {
            limit.setDescription(
                QStringLiteral("Show at most <n> runs (default %1).").arg(kDefaultRunLimit));
            parser.addOption(limit);
        } else if (spec.command == Command::Items) {
            limit.setDescription(QStringLiteral("Show at most <n> items (default: all)."));
            parser.addOptions({run, state, limit});
        } else if (spec.command == Command::Disconnect) {
            parser.addOption(deleteConnection);
        } else if (spec.command == Command::Import) {
            parser.addOption(mode);
        } else if (spec.command == Command::Publish) {
            parser.addOptions({to, product, all, include, yes});
        } else if (spec.command == Command::Unpublish) {
            yes.setDescription(QStringLiteral("Deactivate the listings instead of only saying "
                                              "which ones would be."));
            parser.addOptions({from, unpublishProduct, yes});
        } else if (spec.command == Command::ChannelSettings) {
            parser.addOptions({set, field});
        }
        if (!spec.argument.isEmpty())
            parser.addPositionalArgument(spec.argument, spec.argumentHelp);
    }
};

// What the merchant gave for `provider`'s fields, checked like the GUI's form.
QHash<QString, QString> connectValues(const Provider &provider, const CommandParser &command,
                                      const QString &help)
{
    QHash<QString, QString> values;
    for (const ConnectField &field : provider.connectFields()) {
        const auto option =
            std::find_if(command.connectFields.cbegin(), command.connectFields.cend(),
                         [&](const auto &entry) { return entry.first.id == field.id; });
        QString value = command.parser.value(option->second);
        if (value.isEmpty())
            value = qEnvironmentVariable(environmentName(field).toUtf8().constData());
        value = field.valueOrDefault(value);
        if (value.isEmpty())
            throw usageError(
                QStringLiteral("%1 needs --%2 (or %3).")
                    .arg(provider.displayName(), optionName(field), environmentName(field)) +
                help);
        if (const QString problem = field.problemWith(value); !problem.isEmpty())
            throw usageError(QStringLiteral("--%1: %2").arg(optionName(field), problem));
        values.insert(field.id, value.trimmed());
    }
    return values;
}

qint64 parseId(const QString &text, const QString &noun)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        throw usageError(
            QStringLiteral("%1 is not a valid %2 id: expected a positive whole number.")
                .arg(quoted(text), noun));
    return id;
}

int parseLimit(const QString &text)
{
    bool ok = false;
    const int limit = text.toInt(&ok);
    if (!ok || limit <= 0)
        throw usageError(
            QStringLiteral("--limit needs a positive whole number, not %1.").arg(quoted(text)));
    return limit;
}

SyncItem::State parseState(const QString &text)
{
    if (const auto state = itemStateFromString(text.toLower()))
        return *state;
    throw usageError(
        QStringLiteral("Unknown state %1; valid states: %2.").arg(quoted(text), validStates()));
}

// Finds the command `name` (and, for "run", its subcommand, taken off `rest`).
const CommandSpec &resolveCommand(const QString &name, QStringList &rest)
{
    if (name == QLatin1String("run")) {
        if (!rest.isEmpty() && rest.first() == QLatin1String("show")) {
            rest.removeFirst();
            return findCommand(Command::RunShow);
        }
        if (rest.contains(QLatin1String("--help")) || rest.contains(QLatin1String("-h")))
            return findCommand(Command::RunShow);
        throw usageError(QStringLiteral("'run' needs a subcommand: %1 run show ID.")
                             .arg(CommandLine::programName()));
    }
    for (const CommandSpec &spec : commandSpecs()) {
        if (spec.name == name)
            return spec;
    }
    throw usageError(QStringLiteral("Unknown command %1; see '%2 --help' for the commands.")
                         .arg(quoted(name), CommandLine::programName()));
}

Invocation showHelp(const QString &text)
{
    Invocation invocation;
    invocation.action = Invocation::Action::ShowHelp;
    invocation.helpText = text;
    return invocation;
}

QString seeHelp(const CommandSpec &spec)
{
    return QStringLiteral(" See '%1 %2 --help'.").arg(CommandLine::programName(), spec.name);
}

// publish: --to is required; the products are either listed or --all, never both.
void parsePublishOptions(const CommandParser &command, const CommandSpec &spec,
                         Invocation &invocation)
{
    if (!command.parser.isSet(command.to))
        throw usageError(QStringLiteral("Missing --to CONNECTION: which store to publish to?") +
                         seeHelp(spec));
    invocation.targetId = parseId(command.parser.value(command.to), QStringLiteral("connection"));
    invocation.allProducts = command.parser.isSet(command.all);
    const QStringList products = command.parser.values(command.product);
    if (invocation.allProducts && !products.isEmpty())
        throw usageError(QStringLiteral("--product and --all cannot be combined: give the "
                                        "products or --all.") +
                         seeHelp(spec));
    if (!invocation.allProducts && products.isEmpty())
        throw usageError(QStringLiteral("Which products? Give --product ID (repeatable) or "
                                        "--all.") +
                         seeHelp(spec));
    for (const QString &text : products) {
        const qint64 id = parseId(text, QStringLiteral("product"));
        if (!invocation.productIds.contains(id))
            invocation.productIds.append(id);
    }
    const auto includes = OfferIncludes::parse(command.parser.value(command.include));
    if (!includes)
        throw usageError(QStringLiteral("--include takes draft, archived or gone (comma-"
                                        "separated), not %1.")
                             .arg(quoted(command.parser.value(command.include))) +
                         seeHelp(spec));
    invocation.includes = *includes;
    invocation.yes = command.parser.isSet(command.yes);
}

// unpublish: --from and at least one --product are required.
void parseUnpublishOptions(const CommandParser &command, const CommandSpec &spec,
                           Invocation &invocation)
{
    if (!command.parser.isSet(command.from))
        throw usageError(
            QStringLiteral("Missing --from CONNECTION: which store to unpublish from?") +
            seeHelp(spec));
    invocation.targetId =
        parseId(command.parser.value(command.from), QStringLiteral("connection"));
    const QStringList products = command.parser.values(command.unpublishProduct);
    if (products.isEmpty())
        throw usageError(QStringLiteral("Which products? Give --product ID (repeatable).") +
                         seeHelp(spec));
    for (const QString &text : products) {
        const qint64 id = parseId(text, QStringLiteral("product"));
        if (!invocation.productIds.contains(id))
            invocation.productIds.append(id);
    }
    invocation.yes = command.parser.isSet(command.yes);
}

// channel-settings: --set KEY=VALUE (checked against the channel's fields
// and the shop's choices when the command runs), or --field KEY.
void parseChannelSettingsOptions(const CommandParser &command, const CommandSpec &spec,
                                 Invocation &invocation)
{
    for (const QString &text : command.parser.values(command.set)) {
        const qsizetype equals = text.indexOf(QLatin1Char('='));
        const QString key = text.left(equals).trimmed();
        const QString value = equals < 0 ? QString() : text.mid(equals + 1).trimmed();
        if (key.isEmpty() || value.isEmpty())
            throw usageError(
                QStringLiteral("--set needs KEY=VALUE, not %1.").arg(quoted(text)) +
                seeHelp(spec));
        invocation.settingsToSet.append({key, value});
    }
    invocation.settingsField = command.parser.value(command.field).trimmed();
    if (command.parser.isSet(command.field) && invocation.settingsField.isEmpty())
        throw usageError(QStringLiteral("--field needs a KEY.") + seeHelp(spec));
    if (!invocation.settingsField.isEmpty() && !invocation.settingsToSet.isEmpty())
        throw usageError(QStringLiteral("--field lists one field's choices and --set changes "
                                        "settings: give one of them.") +
                         seeHelp(spec));
}

} // namespace

QString CommandLine::programName()
{
    return QStringLiteral("storeloom-cli");
}

Invocation CommandLine::parse(const QStringList &arguments)
{
    const QString program = arguments.value(0, programName());
    MainParser main;
    if (!main.parser.parse(arguments))
        throw usageError(
            QStringLiteral("%1 See '%2 --help'.").arg(main.parser.errorText(), programName()));
    if (main.parser.isSet(main.version)) {
        Invocation invocation;
        invocation.action = Invocation::Action::ShowVersion;
        return invocation;
    }

    QStringList rest = main.parser.positionalArguments();
    if (rest.isEmpty()) {
        if (main.parser.isSet(main.global.help))
            return showHelp(mainHelp(main.parser.helpText()));
        throw usageError(QStringLiteral("No command given. See '%1 --help'.").arg(programName()));
    }
    const QString name = rest.takeFirst();
    if (name == QLatin1String("help")) {
        if (rest.isEmpty())
            return showHelp(mainHelp(main.parser.helpText()));
        const QString topic = rest.takeFirst();
        const CommandSpec &spec = resolveCommand(topic, rest);
        if (!rest.isEmpty())
            throw usageError(QStringLiteral("'help' takes one command, not %1.")
                                 .arg(quoted(rest.join(QLatin1Char(' ')))));
        return showHelp(commandHelp(spec, CommandParser(spec).parser.helpText()));
    }

    const CommandSpec &spec = resolveCommand(name, rest);
    CommandParser command(spec);
    if (!command.parser.parse(QStringList{program} + rest))
        throw usageError(command.parser.errorText() + seeHelp(spec));
    if (main.parser.isSet(main.global.help) || command.parser.isSet(command.global.help))
        return showHelp(commandHelp(spec, command.parser.helpText()));

    Invocation invocation;
    invocation.command = spec.command;
    invocation.json =
        main.parser.isSet(main.global.json) || command.parser.isSet(command.global.json);
    invocation.verbose =
        main.parser.isSet(main.global.verbose) || command.parser.isSet(command.global.verbose);
    invocation.workspacePath = command.parser.isSet(command.global.workspace)
                                   ? command.parser.value(command.global.workspace)
                                   : main.parser.value(main.global.workspace);
    if ((main.parser.isSet(main.global.workspace) ||
         command.parser.isSet(command.global.workspace)) &&
        invocation.workspacePath.isEmpty())
        throw usageError(QStringLiteral("--workspace needs a path."));

    const QStringList positional = command.parser.positionalArguments();
    const int expected = spec.argument.isEmpty() ? 0 : 1;
    if (positional.size() < expected)
        throw usageError(QStringLiteral("Missing %1: usage is %2 %3 %1.")
                             .arg(spec.argument, programName(), spec.name) +
                         seeHelp(spec));
    if (positional.size() > expected)
        throw usageError(
            QStringLiteral("Unexpected argument %1.").arg(quoted(positional.at(expected))) +
            seeHelp(spec));
    if (spec.command == Command::Connect) {
        const Provider *provider = builtInProviders().find(positional.first().toLower());
        if (!provider) {
            QStringList known;
            for (const Provider *p : builtInProviders().providers())
                known.append(p->id());
            throw usageError(
                QStringLiteral("Unknown platform %1; choose one of: %2.")
                    .arg(quoted(positional.first()), known.join(QStringLiteral(", "))));
        }
        invocation.providerId = provider->id();
        invocation.noWait = command.parser.isSet(command.noWait);
        invocation.redirectUrl = command.parser.value(command.redirectUrl).trimmed();
        if (invocation.noWait && !invocation.redirectUrl.isEmpty())
            throw usageError(QStringLiteral("--no-wait starts a sign-in, --redirect-url finishes "
                                            "one: give one of them."));
        // Finishing a sign-in needs only the address: the form's values were kept.
        if (invocation.redirectUrl.isEmpty())
            invocation.fields = connectValues(*provider, command, seeHelp(spec));
    } else if (expected == 1) {
        invocation.id = parseId(positional.first(), spec.idNoun);
    }

    if (spec.command == Command::Runs) {
        invocation.limit = command.parser.isSet(command.limit)
                               ? parseLimit(command.parser.value(command.limit))
                               : kDefaultRunLimit;
    } else if (spec.command == Command::Items) {
        if (!command.parser.isSet(command.run))
            throw usageError(QStringLiteral("Missing --run ID: which run's items?") +
                             seeHelp(spec));
        invocation.id = parseId(command.parser.value(command.run), QStringLiteral("run"));
        if (command.parser.isSet(command.state))
            invocation.state = parseState(command.parser.value(command.state));
        if (command.parser.isSet(command.limit))
            invocation.limit = parseLimit(command.parser.value(command.limit));
    } else if (spec.command == Command::Disconnect) {
        invocation.deleteConnection = command.parser.isSet(command.deleteConnection);
    } else if (spec.command == Command::Import) {
        invocation.importMode = command.parser.value(command.mode).toLower();
        if (!QStringList{QStringLiteral("auto"), QStringLiteral("paged"), QStringLiteral("bulk")}
                 .contains(invocation.importMode))
            throw usageError(QStringLiteral("--mode is auto, paged or bulk, not %1.")
                                 .arg(quoted(invocation.importMode)));
    } else if (spec.command == Command::Publish) {
        parsePublishOptions(command, spec, invocation);
    } else if (spec.command == Command::Unpublish) {
        parseUnpublishOptions(command, spec, invocation);
    } else if (spec.command == Command::ChannelSettings) {
        parseChannelSettingsOptions(command, spec, invocation);
    }
    return invocation;
}

} // namespace storeloom::cli
