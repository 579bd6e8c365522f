#pragma once

#include <QString>

namespace storeloom {

// Who holds a lease or runs a run: "pid<pid>-<random>@<host>", optionally
// followed by "/<worker>". A process on this host can tell that the holder's
// process has ended, so its items are taken back at once instead of when
// the lease runs out. Holders on other hosts (a shared workspace) are only
// ever presumed gone by their lease.
namespace LeaseOwner {

// This process's id, the same for its whole life.
QString ofThisProcess();
// A fresh id in this process (one per executor), "pid<pid>-<random>@<host>".
QString unique();
// True only when `owner` ran on this host and its process no longer exists.
// A recycled pid reads as alive: the lease then decides, which is safe.
bool isGone(const QString &owner);

} // namespace LeaseOwner

} // namespace storeloom
