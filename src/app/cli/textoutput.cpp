#include "textoutput.h"

#include "texttable.h"

#include <QDateTime>

namespace storeloom::cli {

namespace {

const QString kNone = QStringLiteral("-");

QString localTime(std::optional<qint64> msecsSinceEpoch)
{
    if (!msecsSinceEpoch)
        return kNone;
    return QDateTime::fromMSecsSinceEpoch(*msecsSinceEpoch)
        .toLocalTime()
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString number(qint64 value)
{
    return QString::number(value);
}

QString idOrNone(qint64 id)
{
    return id > 0 ? number(id) : kNone;
}

QString textOrNone(const QString &text)
{
    return text.isEmpty() ? kNone : text;
}

QString done(const SyncRun &run)
{
    return QStringLiteral("%1/%2").arg(run.total - run.remaining()).arg(run.total);
}

// "12 (running 1, succeeded 11, …)", leaving out the states nothing is in.
template<typename Key> QString breakdown(const QMap<Key, qint64> &counts)
{
    qint64 total = 0;
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        total += it.value();
        if (it.value() > 0)
            parts.append(QStringLiteral("%1 %2").arg(nameOf(it.key())).arg(it.value()));
    }
    if (parts.isEmpty())
        return number(total);
    return QStringLiteral("%1 (%2)").arg(total).arg(parts.join(QStringLiteral(", ")));
}

QString plural(qint64 count, const QString &singular, const QString &pluralForm)
{
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? singular : pluralForm);
}

} // namespace

QString TextOutput::initialized(const QString &path, bool created, int schemaVersion) const
{
    return (created ? QStringLiteral("Created the workspace %1 (schema version %2).\n")
                    : QStringLiteral("The workspace %1 already exists (schema version "
                                     "%2).\n"))
        .arg(path)
        .arg(schemaVersion);
}

QString TextOutput::status(const WorkspaceStatus &status) const
{
    return fieldList({
        {QStringLiteral("Workspace"), status.location},
        {QStringLiteral("Schema version"), number(status.schemaVersion)},
        {QStringLiteral("Connections"), number(status.connections)},
        {QStringLiteral("Products"), number(status.products)},
        {QStringLiteral("Runs"), breakdown(status.runsByStatus)},
        {QStringLiteral("Items"), breakdown(status.itemsByState)},
    });
}

QString TextOutput::runs(const QList<SyncRun> &runs) const
{
    if (runs.isEmpty())
        return QStringLiteral("No runs yet.\n");
    using Align = TextTable::Align;
    TextTable table({{QStringLiteral("ID"), Align::Right},
                     {QStringLiteral("KIND")},
                     {QStringLiteral("STATUS")},
                     {QStringLiteral("DONE"), Align::Right},
                     {QStringLiteral("SUCCEEDED"), Align::Right},
                     {QStringLiteral("FAILED"), Align::Right},
                     {QStringLiteral("SKIPPED"), Align::Right},
                     {QStringLiteral("CANCELLED"), Align::Right},
                     {QStringLiteral("CREATED")},
                     {QStringLiteral("FINISHED")}});
    for (const SyncRun &run : runs) {
        table.addRow({number(run.id), run.kind, nameOf(run.status), done(run),
                      number(run.succeeded), number(run.failed), number(run.skipped),
                      number(run.cancelled), localTime(run.createdAt), localTime(run.finishedAt)});
    }
    return table.toString();
}

QString TextOutput::run(const SyncRun &run, const ItemCounts &items) const
{
    QString text = fieldList({
        {QStringLiteral("Run"), number(run.id)},
        {QStringLiteral("Kind"), run.kind},
        {QStringLiteral("Status"), nameOf(run.status)},
        {QStringLiteral("Connection"), idOrNone(run.connectionId)},
        {QStringLiteral("Created by"), textOrNone(run.createdBy)},
        {QStringLiteral("Created"), localTime(run.createdAt)},
        {QStringLiteral("Finished"), localTime(run.finishedAt)},
        {QStringLiteral("Done"), done(run)},
        {QStringLiteral("Succeeded"), number(run.succeeded)},
        {QStringLiteral("Failed"), number(run.failed)},
        {QStringLiteral("Skipped"), number(run.skipped)},
        {QStringLiteral("Cancelled"), number(run.cancelled)},
        {QStringLiteral("Plan"),
         run.plan.isEmpty()
             ? QStringLiteral("none")
             : QStringLiteral("%1 characters (--json prints it)").arg(run.plan.size())},
    });
    TextTable counts(
        {{QStringLiteral("STATE")}, {QStringLiteral("ITEMS"), TextTable::Align::Right}});
    for (auto it = items.cbegin(); it != items.cend(); ++it)
        counts.addRow({nameOf(it.key()), number(it.value())});
    return text + QLatin1Char('\n') + counts.toString();
}

