#pragma once

#include "workspace.h"

#include <QString>
#include <functional>

namespace storeloom {

class SecretStore;

// A sign-in started and never finished (`connect --no-wait` whose browser
// address was never pasted back, a window closed mid-way) leaves a hidden
// placeholder connection — Authorizing, named by no shop yet — and, for a
// suspended sign-in, its state in the keychain. Once older than the expiry
// both are removed: keychain first, then the row, like ConnectionRetirement,
// so nothing in the keychain outlives the row that names it. A sign-in still
// within its time is kept, and so is the keychain entry it shares a key with.
class AbandonedSignIns
{
public:
    static constexpr qint64 DefaultExpirySeconds = 3600;
    // STORELOOM_SIGNIN_EXPIRY_SECONDS when set to a number, else one hour.
    static qint64 expiryFromEnvironment();
    // Where a suspended sign-in for `providerId` waits: one per platform.
    static QString suspendedKey(const QString &providerId);

    // Empty `error`: done; `removed` counts the connections removed.
    using Done = std::function<void(int removed, const QString &error)>;

    AbandonedSignIns(Workspace workspace, SecretStore &secrets,
                     qint64 expirySeconds = expiryFromEnvironment());

    // Calls `done` at once when nothing has expired (the keychain is not
    // touched then), else on the SecretStore's thread once it is cleaned.
    // The object may go away before `done` runs.
    void sweep(Done done) const;

private:
    Workspace m_workspace;
    SecretStore &m_secrets;
    qint64 m_expirySeconds;
};

} // namespace storeloom
