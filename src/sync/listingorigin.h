#pragma once

#include "channelstate.h"

#include <QJsonObject>

namespace storeloom {

// How a product's listing came to be on the channel, so that a summary says
// what happened rather than what the plan expected: a listing found again
// after a lost reply was linked, not created, and a process that finished
// another's work did not create what that one did. Kept in the mapping's
// channel data under ListingOrigin::key().
struct ListingOrigin
{
    enum class How {
        Unknown,          // linked before origins were noted, or never by a publish
        CreatedHere,      // created by this process in this run
        CreatedElsewhere, // created by another process or run; this one went on from it
        FoundAndLinked,   // an earlier attempt's create found again on the channel and linked
    };

    static QString key() { return QStringLiteral("listingOrigin"); }
    // The note for a listing this process just created (or found) for `runId`.
    static QJsonObject note(bool found, qint64 runId);
    // `state`'s origin as seen by this process, for run `runId`.
    static How of(const ChannelState &state, qint64 runId);
    // As seen by `owner` (a LeaseOwner id): for tests and other processes.
    static How of(const ChannelState &state, qint64 runId, const QString &owner);
};

} // namespace storeloom
