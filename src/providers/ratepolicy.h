#pragma once

#include <QList>
#include <QString>
#include <memory>

namespace storeloom {

class RateBudget;

// One plan (tier) a platform sells, as the limit one connection gets on it.
struct RateTier
{
    QString name;        // as the platform names the plan: "Standard", "Plus", …
    double capacity = 0; // units the bucket holds: requests, or the platform's cost points
    double refillPerSecond = 0;
};

// What a platform allows one connection, as its provider declares it — the
// hub turns it into the connection's one RateBudget (ConnectionAccess), which
// the Executor's gate and the adapter's client share.
//
//  - tiers: the platform's plans; the first is assumed until the platform
//    reports its own numbers (its client feeds the budget from the
//    platform's throttle feedback: a cost bucket, per-second headers,
//    Retry-After), so it should be the most conservative one.
//  - requestsPerDay: the platform's default daily allowance (0: none).
//  - metering: who takes units from the budget. A platform's limit must be
//    counted once: when the adapter's client takes a unit (or a query's
//    cost) for every request it sends, the Executor's gate takes nothing per
//    item and only holds items back while the connection is paused (a
//    Retry-After) or empty; taking one there as well would halve the rate
//    for one-request items. An adapter that sends without metering leaves
//    the pacing to the gate, which then takes one unit per item.
struct RatePolicy
{
    enum class Metering {
        PerRequest, // the adapter's client takes units for each request it sends
        PerItem,    // the adapter does not meter: the gate takes one unit per item
    };

    QList<RateTier> tiers;
    qint64 requestsPerDay = 0;
    Metering metering = Metering::PerRequest;

    // The named tier (case-insensitive), else the assumed (first) one.
    RateTier tier(const QString &name = {}) const;
    // What the Executor's gate takes per item (RateBudget::gateCost).
    double gateCost() const { return metering == Metering::PerItem ? 1.0 : 0.0; }
    // A full budget with the tier's limits and this policy's gate cost; null
    // when no tier is declared (nothing paces the connection).
    std::shared_ptr<RateBudget> createBudget(const QString &tierName = {}) const;
};

} // namespace storeloom
