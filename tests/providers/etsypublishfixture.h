#pragma once

#include "catalog.h"
#include "etsy/etsysandbox.h"
#include "workspace.h"

#include <QJsonObject>

namespace storeloom {
class SecretStore;
}

namespace storeloom::test {

// A Live Etsy connection to the sandbox's shop whose sign-in (a fresh token
// pair and the app's keys) is in the keychain, as a connect leaves it. 0 on failure.
qint64 addEtsyConnectionWithSignIn(const Workspace &workspace, SecretStore &secrets,
                                   sandbox::etsy::EtsySandbox &sandbox);

// Channel settings every listing needs, with ids the sandbox's shop knows.
QJsonObject etsySettingsFor(sandbox::etsy::EtsySandbox &sandbox);

// A catalog product made here: `variants` sizes (one option "Size" when
// more than one), stock on one location, and images served by the sandbox.
qint64 addPublishableProduct(const Workspace &workspace, const QString &title, int variants,
                             int images, const QUrl &imageHost, qint64 stockEach = 5);

} // namespace storeloom::test
