#pragma once

#include "secretstore.h"

#include <functional>

namespace storeloom::test {

// Runs an asynchronous SecretStore call to completion (Other/"timeout" if the
// keychain does not answer within 30 s).
SecretStore::Result awaitKeychain(const std::function<void(SecretStore::Callback)> &call);

} // namespace storeloom::test
