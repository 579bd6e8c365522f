#pragma once

#include "listingattempt.h"

namespace storeloom {

// "inventory.push": the listing's variations and stock, written whole, once
// per content (the mapping notes what it was written from).
class InventoryPushStep : public ListingStep
{
public:
    ItemOutcome run(ListingAttempt &attempt) override;
};

// The listing a step after the listing's own works on: none when the mapping
// lost it meanwhile (it was deleted on the channel).
bool requireListing(ListingAttempt &attempt, ItemOutcome &failure);

} // namespace storeloom
