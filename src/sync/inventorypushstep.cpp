#include "inventorypushstep.h"

namespace storeloom {

bool requireListing(ListingAttempt &attempt, ItemOutcome &failure)
{
    if (!attempt.ref().id.isEmpty())
        return true;
    const QString message = ListingAttempt::tr(
        "The product has no listing on the channel any more; publishing it again creates one.");
    attempt.mappings().recordFailed(attempt.connectionId(), attempt.productId(), message);
    failure = ItemOutcome::permanent(message);
    return false;
}

ItemOutcome InventoryPushStep::run(ListingAttempt &attempt)
{
    ItemOutcome failure;
    if (!requireListing(attempt, failure))
        return failure;
    const QString &hash = attempt.listing().hash;
    if (attempt.channelData().value(checkpoints::stockWritten()).toString() != hash) {
        const ChannelError stock = attempt.channel().setStock(attempt.ref().id, attempt.listing());
        if (!stock.ok())
            return attempt.fail(stock,
                                ListingAttempt::tr("writing the listing's variations and stock"));
        attempt.checkpoint(checkpoints::stockWritten(), hash);
    }
    return attempt.stepDone();
}

} // namespace storeloom
