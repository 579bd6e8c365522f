#pragma once

#include <QMetaType>
#include <QString>
#include <optional>

namespace storeloom {

// A catalog product as one channel has it: its mapping on that connection.
struct ChannelState
{
    enum class State {
        NotListed, // no mapping: never published there
        Pending,   // waiting in a confirmed run, or being written
        Synced,    // the listing matches the product as it was synced
        Failed,    // the last attempt failed; lastError says why
        OutOfSync, // synced, but the product changed here since
        Inactive,  // unpublished: the listing is kept on the channel, deactivated
    };

    qint64 connectionId = 0;
    qint64 productId = 0;
    State state = State::NotListed;
    QString externalId;
    QString url;
    QString lastError;
    QString sourceHash; // the product's content hash when it was last synced
    QString targetHash; // the adapter's digest of what it sent
    QString channelData; // the adapter's own notes about the listing (JSON)
    std::optional<qint64> lastSyncedAt;
    std::optional<qint64> intentItemId;
    std::optional<qint64> intentAt;

    bool isListed() const { return !externalId.isEmpty(); }
};

QString nameOf(ChannelState::State state);
std::optional<ChannelState::State> channelStateFromString(const QString &text);

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::ChannelState)
