#pragma once

#include "channelstate.h"
#include "connection.h"
#include "catalogsource.h"
#include "publishingprovider.h"
#include "publishplan.h"
#include "syncitem.h"
#include "syncrun.h"
#include "workspacestatus.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>
#include <memory>

namespace storeloom::cli {

using ItemCounts = QMap<SyncItem::State, qint64>;

// A publish as storeloom-cli reports it: the plan, the run that carried it
// out (none while only planning, or when nothing needed sending) and each
// product's listing on the channel afterwards.
struct PublishReport
{
    Connection connection;
    QString platform; // "Etsy": whose budget and listings these are
    PublishPlan plan;
    std::optional<SyncRun> run;
    QHash<qint64, ChannelState> listings; // by product id
    // The products were named (--product): each one not offered is listed,
    // not only counted.
    bool namesNotOffered = false;
};

// What the run did, counted from the plan and the listings after it.
struct PublishCounts
{
    qint64 created = 0; // by this process in this run
    qint64 linked = 0;  // found again after a lost reply, or created by the process it resumed
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 invalid = 0; // cannot be published: never sent
    qint64 failed = 0;
    qint64 notSent = 0; // still pending: the run was stopped first
};
PublishCounts publishCounts(const PublishReport &report);
// The product's listing state after the run, as a word: created, updated, failed, …
// With `runId`, a listing another process or run created reads "linked" too.
QString publishResult(const PlanEntry &entry, const ChannelState &listing,
                      std::optional<qint64> runId = std::nullopt);
// The report's run, when one was started.
inline std::optional<qint64> runIdOf(const PublishReport &report)
{
    return report.run ? std::optional(report.run->id) : std::nullopt;
}

// channel-settings: the channel's fields, what is set, and what the shop offers.
struct ChannelSettingsReport
{
    Connection connection;
    QString platform;
    QList<ChannelSettingField> fields; // with --field, only that one
    QJsonObject settings;              // as stored: ids as numbers
    ChannelChoices choices;            // by field key; see choicesError
    QString choicesError;              // not empty: the shop's choices could not be loaded
    bool saved = false;                // --set changed and saved them
};
// A setting as text ("i_did", "1234"), empty when it is not set.
QString settingText(const QJsonObject &settings, const QString &key);
// The label of `value` among the field's choices, empty when it is not one.
QString choiceLabel(const ChannelSettingsReport &report, const QString &key, const QString &value);

// Renders what a command found as the text printed on stdout: aligned
// columns for people (TextOutput) or one JSON document for scripts
// (JsonOutput). Commands gather everything first and print once, so an error
// leaves stdout empty.
class Output
{
public:
    virtual ~Output() = default;

    // init: where the workspace is, and whether this command created it.
    virtual QString initialized(const QString &path, bool created, int schemaVersion) const = 0;
    virtual QString status(const WorkspaceStatus &status) const = 0;
    virtual QString runs(const QList<SyncRun> &runs) const = 0;
    virtual QString run(const SyncRun &run, const ItemCounts &items) const = 0;
    virtual QString items(const SyncRun &run, const QList<SyncItem> &items,
                          std::optional<SyncItem::State> filter) const = 0;
    virtual QString replayed(const SyncItem &item) const = 0;
    // `stopped` items were cancelled; `stillRunning` are finishing their attempt.
    virtual QString cancelled(const SyncRun &run, qint64 stopped, qint64 stillRunning) const = 0;

    virtual QString connections(const QList<Connection> &connections) const = 0;
    virtual QString disconnected(const Connection &connection, bool deleted) const = 0;
    virtual QString connected(const Connection &connection) const = 0;
    // A sign-in left waiting (connect --no-wait): where to go, and how to finish.
    virtual QString connectPending(const QString &providerId, const QUrl &url) const = 0;
    virtual QString imported(const Connection &connection,
                             const ImportOutcome &outcome) const = 0;
    // publish without --yes: what would be sent, what cannot be, and the cost.
    virtual QString publishPlan(const PublishReport &report) const = 0;
    // publish --yes: the counts and each product's listing address.
    virtual QString published(const PublishReport &report) const = 0;
    // channel-settings: the fields, their values and (unless saved) their choices.
    virtual QString channelSettings(const ChannelSettingsReport &report) const = 0;

    static std::unique_ptr<Output> create(bool json);
};

// When an item will next be attempted, if it waits to run at all.
std::optional<qint64> nextAttempt(const SyncItem &item);

} // namespace storeloom::cli
