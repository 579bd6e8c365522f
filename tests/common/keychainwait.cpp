#include "keychainwait.h"

#include <QTest>
#include <optional>

namespace storeloom::test {

SecretStore::Result awaitKeychain(const std::function<void(SecretStore::Callback)> &call)
{
    std::optional<SecretStore::Result> result;
    call([&](const SecretStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        qWarning("the keychain did not answer within 30 s");
    return result.value_or(
        SecretStore::Result{SecretStore::Error::Other, QStringLiteral("timeout"), {}});
}

} // namespace storeloom::test
