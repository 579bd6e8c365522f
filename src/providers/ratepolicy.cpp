#include "ratepolicy.h"

#include "ratebudget.h"

namespace storeloom {

RateTier RatePolicy::tier(const QString &name) const
{
    for (const RateTier &candidate : tiers) {
        if (!name.isEmpty() && candidate.name.compare(name, Qt::CaseInsensitive) == 0)
            return candidate;
    }
    return tiers.isEmpty() ? RateTier() : tiers.first();
}

std::shared_ptr<RateBudget> RatePolicy::createBudget(const QString &tierName) const
{
    if (tiers.isEmpty())
        return nullptr; // no limit declared: the connection is not paced
    const RateTier limits = tier(tierName);
    auto budget = std::make_shared<RateBudget>(limits.capacity, limits.refillPerSecond);
    budget->setGateCost(gateCost());
    return budget;
}

} // namespace storeloom
