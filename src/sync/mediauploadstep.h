#pragma once

#include "listingattempt.h"

namespace storeloom {

// "media.upload": the listing's images in rank order, each uploaded once.
// Each finished upload is noted in the mapping, so an attempt after a crash
// goes on from the next one; anything else on the listing (old images, an
// upload whose answer was lost) is removed first, so nothing is left twice.
class MediaUploadStep : public ListingStep
{
public:
    ItemOutcome run(ListingAttempt &attempt) override;
};

} // namespace storeloom
