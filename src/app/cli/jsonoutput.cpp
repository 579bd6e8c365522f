#include "jsonoutput.h"

#include "channelpricing.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace storeloom::cli {

namespace {

QJsonValue isoTime(std::optional<qint64> msecsSinceEpoch)
{
    if (!msecsSinceEpoch)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(*msecsSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue idOrNull(qint64 id)
{
    return id > 0 ? QJsonValue(id) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject runObject(const SyncRun &run)
{
    return {
        {QStringLiteral("id"), run.id},
        {QStringLiteral("kind"), run.kind},
        {QStringLiteral("connection_id"), idOrNull(run.connectionId)},
        {QStringLiteral("status"), nameOf(run.status)},
        {QStringLiteral("total"), run.total},
        {QStringLiteral("done"), run.total - run.remaining()},
        {QStringLiteral("remaining"), run.remaining()},
        {QStringLiteral("succeeded"), run.succeeded},
        {QStringLiteral("failed"), run.failed},
        {QStringLiteral("skipped"), run.skipped},
        {QStringLiteral("cancelled"), run.cancelled},
        {QStringLiteral("created_by"), textOrNull(run.createdBy)},
        {QStringLiteral("created_at"), isoTime(run.createdAt)},
        {QStringLiteral("finished_at"), isoTime(run.finishedAt)},
    };
}

QJsonObject itemObject(const SyncItem &item)
{
    return {
        {QStringLiteral("id"), item.id},
        {QStringLiteral("run_id"), item.runId},
        {QStringLiteral("connection_id"), idOrNull(item.connectionId)},
        {QStringLiteral("operation"), item.operation},
        {QStringLiteral("direction"), nameOf(item.direction)},
        {QStringLiteral("idempotency_key"), item.idempotencyKey},
        {QStringLiteral("entity_type"), textOrNull(item.entityType)},
        {QStringLiteral("entity_id"), idOrNull(item.entityId)},
        {QStringLiteral("state"), nameOf(item.state)},
        {QStringLiteral("attempts"), item.attempts},
        {QStringLiteral("max_attempts"), item.maxAttempts},
        {QStringLiteral("next_attempt_at"), isoTime(nextAttempt(item))},
        {QStringLiteral("lease_owner"), textOrNull(item.leaseOwner)},
        {QStringLiteral("lease_expires_at"), isoTime(item.leaseExpiresAt)},
        {QStringLiteral("last_error"), textOrNull(item.lastError)},
        {QStringLiteral("created_at"), isoTime(item.createdAt)},
        {QStringLiteral("updated_at"), isoTime(item.updatedAt)},
    };
}

template<typename Key> QJsonObject countsObject(const QMap<Key, qint64> &counts)
{
    QJsonObject object;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        object.insert(nameOf(it.key()), it.value());
    return object;
}

QString document(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

} // namespace

QString JsonOutput::initialized(const QString &path, bool created, int schemaVersion) const
{
    return document({{QStringLiteral("init"),
                      QJsonObject{{QStringLiteral("workspace"), path},
                                  {QStringLiteral("created"), created},
                                  {QStringLiteral("schema_version"), schemaVersion}}}});
}

QString JsonOutput::status(const WorkspaceStatus &status) const
{
    const QJsonObject summary{
        {QStringLiteral("workspace"), status.location},
        {QStringLiteral("schema_version"), status.schemaVersion},
        {QStringLiteral("connections"), status.connections},
        {QStringLiteral("products"), status.products},
        {QStringLiteral("runs"),
         QJsonObject{{QStringLiteral("total"), status.runCount()},
                     {QStringLiteral("by_status"), countsObject(status.runsByStatus)}}},
        {QStringLiteral("items"),
         QJsonObject{{QStringLiteral("total"), status.itemCount()},
                     {QStringLiteral("by_state"), countsObject(status.itemsByState)}}},
    };
    return document({{QStringLiteral("status"), summary}});
}

QString JsonOutput::runs(const QList<SyncRun> &runs) const
{
    QJsonArray array;
    for (const SyncRun &run : runs)
        array.append(runObject(run));
    return document({{QStringLiteral("runs"), array}});
}

QString JsonOutput::run(const SyncRun &run, const ItemCounts &items) const
{
    QJsonObject object = runObject(run);
    object.insert(QStringLiteral("plan"), textOrNull(run.plan));
    object.insert(QStringLiteral("items_by_state"), countsObject(items));
    return document({{QStringLiteral("run"), object}});
}

QString JsonOutput::items(const SyncRun &, const QList<SyncItem> &items,
                          std::optional<SyncItem::State>) const
{
    QJsonArray array;
    for (const SyncItem &item : items)
        array.append(itemObject(item));
    return document({{QStringLiteral("items"), array}});
}

QString JsonOutput::replayed(const SyncItem &item) const
{
    return document({{QStringLiteral("item"), itemObject(item)}});
}

QString JsonOutput::cancelled(const SyncRun &run, qint64 stopped, qint64 stillRunning) const
{
    return document({{QStringLiteral("cancelled_items"), stopped},
                     {QStringLiteral("running_items"), stillRunning},
                     {QStringLiteral("run"), runObject(run)}});
}

QString JsonOutput::connections(const QList<Connection> &connections) const
{
    // Only what identifies the shop and its state: never the secret's key.
    QJsonArray array;
    for (const Connection &connection : connections) {
        array.append(QJsonObject{
            {QStringLiteral("id"), connection.id},
            {QStringLiteral("provider"), connection.provider},
            {QStringLiteral("shop_id"), connection.externalShopId},
            {QStringLiteral("name"), connection.name},
            {QStringLiteral("domain"), textOrNull(connection.domain)},
            {QStringLiteral("status"), nameOf(connection.status)},
            {QStringLiteral("status_reason"), textOrNull(connection.statusReason)},
            {QStringLiteral("scopes"), QJsonArray::fromStringList(connection.scopes)},
            {QStringLiteral("inbound_enabled"), connection.inboundEnabled},
            {QStringLiteral("outbound_enabled"), connection.outboundEnabled},
            {QStringLiteral("last_active_at"), isoTime(connection.lastActiveAt)},
        });
    }
    return document({{QStringLiteral("connections"), array}});
}

QString JsonOutput::disconnected(const Connection &connection, bool deleted) const
{
    return document({{QStringLiteral("connection_id"), connection.id},
                     {QStringLiteral("status"),
                      deleted ? QStringLiteral("deleted") : QStringLiteral("disconnected")},
                     {QStringLiteral("keys_removed"), true}});
}

QString JsonOutput::connected(const Connection &connection) const
{
    return document(
        {{QStringLiteral("connection"),
          QJsonObject{{QStringLiteral("id"), connection.id},
                      {QStringLiteral("provider"), connection.provider},
                      {QStringLiteral("shop_id"), connection.externalShopId},
                      {QStringLiteral("name"), connection.name},
                      {QStringLiteral("domain"), connection.domain},
                      {QStringLiteral("status"), nameOf(connection.status)},
                      {QStringLiteral("scopes"), QJsonArray::fromStringList(connection.scopes)}}}});
}

QString JsonOutput::connectPending(const QString &providerId, const QUrl &url) const
{
    return document({{QStringLiteral("pending"),
                      QJsonObject{{QStringLiteral("provider"), providerId},
                                  {QStringLiteral("authorization_url"),
                                   QString::fromUtf8(url.toEncoded())}}}});
}

QString JsonOutput::imported(const Connection &connection,
                             const ImportOutcome &outcome) const
{
    const ImportCounts &c = outcome.counts;
    return document(
        {{QStringLiteral("import"),
          QJsonObject{{QStringLiteral("connection"), connection.id},
                      {QStringLiteral("run"), outcome.runId},
                      {QStringLiteral("mode"),
                       outcome.bulk ? QStringLiteral("bulk") : QStringLiteral("paged")},
                      {QStringLiteral("resumed"), outcome.resumed},
                      {QStringLiteral("created"), c.created},
                      {QStringLiteral("updated"), c.updated},
                      {QStringLiteral("unchanged"), c.unchanged},
                      {QStringLiteral("conflicts"), c.conflicts},
                      {QStringLiteral("flagged"), c.flagged},
                      {QStringLiteral("requests"), outcome.stats.requests},
                      {QStringLiteral("throttled"), outcome.stats.throttled},
                      {QStringLiteral("elapsed_ms"), outcome.elapsedMs}}}});
}

QString JsonOutput::publishPlan(const PublishReport &report) const
{
    // The plan as the engine keeps it (PublishPlan::toJson(), camelCase), so
    // a script reads the same document the run stores.
    QJsonObject plan = report.plan.toJson();
    plan.insert(QStringLiteral("confirmed"), false);
    return document(plan);
}

QString JsonOutput::published(const PublishReport &report) const
{
    QJsonArray products;
    for (const PlanEntry &entry : report.plan.entries) {
        const ChannelState listing = report.listings.value(entry.productId);
        QStringList errors;
        if (entry.action == PlanEntry::Action::Invalid) {
            for (const ChannelIssue &issue : entry.issues) {
                if (issue.severity == ChannelIssue::Severity::Error)
                    errors.append(issue.message);
            }
        } else if (listing.state == ChannelState::State::Failed) {
            errors.append(listing.lastError);
        }
        products.append(QJsonObject{
            {QStringLiteral("id"), entry.productId},
            {QStringLiteral("title"), entry.title},
            {QStringLiteral("action"), nameOf(entry.action)},
            {QStringLiteral("result"), publishResult(entry, listing, runIdOf(report))},
            {QStringLiteral("state"), nameOf(listing.state)},
            {QStringLiteral("listing_id"), textOrNull(listing.externalId)},
            {QStringLiteral("url"), textOrNull(listing.url)},
            {QStringLiteral("error"), textOrNull(errors.join(QStringLiteral(" ")))},
        });
    }
    QJsonArray notOffered;
    for (const NotOfferedProduct &product : report.plan.notOffered)
        notOffered.append(QJsonObject{{QStringLiteral("id"), product.productId},
                                      {QStringLiteral("title"), product.title},
                                      {QStringLiteral("reason"), nameOf(product.reason)}});
    const PublishCounts c = publishCounts(report);
    return document({{QStringLiteral("publish"),
                      QJsonObject{{QStringLiteral("confirmed"), true},
                                  {QStringLiteral("connection_id"), report.connection.id},
                                  {QStringLiteral("run_id"),
                                   report.run ? QJsonValue(report.run->id) : QJsonValue()},
                                  {QStringLiteral("status"),
                                   report.run ? QJsonValue(nameOf(report.run->status))
                                              : QJsonValue()},
                                  {QStringLiteral("api_calls"), report.plan.apiCalls()},
                                  {QStringLiteral("created"), c.created},
                                  {QStringLiteral("linked"), c.linked},
                                  {QStringLiteral("updated"), c.updated},
                                  {QStringLiteral("unchanged"), c.unchanged},
                                  {QStringLiteral("invalid"), c.invalid},
                                  {QStringLiteral("failed"), c.failed},
                                  {QStringLiteral("not_sent"), c.notSent},
                                  {QStringLiteral("not_offered"), notOffered},
                                  {QStringLiteral("products"), products}}}});
}

QString JsonOutput::channelSettings(const ChannelSettingsReport &report) const
{
    // Values are text, as the choices' values are, so a script can compare them.
    QJsonArray fields;
    for (const ChannelSettingField &field : report.fields) {
        QJsonArray choices;
        for (const ChannelChoice &choice : report.choices.value(field.key))
            choices.append(QJsonObject{{QStringLiteral("value"), choice.value},
                                       {QStringLiteral("label"), choice.label}});
        const QString value = settingText(report.settings, field.key);
        fields.append(QJsonObject{
            {QStringLiteral("key"), field.key},
            {QStringLiteral("label"), field.label},
            {QStringLiteral("required"), field.required},
            {QStringLiteral("value"), textOrNull(value)},
            {QStringLiteral("value_label"), textOrNull(choiceLabel(report, field.key, value))},
            {QStringLiteral("choices"), choices},
        });
    }
    return document({{QStringLiteral("connection"), report.connection.id},
                     {QStringLiteral("saved"), report.saved},
                     {QStringLiteral("choices_error"), textOrNull(report.choicesError)},
                     {QStringLiteral("fields"), fields},
                     {QStringLiteral("shop_currency"),
                      textOrNull(report.settings.value(pricingkeys::channelCurrency).toString())},
                     {QStringLiteral("price_rule"), report.settings.contains(pricingkeys::priceRule)
                                                       ? report.settings.value(pricingkeys::priceRule)
                                                       : QJsonValue(QJsonValue::Null)}});
}

} // namespace storeloom::cli
