#pragma once

#include <QMutex>
#include <QString>

#include <optional>
#include <vector>

namespace storeloom::sandbox::shopify {

// A fault the wire shows: a forced THROTTLED answer, an HTTP 5xx, a slow
// reply, a connection reset half-way through the body, or a body cut short.
struct FaultRule
{
    enum class Kind { Throttle, HttpError, Slow, Reset, Malformed };
    enum class Target { GraphQL, BulkDownload };

    Kind kind = Kind::HttpError;
    Target target = Target::GraphQL;
    int next = 0;    // the next N matching requests
    int every = 0;   // every k-th matching request (1 = all), from now on
    int status = 503;
    int delayMs = 0;

    // "throttle:next=3", "status=503:every=10", "slow=250:next=5",
    // "reset:every=7:target=bulk", "malformed" (next=1 unless told).
    static std::optional<FaultRule> parse(const QString &spec, QString *error);
};

struct FaultDecision
{
    bool throttle = false;
    int status = 0; // 0: no HTTP error
    int delayMs = 0;
    bool reset = false;
    bool malformed = false;

    bool any() const { return throttle || status || delayMs || reset || malformed; }
};

// The rules in force. "Next N" rules form a queue: each request uses up the
// oldest one still pending (throttleNext(2) then failNext(2) gives two
// THROTTLED, then two 5xx). "Every k-th" rules count every request of their
// target from when they were added and fire on top of that; faults firing
// together combine (a 5xx hides a THROTTLED). Thread-safe.
class FaultInjector
{
public:
    void add(const FaultRule &rule);
    void clear();
    FaultDecision decide(FaultRule::Target target);

private:
    struct Active
    {
        FaultRule rule;
        qint64 seen = 0;
    };

    QMutex m_mutex;
    std::vector<Active> m_rules;
};

} // namespace storeloom::sandbox::shopify
