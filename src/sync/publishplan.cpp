#include "publishplan.h"

#include "pricerule.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

#include <array>

namespace storeloom {

namespace {

using Action = PlanEntry::Action;
constexpr std::array<std::pair<Action, const char *>, 4> kActions{{
    {Action::Create, "create"},
    {Action::Update, "update"},
    {Action::Unchanged, "unchanged"},
    {Action::Invalid, "invalid"},
}};

Action actionFromString(const QString &text)
{
    for (const auto &[action, name] : kActions) {
        if (text == QLatin1String(name))
            return action;
    }
    return Action::Invalid;
}

QJsonObject issueToJson(const ChannelIssue &issue)
{
    return {{QStringLiteral("severity"), issue.severity == ChannelIssue::Severity::Error
                                             ? QStringLiteral("error")
                                             : QStringLiteral("warning")},
            {QStringLiteral("field"), issue.field},
            {QStringLiteral("message"), issue.message},
            {QStringLiteral("fixHint"), issue.fixHint}};
}

constexpr std::array<NotOfferedReason, 3> kNotOfferedReasons{
    NotOfferedReason::Draft, NotOfferedReason::Archived, NotOfferedReason::Gone};

NotOfferedReason reasonFromString(const QString &text)
{
    for (const NotOfferedReason reason : kNotOfferedReasons) {
        if (text == nameOf(reason))
            return reason;
    }
    return NotOfferedReason::Draft;
}

ChannelIssue issueFromJson(const QJsonObject &json)
{
    return {json.value(QStringLiteral("severity")).toString() == QLatin1String("warning")
                ? ChannelIssue::Severity::Warning
                : ChannelIssue::Severity::Error,
            json.value(QStringLiteral("field")).toString(),
            json.value(QStringLiteral("message")).toString(),
            json.value(QStringLiteral("fixHint")).toString()};
}

QJsonObject moneyToJson(const Money &money)
{
    return {{QStringLiteral("minorUnits"), money.minorUnits},
            {QStringLiteral("currency"), money.currency},
            {QStringLiteral("text"), moneyText(money)}};
}

std::optional<Money> moneyFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    return Money{value[QStringLiteral("minorUnits")].toInteger(),
                 value[QStringLiteral("currency")].toString()};
}

} // namespace

QString PlanEntry::priceChange() const
{
    if (!priceBefore || !priceAfter)
        return {};
    return moneyText(*priceBefore) + QStringLiteral(" → ") + moneyText(*priceAfter);
}

bool PlanEntry::hasErrors() const
{
    return std::any_of(issues.cbegin(), issues.cend(), [](const ChannelIssue &issue) {
        return issue.severity == ChannelIssue::Severity::Error;
    });
}

QString nameOf(PlanEntry::Action action)
{
    for (const auto &[candidate, name] : kActions) {
        if (candidate == action)
            return QString::fromLatin1(name);
    }
    return {};
}

int PublishPlan::count(PlanEntry::Action action) const
{
    return int(std::count_if(entries.cbegin(), entries.cend(),
                             [action](const PlanEntry &entry) { return entry.action == action; }));
}

int PublishPlan::queuedCount() const
{
    return int(std::count_if(entries.cbegin(), entries.cend(),
                             [](const PlanEntry &entry) { return entry.queuedInRun > 0; }));
}

QString PublishPlan::queuedNote() const
{
    QList<qint64> runs;
    for (const PlanEntry &entry : entries) {
        if (entry.queuedInRun > 0 && !runs.contains(entry.queuedInRun))
            runs.append(entry.queuedInRun);
    }
    if (runs.isEmpty())
        return {};
    std::sort(runs.begin(), runs.end());
    QStringList names;
    for (qint64 run : runs)
        names.append(QString::number(run));
    return QCoreApplication::translate("PublishPlan",
                                       "%n of these products are still being published by run "
                                       "%1: they are left to it.",
                                       "", queuedCount())
        .arg(names.join(QStringLiteral(", ")));
}

qint64 PublishPlan::apiCalls() const
{
    qint64 calls = 0;
    for (const PlanEntry &entry : entries)
        calls += entry.queuedInRun > 0 ? 0 : entry.apiCalls;
    return calls;
}

bool PublishPlan::exceedsDailyBudget() const
{
    return remainingToday && apiCalls() > *remainingToday;
}

int PublishPlan::notOfferedCount(NotOfferedReason reason) const
{
    return int(std::count_if(notOffered.cbegin(), notOffered.cend(),
                             [reason](const NotOfferedProduct &p) { return p.reason == reason; }));
}

QString PublishPlan::summary() const
{
    QString text = QCoreApplication::translate("PublishPlan",
                                               "Create %1 · Update %2 · Unchanged %3 (skipped) · "
                                               "Cannot publish %4")
                       .arg(count(Action::Create))
                       .arg(count(Action::Update))
                       .arg(count(Action::Unchanged))
                       .arg(count(Action::Invalid));
    if (!notOffered.isEmpty())
        text += QCoreApplication::translate("PublishPlan", " · Not offered %1")
                    .arg(notOffered.size());
    return text;
}

