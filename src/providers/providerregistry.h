#pragma once

#include "provider.h"

#include <QList>
#include <memory>
#include <vector>

namespace storeloom {

// The adapters this build carries. Adding a platform is one add() call in the
// composition root.
class ProviderRegistry
{
public:
    void add(std::unique_ptr<Provider> provider);
    const Provider *find(const QString &id) const;
    QList<const Provider *> providers() const;

private:
    std::vector<std::unique_ptr<Provider>> m_providers;
};

} // namespace storeloom
