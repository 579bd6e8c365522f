#include "settlingaccess.h"

#include "builtinproviders.h"
#include "eventwait.h"

namespace storeloom::cli {

namespace {
constexpr int kSettleTimeoutMs = 15000; // a refresh and a keychain write take well under a second
} // namespace

std::unique_ptr<AppServices> commandServices(const Workspace &workspace)
{
    return std::make_unique<AppServices>(
        workspace, builtInProviders(),
        [](const Workspace &w, SecretStore &secrets, const ProviderRegistry &providers) {
            return std::make_unique<SettlingAccess>(w, secrets, providers);
        });
}

SettlingAccess::~SettlingAccess()
{
    if (isRenewing())
        waitUntil([this] { return !isRenewing(); }, kSettleTimeoutMs);
}

} // namespace storeloom::cli
