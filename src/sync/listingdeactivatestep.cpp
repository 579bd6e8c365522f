#include "listingdeactivatestep.h"

#include "leasefence.h"

namespace storeloom {

ItemOutcome ListingDeactivateStep::run(ListingAttempt &attempt)
{
    if (!attempt.state().isListed())
        return ItemOutcome::permanent(ListingAttempt::tr(
            "The product has no listing on the channel: there is nothing to unpublish."));
    const ChannelError error = attempt.channel().deactivate(attempt.ref().id);
    if (error.kind == ChannelError::Kind::NotFound)
        return attempt.listingGone();
    if (!error.ok())
        return attempt.fail(error, ListingAttempt::tr("deactivating the listing"));
    if (!ListingAttempt::stillHeld())
        return ItemOutcome::retry(LeaseFence::lostMessage());
    // Noted apart from the mapping's state, which a publish run sets to pending.
    attempt.checkpoint(checkpoints::deactivated(), true);
    attempt.mappings().recordInactive(attempt.connectionId(), attempt.productId());
    return ItemOutcome::succeeded(attempt.ref().url);
}

} // namespace storeloom
