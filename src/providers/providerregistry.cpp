#include "providerregistry.h"

namespace storeloom {

void ProviderRegistry::add(std::unique_ptr<Provider> provider)
{
    Q_ASSERT_X(!find(provider->id()), "ProviderRegistry::add", "provider id registered twice");
    m_providers.push_back(std::move(provider));
}

const Provider *ProviderRegistry::find(const QString &id) const
{
    for (const auto &provider : m_providers) {
        if (provider->id() == id)
            return provider.get();
    }
    return nullptr;
}

QList<const Provider *> ProviderRegistry::providers() const
{
    QList<const Provider *> result;
    for (const auto &provider : m_providers)
        result.append(provider.get());
    return result;
}

} // namespace storeloom