QString TextOutput::items(const SyncRun &run, const QList<SyncItem> &items,
                          std::optional<SyncItem::State> filter) const
{
    if (items.isEmpty()) {
        return filter ? QStringLiteral("Run %1 has no %2 items.\n").arg(run.id).arg(nameOf(*filter))
                      : QStringLiteral("Run %1 has no items.\n").arg(run.id);
    }
    using Align = TextTable::Align;
    TextTable table({{QStringLiteral("ID"), Align::Right},
                     {QStringLiteral("OPERATION")},
                     {QStringLiteral("STATE")},
                     {QStringLiteral("ATTEMPTS"), Align::Right},
                     {QStringLiteral("NEXT ATTEMPT")},
                     {QStringLiteral("LAST ERROR")}});
    for (const SyncItem &item : items) {
        table.addRow({number(item.id), item.operation, nameOf(item.state),
                      QStringLiteral("%1/%2").arg(item.attempts).arg(item.maxAttempts),
                      localTime(nextAttempt(item)), textOrNone(item.lastError)});
    }
    return table.toString();
}

QString TextOutput::replayed(const SyncItem &item) const
{
    return QStringLiteral("Item %1 (%2) is %3 again, attempts reset to %4/%5; run %6 will take "
                          "it up.\n")
        .arg(item.id)
        .arg(item.operation, nameOf(item.state))
        .arg(item.attempts)
        .arg(item.maxAttempts)
        .arg(item.runId);
}

QString TextOutput::cancelled(const SyncRun &run, qint64 stopped, qint64 stillRunning) const
{
    QString text =
        QStringLiteral("Run %1 cancelled: %2 stopped.")
            .arg(run.id)
            .arg(plural(stopped, QStringLiteral("waiting item"), QStringLiteral("waiting items")));
    if (stillRunning > 0)
        text += QStringLiteral(" %1 will finish first.")
                    .arg(plural(stillRunning, QStringLiteral("running item"),
                                QStringLiteral("running items")));
    return text + QLatin1Char('\n');
}

QString TextOutput::connections(const QList<Connection> &connections) const
{
    if (connections.isEmpty())
        return QStringLiteral("No stores connected yet.\n");
    TextTable table({{QStringLiteral("ID"), TextTable::Align::Right},
                     {QStringLiteral("PLATFORM")},
                     {QStringLiteral("SHOP")},
                     {QStringLiteral("DOMAIN")},
                     {QStringLiteral("STATUS")},
                     {QStringLiteral("SCOPES")},
                     {QStringLiteral("LAST ACTIVE")}});
    for (const Connection &connection : connections) {
        const QString status =
            connection.statusReason.isEmpty()
                ? nameOf(connection.status)
                : QStringLiteral("%1: %2").arg(nameOf(connection.status), connection.statusReason);
        table.addRow({number(connection.id), connection.provider, connection.name,
                      textOrNone(connection.domain), status,
                      textOrNone(connection.scopes.join(QLatin1Char(' '))),
                      localTime(connection.lastActiveAt)});
    }
    return table.toString();
}

QString TextOutput::disconnected(const Connection &connection, bool deleted) const
{
    return deleted ? QStringLiteral("Deleted %1; its keys were removed from the keychain.\n")
                         .arg(connection.name)
                   : QStringLiteral("Disconnected %1; its keys were removed from the keychain.\n")
                         .arg(connection.name);
}

QString TextOutput::connected(const Connection &connection) const
{
    return QStringLiteral("Connected %1 (%2) as connection %3; it is %4.\n")
        .arg(connection.name, connection.domain)
        .arg(connection.id)
        .arg(nameOf(connection.status));
}

QString TextOutput::connectPending(const QString &providerId, const QUrl &url) const
{
    return QStringLiteral("Open this address in a browser and sign in:\n  %1\nThen copy the "
                          "address the browser ends on and run:\n  storeloom-cli connect %2 "
                          "--redirect-url 'ADDRESS'\n")
        .arg(QString::fromUtf8(url.toEncoded()), providerId);
}

QString TextOutput::imported(const Connection &connection,
                             const ImportOutcome &outcome) const
{
    const ImportCounts &c = outcome.counts;
    return QStringLiteral("Imported %1 from %2 (run %3, %4%5): %6 new, %7 updated, %8 unchanged, "
                          "%9 in conflict, %10 no longer in the store.\n")
        .arg(c.created + c.updated + c.unchanged + c.conflicts)
        .arg(connection.name)
        .arg(outcome.runId)
        .arg(outcome.bulk ? QStringLiteral("bulk export") : QStringLiteral("paged"),
             outcome.resumed ? QStringLiteral(", resumed") : QString())
        .arg(c.created)
        .arg(c.updated)
        .arg(c.unchanged)
        .arg(c.conflicts)
        .arg(c.flagged);
}

} // namespace storeloom::cli
