#include "helptext.h"

#include "builtinproviders.h"
#include "catalogimportjob.h"
#include "providerregistry.h"
#include "publishingprovider.h"

#include <algorithm>

namespace storeloom::cli {

namespace {

// QCommandLineParser starts with "Usage: <the path it was started as> …";
// the help shows its own usage line instead.
QString withoutUsageLine(const QString &parserHelp)
{
    QString text = parserHelp.section(QLatin1Char('\n'), 1);
    while (text.startsWith(QLatin1Char('\n')))
        text.remove(0, 1);
    return text;
}

// Breaks a paragraph into lines of at most `width` characters.
QString wrapped(const QString &paragraph, qsizetype width = 78)
{
    QString text;
    qsizetype lineLength = 0;
    for (const QString &word : paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (lineLength > 0 && lineLength + 1 + word.size() > width) {
            text += QLatin1Char('\n');
            lineLength = 0;
        } else if (lineLength > 0) {
            text += QLatin1Char(' ');
            ++lineLength;
        }
        text += word;
        lineLength += word.size();
    }
    return text;
}

QString exitCodes()
{
    return QStringLiteral(
               "Exit codes:\n"
               "  0  success\n"
               "  1  unexpected or database error\n"
               "  2  usage error: unknown command or option, missing or malformed argument\n"
               "  3  not found: no run, item, connection or product with that id\n"
               "  4  workspace unavailable: missing ('init' creates one), unreadable, cannot\n"
               "     be written, not a Storeloom workspace, or written by a newer Storeloom\n"
               "  5  invalid state: e.g. replaying a succeeded item, cancelling a finished run,\n"
               "     publishing to a store that cannot take listings or over today's budget,\n"
               "     unpublishing a product that has no listing there\n"
               "  6  keychain unavailable: locked, not running, or access denied\n"
               "  7  the store was not connected: authorization refused, cancelled or timed out\n"
               "  8  the store's platform failed or refused (import, publish, unpublish);\n"
               "     running again resumes\n"
               "  130  interrupted (Ctrl+C); what was done is kept, running again resumes\n"
               "On an error, stderr gets one line starting with \"%1: \" and stdout\n"
               "stays empty (with --json too) — except when publish sent products and some\n"
               "failed: stdout has every product's result, stderr a short summary.\n")
        .arg(CommandLine::programName());
}

// "a, b or c"
QString oneOf(QStringList names)
{
    names.sort(Qt::CaseInsensitive);
    const QString last = names.isEmpty() ? QString() : names.takeLast();
    return names.isEmpty() ? last : names.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

// The platforms this build speaks: their ids, or the names of those that
// take a role (import a catalog, take listings) — from the registry, so a
// new platform needs no edit here.
QString platformIds()
{
    QStringList ids;
    for (const Provider *provider : builtInProviders().providers())
        ids.append(provider->id());
    return oneOf(ids);
}

template<typename Role> QString platformsThat()
{
    QStringList names;
    for (const Provider *provider : builtInProviders().providers()) {
        if (dynamic_cast<const Role *>(provider))
            names.append(provider->displayName());
    }
    return oneOf(names);
}

} // namespace

QString importingPlatforms()
{
    return platformsThat<ImportingProvider>();
}

const QList<CommandSpec> &commandSpecs()
{
    static const QList<CommandSpec> specs{
        {Command::Init,
         QStringLiteral("init"),
         {},
         {},
         {},
         QStringLiteral("init"),
         QStringLiteral("Create a workspace (at --workspace PATH, or the default)."),
         QStringLiteral("Creates an empty workspace at --workspace PATH (or the default "
                        "location), with its folder, so a machine without the app (a server, a "
                        "cron job) can connect stores, import and publish. An existing "
                        "workspace is left as it is (and brought up to date).")},
        {Command::Status,
         QStringLiteral("status"),
         {},
         {},
         {},
         QStringLiteral("status"),
         QStringLiteral("Schema version; counts of connections, products, runs, items."),
         QStringLiteral("Shows the workspace's location and schema version, how many "
                        "connections and products it holds, its runs per status and its items "
                        "per state.")},
        {Command::Runs,
         QStringLiteral("runs"),
         {},
         {},
         {},
         QStringLiteral("runs"),
         QStringLiteral("The runs, newest first."),
         QStringLiteral("Lists the runs, newest first: id, kind, status, items done out of the "
                        "total, succeeded, failed (dead), skipped, cancelled, and when the run "
                        "was created and finished.")},
        {Command::RunShow, QStringLiteral("run show"), QStringLiteral("ID"), QStringLiteral("run"),
         QStringLiteral("The id of the run (see 'runs')."), QStringLiteral("run show ID"),
         QStringLiteral("One run, with its items per state."),
         QStringLiteral("Shows one run's fields and how many of its items are in each state.")},
        {Command::Items,
         QStringLiteral("items"),
         {},
         {},
         {},
         QStringLiteral("items --run ID"),
         QStringLiteral("A run's items."),
         QStringLiteral("Lists the items of a run in the order they were added: id, operation, "
                        "state, attempts out of the maximum, next attempt (for items waiting to "
                        "run) and the last error.")},
        {Command::Replay, QStringLiteral("replay"), QStringLiteral("ITEM"), QStringLiteral("item"),
         QStringLiteral("The id of a dead or failed item (see 'items')."),
         QStringLiteral("replay ITEM"),
         QStringLiteral("Put a dead or failed item back to run again."),
         QStringLiteral("Puts a dead or failed item back to pending with its attempts reset, "
                        "and reopens its run. Items of a cancelled run cannot be replayed.")},
        {Command::Cancel, QStringLiteral("cancel"), QStringLiteral("RUN"), QStringLiteral("run"),
         QStringLiteral("The id of a run that has not finished."), QStringLiteral("cancel RUN"),
         QStringLiteral("Cancel a run: stop its waiting items."),
         QStringLiteral("Cancels a run: its pending and failed items are stopped, items already "
                        "running finish. Prints how many items were stopped.")},
        {Command::Connections,
         QStringLiteral("connections"),
         {},
         {},
         {},
         QStringLiteral("connections"),
         QStringLiteral("The connected stores."),
         QStringLiteral("Lists the workspace's connections: id, platform, shop, domain, status "
                        "(with the reason when it failed), granted scopes and last activity. "
                        "Tokens and keys live in the system keychain and are never shown.")},
        {Command::Connect, QStringLiteral("connect"), QStringLiteral("PLATFORM"),
         QStringLiteral("platform"), QStringLiteral("The store's platform: %1.").arg(platformIds()),
         QStringLiteral("connect PLATFORM"),
         QStringLiteral("Connect a store: sign in through your browser."),
         QStringLiteral("Connects a store. Prints the address to open in your browser and waits "
                        "until the browser comes back to Storeloom; if it cannot, paste the "
                        "address it ended on and press Enter. Where the browser runs elsewhere, "
                        "--no-wait prints the address and exits, and a later connect PLATFORM "
                        "--redirect-url ADDRESS finishes the sign-in. Connecting a shop that is "
                        "already connected signs it in again. Tokens go to the system keychain "
                        "only.")},
        {Command::Import, QStringLiteral("import"), QStringLiteral("CONNECTION"),
         QStringLiteral("connection"),
         QStringLiteral("The id of a connected %1 store (see 'connections').")
             .arg(importingPlatforms()),
         QStringLiteral("import CONNECTION"),
         QStringLiteral("Import a store's catalog into the workspace."),
         QStringLiteral("Imports the store's products, variants, images, collections, locations "
                        "and stock into the workspace, as fast as the platform's rate limit "
                        "allows. Large catalogs go through the platform's bulk export. Products "
                        "that did not change are left alone; products changed both here and in "
                        "the store become conflicts instead of being overwritten; products gone "
                        "from the store are flagged, not deleted. Ctrl+C stops after the current "
                        "page; importing again continues where it stopped. Shows a progress bar "
                        "on a terminal.")},
        {Command::Publish,
         QStringLiteral("publish"),
         {},
         {},
         {},
         QStringLiteral("publish --to CONNECTION"),
         QStringLiteral("Publish products to a channel (%1): plan, then --yes.")
             .arg(platformsThat<PublishingProvider>()),
         QStringLiteral("Works out what publishing the products to the connection's channel "
                        "would do and prints the plan: how many listings it would create, "
                        "update or leave unchanged, what it costs against the channel's daily "
                        "request budget, and which products cannot be published, with the "
                        "reasons and how to fix them. Only active products are offered: drafts, "
                        "archived products and products gone from their store are counted as "
                        "not offered (each one named when given with --product) unless "
                        "--include names them. A SKU other variants share is a warning. Nothing is sent without --yes. With --yes "
                        "it publishes the plan (never more than the budget left today) with a "
                        "progress bar on a terminal, then prints each product's listing "
                        "address. Products that cannot be published are never sent. When some "
                        "fail, every product's result is still printed (with --json too), and "
                        "stderr says how many failed and how to list them. Ctrl+C "
                        "stops after the products in flight; publishing again continues with the "
                        "rest, and with those that failed.")},
        {Command::Unpublish,
         QStringLiteral("unpublish"),
         {},
         {},
         {},
         QStringLiteral("unpublish --from CONNECTION --product ID"),
         QStringLiteral("Take products off a channel (%1): deactivate their listings.")
             .arg(platformsThat<PublishingProvider>()),
         QStringLiteral("Says which listings unpublishing the products from the connection's "
                        "channel would deactivate; nothing is sent without --yes. With --yes "
                        "each listing is deactivated (kept in the shop, off sale) and the "
                        "product shows as inactive on that channel; publishing it again "
                        "updates the same listing. A product with no listing there is refused "
                        "and nothing is sent.")},
        {Command::ChannelSettings, QStringLiteral("channel-settings"),
         QStringLiteral("CONNECTION"), QStringLiteral("connection"),
         QStringLiteral("The id of a connection products are published to (see 'connections')."),
         QStringLiteral("channel-settings CONNECTION"),
         QStringLiteral("A channel's listing defaults (%1): show, or --set KEY=VALUE.")
             .arg(platformsThat<PublishingProvider>()),
         QStringLiteral("Shows the defaults every product published to the connection's channel "
                        "is listed with (such as who made it, when, the category, the shipping "
                        "and processing profiles): each field's key, whether it is required, "
                        "its value, and every choice the shop offers for it (--field KEY: one "
                        "field only). --set KEY=VALUE changes a field to one of its choices and "
                        "keeps the others; repeat it to change several at once. The same "
                        "settings as Channel settings… in the app's Connectors.")},
        {Command::Disconnect, QStringLiteral("disconnect"), QStringLiteral("ID"),
         QStringLiteral("connection"),
         QStringLiteral("The id of the connection (see 'connections')."),
         QStringLiteral("disconnect ID"),
         QStringLiteral("Disconnect a store and remove its stored keys."),
         QStringLiteral("Removes the connection's tokens and keys from the system keychain, then "
                        "marks it disconnected (with --delete: forgets it; its runs stay in the "
                        "history). If the keychain is locked or not running, nothing changes.")},
    };
    return specs;
}

const CommandSpec &findCommand(Command command)
{
    const auto &specs = commandSpecs();
    return *std::find_if(specs.cbegin(), specs.cend(),
                         [command](const CommandSpec &spec) { return spec.command == command; });
}

QString mainHelp(const QString &parserHelp)
{
    const QString program = CommandLine::programName();
    QString text = QStringLiteral("Usage: %1 [options] COMMAND [ARGS]\n\n"
                                  "Looks at and steers the sync runs of a Storeloom workspace.\n\n")
                       .arg(program);
    text += withoutUsageLine(parserHelp);

    QList<QPair<QString, QString>> rows;
    for (const CommandSpec &spec : commandSpecs())
        rows.append({spec.synopsis, spec.summary});
    rows.append({QStringLiteral("help [COMMAND]"), QStringLiteral("This help, or a command's.")});
    qsizetype width = 0;
    for (const auto &row : rows)
        width = std::max(width, row.first.size());
    text += QStringLiteral("\nCommands:\n");
    for (const auto &row : rows)
        text += QStringLiteral("  %1  %2\n").arg(row.first.leftJustified(width), row.second);
    text += QStringLiteral("\nRun '%1 COMMAND --help' for a command's options. The options "
                           "above may\nalso follow the command: %1 runs --json.\n\n")
                .arg(program);
    return text + exitCodes();
}

QString commandHelp(const CommandSpec &spec, const QString &parserHelp)
{
    QString text = QStringLiteral("Usage: %1 %2 [options]\n\n%3\n\n")
                       .arg(CommandLine::programName(), spec.synopsis, wrapped(spec.description));
    text += withoutUsageLine(parserHelp);
    return text + QLatin1Char('\n') + exitCodes();
}

} // namespace storeloom::cli
