#pragma once

#include <QString>
#include <QStringList>

namespace storeloom::listingops {

// The operations of publishing items, one per step the channel is asked for.
// A product's publish is a small group: the listing first (created or
// updated), then its stock, then its media, each run after the one before
// it succeeded.
inline QString create() { return QStringLiteral("listing.create"); }
inline QString update() { return QStringLiteral("listing.update"); }
inline QString stock() { return QStringLiteral("inventory.push"); }
inline QString media() { return QStringLiteral("media.upload"); }
// Unpublishing: the listing is deactivated on the channel.
inline QString deactivate() { return QStringLiteral("listing.deactivate"); }
// The whole publish of a product in one item, as runs queued before the
// steps were items of their own still hold.
inline QString wholePublish() { return QStringLiteral("listing.publish"); }

// Every operation a channel's publishing handler carries out.
inline QStringList all()
{
    return {create(), update(), stock(), media(), deactivate(), wholePublish()};
}
// The operations that write a product's listing in a publish run.
inline QStringList publishing() { return {create(), update(), stock(), media(), wholePublish()}; }

} // namespace storeloom::listingops