QString PublishPlan::notOfferedSummary() const
{
    if (notOffered.isEmpty())
        return {};
    QStringList parts;
    for (const NotOfferedReason reason : kNotOfferedReasons) {
        if (const int n = notOfferedCount(reason); n > 0)
            parts.append(QStringLiteral("%1 %2").arg(n).arg(labelOf(reason)));
    }
    return QCoreApplication::translate("PublishPlan", "Not offered %1: %2")
        .arg(notOffered.size())
        .arg(parts.join(QStringLiteral(" · ")));
}

PublishPlan PublishPlan::without(const QList<qint64> &productIds) const
{
    const QSet<qint64> excluded(productIds.cbegin(), productIds.cend());
    PublishPlan plan = *this;
    plan.entries.removeIf(
        [&excluded](const PlanEntry &entry) { return excluded.contains(entry.productId); });
    return plan;
}

QJsonObject PublishPlan::toJson() const
{
    QJsonArray list;
    for (const PlanEntry &entry : entries) {
        QJsonArray issues;
        for (const ChannelIssue &issue : entry.issues)
            issues.append(issueToJson(issue));
        QJsonObject object{{QStringLiteral("productId"), entry.productId},
                           {QStringLiteral("title"), entry.title},
                           {QStringLiteral("action"), nameOf(entry.action)},
                           {QStringLiteral("issues"), issues},
                           {QStringLiteral("listingHash"), entry.listingHash},
                           {QStringLiteral("externalId"), entry.externalId},
                           {QStringLiteral("apiCalls"), entry.apiCalls}};
        if (entry.queuedInRun > 0)
            object.insert(QStringLiteral("queuedInRun"), entry.queuedInRun);
        if (entry.priceBefore && entry.priceAfter) {
            object.insert(QStringLiteral("priceBefore"), moneyToJson(*entry.priceBefore));
            object.insert(QStringLiteral("priceAfter"), moneyToJson(*entry.priceAfter));
            object.insert(QStringLiteral("priceChange"), entry.priceChange());
        }
        list.append(object);
    }
    QJsonObject json{{QStringLiteral("connectionId"), connectionId},
                     {QStringLiteral("channelName"), channelName},
                     {QStringLiteral("entries"), list},
                     {QStringLiteral("create"), count(Action::Create)},
                     {QStringLiteral("update"), count(Action::Update)},
                     {QStringLiteral("unchanged"), count(Action::Unchanged)},
                     {QStringLiteral("invalid"), count(Action::Invalid)},
                     {QStringLiteral("queued"), queuedCount()},
                     {QStringLiteral("apiCalls"), apiCalls()}};
    QJsonArray notOfferedList;
    QJsonObject notOfferedCounts;
    for (const NotOfferedProduct &product : notOffered)
        notOfferedList.append(QJsonObject{{QStringLiteral("productId"), product.productId},
                                          {QStringLiteral("title"), product.title},
                                          {QStringLiteral("reason"), nameOf(product.reason)}});
    for (const NotOfferedReason reason : kNotOfferedReasons)
        notOfferedCounts.insert(nameOf(reason), notOfferedCount(reason));
    json.insert(QStringLiteral("notOffered"), notOfferedList);
    json.insert(QStringLiteral("notOfferedCounts"), notOfferedCounts);
    if (remainingToday)
        json.insert(QStringLiteral("remainingToday"), *remainingToday);
    if (limitPerDay)
        json.insert(QStringLiteral("limitPerDay"), *limitPerDay);
    return json;
}

PublishPlan PublishPlan::fromJson(const QJsonObject &json)
{
    PublishPlan plan;
    plan.connectionId = json.value(QStringLiteral("connectionId")).toInteger();
    plan.channelName = json.value(QStringLiteral("channelName")).toString();
    for (const QJsonValue &value : json.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject object = value.toObject();
        PlanEntry entry;
        entry.productId = object.value(QStringLiteral("productId")).toInteger();
        entry.title = object.value(QStringLiteral("title")).toString();
        entry.action = actionFromString(object.value(QStringLiteral("action")).toString());
        for (const QJsonValue &issue : object.value(QStringLiteral("issues")).toArray())
            entry.issues.append(issueFromJson(issue.toObject()));
        entry.listingHash = object.value(QStringLiteral("listingHash")).toString();
        entry.externalId = object.value(QStringLiteral("externalId")).toString();
        entry.apiCalls = object.value(QStringLiteral("apiCalls")).toInt();
        entry.queuedInRun = object.value(QStringLiteral("queuedInRun")).toInteger();
        entry.priceBefore = moneyFromJson(object.value(QStringLiteral("priceBefore")));
        entry.priceAfter = moneyFromJson(object.value(QStringLiteral("priceAfter")));
        plan.entries.append(entry);
    }
    for (const QJsonValue &value : json.value(QStringLiteral("notOffered")).toArray()) {
        const QJsonObject object = value.toObject();
        plan.notOffered.append({object.value(QStringLiteral("productId")).toInteger(),
                                object.value(QStringLiteral("title")).toString(),
                                reasonFromString(object.value(QStringLiteral("reason")).toString())});
    }
    if (json.contains(QStringLiteral("remainingToday")))
        plan.remainingToday = json.value(QStringLiteral("remainingToday")).toInteger();
    if (json.contains(QStringLiteral("limitPerDay")))
        plan.limitPerDay = json.value(QStringLiteral("limitPerDay")).toInteger();
    return plan;
}

} // namespace storeloom
