#pragma once

#include "catalog.h"
#include "etsy/etsysandbox.h"
#include "syncrun.h"
#include "workspace.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace storeloom {
class ProviderRegistry;
class SecretStore;
}

namespace storeloom::test {

// A Live Etsy connection to the sandbox's shop whose sign-in (a fresh token
// pair and the app's keys) is in the keychain, as a connect leaves it. 0 on failure.
qint64 addEtsyConnectionWithSignIn(const Workspace &workspace, SecretStore &secrets,
                                   sandbox::etsy::EtsySandbox &sandbox);

// Channel settings every listing needs, with ids the sandbox's shop knows.
QJsonObject etsySettingsFor(sandbox::etsy::EtsySandbox &sandbox);

// addEtsyConnectionWithSignIn(), with etsySettingsFor() stored as the
// connection's channel settings. 0 on failure.
qint64 addEtsyChannel(const Workspace &workspace, SecretStore &secrets,
                      sandbox::etsy::EtsySandbox &sandbox);

// The environment that points a storeloom-cli process's Etsy at the sandbox.
QHash<QString, QString> etsyCliEnvironment(const sandbox::etsy::EtsySandbox &sandbox);

// A Live WooCommerce connection ("Corner shop"): a store products cannot be
// published to.
qint64 addWooCommerceConnection(const Workspace &workspace);

// Adds Etsy to `providers`, every endpoint of it at the sandbox.
void addEtsyProvider(ProviderRegistry &providers, const sandbox::etsy::EtsySandbox &sandbox);

// The listings the sandbox holds with this title.
QList<QJsonObject> listingsTitled(const sandbox::etsy::EtsySandbox &sandbox, const QString &title);

// Waits up to `timeoutMs` for the run to finish (a warning when it does not);
// returns it as it is then (check isFinished()).
SyncRun waitForRunToFinish(const Workspace &workspace, qint64 runId, int timeoutMs);

// A catalog product made here: `variants` sizes (one option "Size" when
// more than one), stock on one location, and images served by the sandbox.
qint64 addPublishableProduct(const Workspace &workspace, const QString &title, int variants,
                             int images, const QUrl &imageHost, qint64 stockEach = 5);

} // namespace storeloom::test
