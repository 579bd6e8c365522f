#include "runrates.h"

#include <QDateTime>
#include <cmath>

namespace storeloom {

RunRates::RunRates(Clock clock)
{
    setClock(std::move(clock));
}

void RunRates::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock(&QDateTime::currentMSecsSinceEpoch);
}

void RunRates::observe(qint64 runId, qint64 done)
{
    QList<Sample> &samples = m_samples[runId];
    const Sample sample{m_clock(), done};
    // Refreshes come up to ten times a second: keep about one sample a second
    // by letting the newest stand in for those that follow it closely.
    if (samples.size() >= 2 && sample.atMs - samples.at(samples.size() - 2).atMs < kMinSpanMs)
        samples.last() = sample;
    else
        samples.append(sample);
    while (samples.size() > 2 && sample.atMs - samples.at(1).atMs >= kWindowMs)
        samples.removeFirst();
}

void RunRates::forget(qint64 runId)
{
    m_samples.remove(runId);
}

std::optional<double> RunRates::perSecond(qint64 runId) const
{
    const auto it = m_samples.constFind(runId);
    if (it == m_samples.cend() || it->size() < 2)
        return std::nullopt;
    const Sample &first = it->first();
    const Sample &last = it->last();
    const qint64 span = last.atMs - first.atMs;
    if (span < kMinSpanMs)
        return std::nullopt;
    // Replayed items can make the count go down; that is not negative speed.
    return qMax<qint64>(0, last.done - first.done) * 1000.0 / double(span);
}

std::optional<qint64> RunRates::eta(qint64 runId, qint64 remaining) const
{
    const std::optional<double> rate = perSecond(runId);
    if (!rate || *rate <= 0)
        return std::nullopt;
    return qint64(std::ceil(double(qMax<qint64>(0, remaining)) / *rate * 1000.0));
}

} // namespace storeloom
