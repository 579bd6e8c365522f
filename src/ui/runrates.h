#pragma once

#include <QHash>
#include <QList>
#include <functional>
#include <optional>

namespace storeloom {

// How fast running runs move, from the counts successive refreshes saw: the
// items done over a sliding window of recent samples (a minute), so a burst
// or a stall shows within that window instead of being averaged over the
// whole run.
class RunRates
{
public:
    using Clock = std::function<qint64()>; // ms since the epoch
    static constexpr qint64 kWindowMs = 60 * 1000;
    static constexpr qint64 kMinSpanMs = 1000; // less is noise, not a rate

    // `clock` defaults to the wall clock; tests pass their own.
    explicit RunRates(Clock clock = {});

    qint64 now() const { return m_clock(); }
    void setClock(Clock clock);

    // A refresh saw `done` items of the running run `runId` done.
    void observe(qint64 runId, qint64 done);
    void forget(qint64 runId);

    // Items per second; none until the samples span kMinSpanMs.
    std::optional<double> perSecond(qint64 runId) const;
    // Milliseconds until `remaining` more items are done at that rate; none
    // while the rate is unknown or zero.
    std::optional<qint64> eta(qint64 runId, qint64 remaining) const;

private:
    struct Sample
    {
        qint64 atMs = 0;
        qint64 done = 0;
    };

    Clock m_clock;
    QHash<qint64, QList<Sample>> m_samples;
};

} // namespace storeloom
