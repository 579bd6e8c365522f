#include "builtinproviders.h"

#include "etsy/etsyprovider.h"
#include "providerregistry.h"
#include "shopify/shopifyprovider.h"
#include "woocommerce/woocommerceprovider.h"

namespace storeloom {

void registerBuiltInProviders(ProviderRegistry &registry)
{
    registry.add(std::make_unique<EtsyProvider>());
    registry.add(std::make_unique<ShopifyProvider>());
    registry.add(std::make_unique<WooCommerceProvider>());
}

const ProviderRegistry &builtInProviders()
{
    static const ProviderRegistry registry = [] {
        ProviderRegistry providers;
        registerBuiltInProviders(providers);
        return providers;
    }();
    return registry;
}

} // namespace storeloom
