#pragma once

#include <QMutex>

#include <chrono>

namespace storeloom::sandbox::shopify {

// Shopify's plans and their query-cost buckets (points restored per second,
// bucket size).
enum class ShopifyPlan { Standard, Advanced, Plus, Enterprise };

struct BucketLimits
{
    double restoreRate = 100;
    double maximum = 2000;

    static BucketLimits forPlan(ShopifyPlan plan);
};

struct ThrottleStatus
{
    double maximumAvailable = 0;
    double currentlyAvailable = 0;
    double restoreRate = 0;
};

// The leaky bucket one app has on one shop: a query is charged its requested
// cost up front, refused while the bucket holds less than that, and
// refunded the difference once its actual cost is known. It refills
// continuously at restoreRate points per second up to maximum. Thread-safe.
class CostBucket
{
public:
    explicit CostBucket(BucketLimits limits = {});

    // New limits and a full bucket.
    void reset(BucketLimits limits);
    BucketLimits limits() const;

    // Charges `cost` if the bucket holds that much; false (nothing charged) if not.
    bool tryCharge(qint64 cost, ThrottleStatus *status);
    void refund(qint64 points, ThrottleStatus *status);
    ThrottleStatus status();
    // Sets what the bucket holds now (tests drain it to 0 or fill it).
    void setAvailable(double points);

private:
    using Clock = std::chrono::steady_clock;

    void restore();
    ThrottleStatus snapshot() const;

    mutable QMutex m_mutex;
    BucketLimits m_limits;
    double m_available = 0;
    Clock::time_point m_updated;
};

} // namespace storeloom::sandbox::shopify
