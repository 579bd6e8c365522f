#pragma once

#include "syncitem.h"

namespace storeloom {

// Carries out one operation (e.g. "listing.create") for the executor. Called
// on worker threads, possibly for several items at once: implementations
// must be thread-safe. Throwing counts as a retryable failure.
class OperationHandler
{
public:
    virtual ~OperationHandler() = default;
    virtual ItemOutcome execute(const SyncItem &item) = 0;
};

} // namespace storeloom
