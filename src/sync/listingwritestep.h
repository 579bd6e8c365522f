#pragma once

#include "listingattempt.h"

namespace storeloom {

// "listing.create" and "listing.update": the listing's own fields, written
// exactly once —
//  - a product whose mapping has a listing id is only ever updated;
//  - before a create the intent is recorded (as the request leaves); an
//    attempt that finds an earlier intent and no listing id first asks the
//    channel for the listing that attempt may have made;
//  - a product another run is creating waits for it without using attempts.
class ListingWriteStep : public ListingStep
{
public:
    ItemOutcome run(ListingAttempt &attempt) override;

private:
    // The listing is on the channel when true; `created`: by this attempt.
    bool ensureListing(ListingAttempt &attempt, bool &created, ItemOutcome &failure);
};

} // namespace storeloom
