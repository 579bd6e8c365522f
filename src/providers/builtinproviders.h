#pragma once

namespace storeloom {

class ProviderRegistry;

// Registers every adapter this build carries; the one place a new platform is added.
void registerBuiltInProviders(ProviderRegistry &registry);
// One registry of the built-in adapters for the whole program.
const ProviderRegistry &builtInProviders();

} // namespace storeloom
