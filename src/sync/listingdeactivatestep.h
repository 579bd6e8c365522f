#pragma once

#include "listingattempt.h"

namespace storeloom {

// "listing.deactivate": unpublishes a product. Its listing stays on the
// channel, inactive, and its mapping says so (inactive, the listing id kept).
class ListingDeactivateStep : public ListingStep
{
public:
    bool needsListing() const override { return false; }
    ItemOutcome run(ListingAttempt &attempt) override;
};

} // namespace storeloom
