#include "appservices.h"

#include "connectionaccess.h"
#include "importservice.h"
#include "publishservice.h"
#include "secretstore.h"

namespace storeloom {

AppServices::AppServices(Workspace workspace, const ProviderRegistry &providers)
    : m_workspace(std::move(workspace)), m_providers(providers),
      m_secrets(std::make_unique<SecretStore>()),
      m_access(std::make_unique<ConnectionAccess>(m_workspace, *m_secrets, m_providers))
{}

PublishService &AppServices::publishing()
{
    if (!m_publishing)
        m_publishing = std::make_unique<PublishService>(m_workspace, *m_access, m_providers);
    return *m_publishing;
}

ImportService &AppServices::importing()
{
    if (!m_importing)
        m_importing = std::make_unique<ImportService>(m_workspace, *m_access, m_providers);
    return *m_importing;
}

AppServices::~AppServices()
{
    m_importing.reset();  // their workers still use the tokens and budgets
    m_publishing.reset();
    m_access->settle();   // a rotated token not yet in the keychain would be lost
    m_access.reset();
}

} // namespace storeloom
