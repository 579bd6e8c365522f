#include "listingorigin.h"

#include "leaseowner.h"

#include <QJsonDocument>

namespace storeloom {

namespace {
const QString kHow = QStringLiteral("how");
const QString kBy = QStringLiteral("by");
const QString kRun = QStringLiteral("run");
const QString kFound = QStringLiteral("found");
const QString kCreated = QStringLiteral("created");
} // namespace

QJsonObject ListingOrigin::note(bool found, qint64 runId)
{
    return {{kHow, found ? kFound : kCreated}, {kBy, LeaseOwner::ofThisProcess()}, {kRun, runId}};
}

ListingOrigin::How ListingOrigin::of(const ChannelState &state, qint64 runId)
{
    return of(state, runId, LeaseOwner::ofThisProcess());
}

ListingOrigin::How ListingOrigin::of(const ChannelState &state, qint64 runId, const QString &owner)
{
    const QJsonObject origin =
        QJsonDocument::fromJson(state.channelData.toUtf8()).object().value(key()).toObject();
    const QString how = origin.value(kHow).toString();
    if (how == kFound)
        return How::FoundAndLinked;
    if (how != kCreated)
        return How::Unknown;
    const bool here = origin.value(kBy).toString() == owner && origin.value(kRun).toInteger() == runId;
    return here ? How::CreatedHere : How::CreatedElsewhere;
}

} // namespace storeloom
