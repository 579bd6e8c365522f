#include "output.h"

#include "jsonoutput.h"
#include "listingorigin.h"
#include "textoutput.h"

namespace storeloom::cli {

std::unique_ptr<Output> Output::create(bool json)
{
    if (json)
        return std::make_unique<JsonOutput>();
    return std::make_unique<TextOutput>();
}

namespace {

// Whether this run, in this process, created the listing; an origin not
// noted (older workspaces) is taken at the plan's word.
bool wasCreatedHere(const ChannelState &listing, const PublishReport &report)
{
    const ListingOrigin::How how = ListingOrigin::of(listing, report.run ? report.run->id : 0);
    return how == ListingOrigin::How::CreatedHere || how == ListingOrigin::How::Unknown;
}

} // namespace

PublishCounts publishCounts(const PublishReport &report)
{
    PublishCounts counts;
    for (const PlanEntry &entry : report.plan.entries) {
        const ChannelState listing = report.listings.value(entry.productId);
        switch (entry.action) {
        case PlanEntry::Action::Unchanged:
            ++counts.unchanged;
            continue;
        case PlanEntry::Action::Invalid:
            ++counts.invalid;
            continue;
        case PlanEntry::Action::Create:
        case PlanEntry::Action::Update:
            break;
        }
        if (listing.state == ChannelState::State::Synced && entry.action == PlanEntry::Action::Create)
            ++(wasCreatedHere(listing, report) ? counts.created : counts.linked);
        else if (listing.state == ChannelState::State::Synced)
            ++counts.updated;
        else if (listing.state == ChannelState::State::Failed)
            ++counts.failed;
        else
            ++counts.notSent;
    }
    return counts;
}

QString publishResult(const PlanEntry &entry, const ChannelState &listing,
                      std::optional<qint64> runId)
{
    switch (entry.action) {
    case PlanEntry::Action::Unchanged:
        return QStringLiteral("unchanged");
    case PlanEntry::Action::Invalid:
        return QStringLiteral("not sent");
    case PlanEntry::Action::Create:
    case PlanEntry::Action::Update:
        break;
    }
    if (listing.state == ChannelState::State::Synced && entry.action == PlanEntry::Action::Create) {
        const ListingOrigin::How how = ListingOrigin::of(listing, runId.value_or(0));
        if (how == ListingOrigin::How::FoundAndLinked)
            return QStringLiteral("found and linked");
        if (runId && how == ListingOrigin::How::CreatedElsewhere)
            return QStringLiteral("linked (created by an earlier attempt)");
        return QStringLiteral("created");
    }
    if (listing.state == ChannelState::State::Synced)
        return QStringLiteral("updated");
    if (listing.state == ChannelState::State::Failed)
        return QStringLiteral("failed");
    return QStringLiteral("not sent");
}

QString settingText(const QJsonObject &settings, const QString &key)
{
    // Stored as strings or, for ids, numbers (like the app's Channel settings).
    const QJsonValue value = settings.value(key);
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return {};
}

QString choiceLabel(const ChannelSettingsReport &report, const QString &key, const QString &value)
{
    for (const ChannelChoice &choice : report.choices.value(key)) {
        if (choice.value == value)
            return choice.label;
    }
    return {};
}

std::optional<qint64> nextAttempt(const SyncItem &item)
{
    if (item.state == SyncItem::State::Pending || item.state == SyncItem::State::Failed)
        return item.nextAttemptAt;
    return std::nullopt;
}

} // namespace storeloom::cli
