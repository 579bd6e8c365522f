#pragma once

#include "listingchannel.h"
#include "listingattempt.h"
#include "operationhandler.h"
#include "workspace.h"

#include <QHash>
#include <functional>
#include <memory>

namespace storeloom {

// The hub's publishing handler for one channel connection, whatever the
// channel: carries out each publishing item's operation (listingops) with
// the step that owns it — ListingWriteStep ("listing.create",
// "listing.update"), InventoryPushStep ("inventory.push"), MediaUploadStep
// ("media.upload"), ListingDeactivateStep ("listing.deactivate") — and a
// "listing.publish" item (queued before the steps were items) with all
// three publishing steps in one attempt.
//
// While attempts remain the product stays pending; the last one, or a
// refusal no retry can fix, leaves it failed with the channel's reason; the
// product's last step records it synced.
// Thread-safe: each attempt opens its own database connection and channel.
class ListingPublisher : public OperationHandler
{
public:
    using OpenChannel = std::function<std::unique_ptr<ListingChannel>()>;

    ListingPublisher(Workspace workspace, qint64 connectionId, OpenChannel open);
    ~ListingPublisher() override;

    ItemOutcome execute(const SyncItem &item) override;

private:
    Workspace m_workspace;
    qint64 m_connectionId;
    OpenChannel m_open;
    QHash<QString, std::shared_ptr<ListingStep>> m_steps; // by operation
};

} // namespace storeloom
