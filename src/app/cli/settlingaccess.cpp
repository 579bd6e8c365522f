#include "settlingaccess.h"

#include "eventwait.h"

namespace storeloom::cli {

namespace {
constexpr int kSettleTimeoutMs = 15000; // a refresh and a keychain write take well under a second
} // namespace

SettlingAccess::~SettlingAccess()
{
    if (isRenewing())
        waitUntil([this] { return !isRenewing(); }, kSettleTimeoutMs);
}

} // namespace storeloom::cli
