#include "channelstate.h"
#include "syncitem.h"
#include "syncrun.h"

#include <array>
#include <utility>

namespace storeloom {

namespace {

template<typename Enum, std::size_t N>
QString lookupName(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[candidate, name] : names) {
        if (candidate == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> lookupValue(const std::array<std::pair<Enum, const char *>, N> &names,
                                const QString &text)
{
    for (const auto &[value, name] : names) {
        if (text == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

using Listing = ChannelState::State;
constexpr std::array<std::pair<Listing, const char *>, 6> kChannelStates{{
    {Listing::NotListed, "not_listed"},
    {Listing::Pending, "pending"},
    {Listing::Synced, "synced"},
    {Listing::Failed, "failed"},
    {Listing::OutOfSync, "out_of_sync"},
    {Listing::Inactive, "inactive"},
}};

using ItemState = SyncItem::State;
constexpr std::array<std::pair<ItemState, const char *>, 7> kItemStates{{
    {ItemState::Pending, "pending"},
    {ItemState::Running, "running"},
    {ItemState::Succeeded, "succeeded"},
    {ItemState::Skipped, "skipped"},
    {ItemState::Failed, "failed"},
    {ItemState::Dead, "dead"},
    {ItemState::Cancelled, "cancelled"},
}};

using RunStatus = SyncRun::Status;
constexpr std::array<std::pair<RunStatus, const char *>, 4> kRunStatuses{{
    {RunStatus::Running, "running"},
    {RunStatus::Succeeded, "succeeded"},
    {RunStatus::Failed, "failed"},
    {RunStatus::Cancelled, "cancelled"},
}};

constexpr std::array<std::pair<Direction, const char *>, 2> kDirections{{
    {Direction::Inbound, "inbound"},
    {Direction::Outbound, "outbound"},
}};

} // namespace

bool SyncItem::isTerminal() const
{
    return state == State::Succeeded || state == State::Skipped || state == State::Dead ||
           state == State::Cancelled;
}

QString nameOf(SyncItem::State state)
{
    return lookupName(kItemStates, state);
}
std::optional<SyncItem::State> itemStateFromString(const QString &text)
{
    return lookupValue(kItemStates, text);
}

QString nameOf(SyncRun::Status status)
{
    return lookupName(kRunStatuses, status);
}
std::optional<SyncRun::Status> runStatusFromString(const QString &text)
{
    return lookupValue(kRunStatuses, text);
}

QString nameOf(Direction direction)
{
    return lookupName(kDirections, direction);
}
std::optional<Direction> directionFromString(const QString &text)
{
    return lookupValue(kDirections, text);
}

QString nameOf(ChannelState::State state)
{
    return lookupName(kChannelStates, state);
}
std::optional<ChannelState::State> channelStateFromString(const QString &text)
{
    return lookupValue(kChannelStates, text);
}

} // namespace storeloom
