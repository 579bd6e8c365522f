#pragma once

#include "workspace.h"

#include <memory>

namespace storeloom {

class ConnectionAccess;
class ImportService;
class ProviderRegistry;
class PublishService;
class SecretStore;

// The composition root: the one place the services a process works with are
// built — the keychain, each connection's one token owner and rate budget
// (ConnectionAccess), and the publishing engine with its executor. The app
// builds one for its window; each storeloom-cli command that talks to a
// store builds one. They go in the reverse order: publishing and importing,
// whose workers use the connections' tokens and budgets, before the
// connections' access.
class AppServices
{
public:
    // `providers` must outlive the services. Going away, the services let a
    // sign-in renewal under way reach the keychain first.
    AppServices(Workspace workspace, const ProviderRegistry &providers);
    ~AppServices();
    AppServices(const AppServices &) = delete;
    AppServices &operator=(const AppServices &) = delete;

    const Workspace &workspace() const { return m_workspace; }
    const ProviderRegistry &providers() const { return m_providers; }
    SecretStore &secrets() { return *m_secrets; }
    ConnectionAccess &access() { return *m_access; }
    // Made when first asked for: a command that only imports starts no
    // publishing executor, one that only publishes no import executor.
    PublishService &publishing();
    ImportService &importing();

private:
    Workspace m_workspace;
    const ProviderRegistry &m_providers;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ConnectionAccess> m_access;
    std::unique_ptr<PublishService> m_publishing;
    std::unique_ptr<ImportService> m_importing;
};

} // namespace storeloom
