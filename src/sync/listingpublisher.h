#pragma once

#include "listingchannel.h"
#include "operationhandler.h"
#include "workspace.h"

#include <functional>
#include <memory>

namespace storeloom {

class ChannelMappings;

// The hub's publishing choreography for "listing.publish" items, whatever
// the channel: reads the product and its settings, lets the adapter prepare
// and check the listing, and writes it exactly once —
//  - a product whose mapping has a listing id is only ever updated;
//  - before a create the intent is recorded (as the request leaves); an
//    attempt that finds an earlier intent and no listing id first asks the
//    channel for the listing that attempt may have made;
//  - each finished step (fields, stock, each image) is noted in the mapping,
//    so an attempt after a crash goes on from there;
//  - a product another run is creating waits for it without using attempts;
//  - while attempts remain the product stays pending; the last one, or a
//    refusal no retry can fix, leaves it failed with the channel's reason.
// Thread-safe: each attempt opens its own database connection and channel.
class ListingPublisher : public OperationHandler
{
public:
    using OpenChannel = std::function<std::unique_ptr<ListingChannel>()>;

    ListingPublisher(Workspace workspace, qint64 connectionId, OpenChannel open)
        : m_workspace(std::move(workspace)), m_connectionId(connectionId), m_open(std::move(open))
    {}

    ItemOutcome execute(const SyncItem &item) override;

private:
    struct Attempt;
    ItemOutcome publish(Attempt &attempt);
    bool ensureListing(Attempt &attempt, ItemOutcome &failure);
    bool syncMedia(Attempt &attempt, ItemOutcome &failure);
    void checkpoint(Attempt &attempt, const QString &key, const QJsonValue &value);
    ItemOutcome listingGone(Attempt &attempt);
    ItemOutcome fail(Attempt &attempt, const ChannelError &error, const QString &doing);

    Workspace m_workspace;
    qint64 m_connectionId;
    OpenChannel m_open;
};

} // namespace storeloom
