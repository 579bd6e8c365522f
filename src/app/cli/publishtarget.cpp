#include "publishtarget.h"

#include "builtinproviders.h"
#include "clierror.h"
#include "commandline.h"
#include "connectionaccess.h"
#include "connectionstore.h"
#include "eventwait.h"
#include "oauthprovider.h"
#include "providerregistry.h"
#include "publishservice.h"

#include <QStringList>

namespace storeloom::cli {

namespace {

constexpr int kSignInTimeoutMs = 30000; // the keychain answers in well under a second

} // namespace

QString platformName(const Connection &connection)
{
    const Provider *provider = builtInProviders().find(connection.provider);
    return provider ? provider->displayName() : connection.provider;
}

Connection findConnection(const Workspace &workspace, qint64 id)
{
    const DbHandle handle = workspace.openHandle();
    const auto found = ConnectionStore(handle.db()).find(id);
    if (!found)
        throw CliError(ExitCode::NotFound, QStringLiteral("There is no connection %1.").arg(id));
    return *found;
}

QString refusalFor(const QString &lead, const Connection &connection)
{
    return QStringLiteral("%1 %2 (%3 %4)")
        .arg(lead)
        .arg(connection.id)
        .arg(platformName(connection), connection.name);
}

// Only connections PublishService can publish to get this far; otherwise
// the merchant learns why not, and which connections (or platforms) can.
void requirePublishable(const PublishService &service, const Connection &connection,
                        const QString &refusal)
{
    const QList<Connection> targets = service.targets();
    QStringList targetNames;
    for (const Connection &target : targets) {
        if (target.id == connection.id)
            return;
        targetNames.append(
            QStringLiteral("%1 (%2 %3)").arg(target.id).arg(platformName(target), target.name));
    }
    QStringList platforms;
    for (const Provider *provider : builtInProviders().providers()) {
        if (dynamic_cast<const PublishingProvider *>(provider))
            platforms.append(provider->displayName());
    }
    const bool live = connection.status == Connection::Status::Live ||
                      connection.status == Connection::Status::Expiring;
    QString why;
    if (!service.publisherOf(connection.id))
        why = QStringLiteral("publishing to %1 stores is not available; %2 stores can be "
                             "published to")
                  .arg(platformName(connection), platforms.join(QStringLiteral(", ")));
    else if (!live)
        why = QStringLiteral("it is %1; sign in again with '%2 connect %3'")
                  .arg(nameOf(connection.status), CommandLine::programName(), connection.provider);
    else
        why = QStringLiteral("publishing is turned off for it");
    const QString can = targetNames.isEmpty()
                            ? QStringLiteral("No connection in this workspace can be published to.")
                            : QStringLiteral("Connections you can publish to: %1.")
                                  .arg(targetNames.join(QStringLiteral(", ")));
    throw CliError(ExitCode::InvalidState, QStringLiteral("%1: %2. %3").arg(refusal, why, can));
}

void awaitSignIn(ConnectionAccess &access, const Connection &connection, const QString &interrupted)
{
    if (!dynamic_cast<const OAuthProvider *>(builtInProviders().find(connection.provider)))
        return; // keys that do not expire: nothing to load
    bool failed = false;
    QObject context;
    QObject::connect(&access, &ConnectionAccess::changed, &context, [&](qint64 id) {
        // Told about the connection with no tokens: the keychain read failed.
        if (id == connection.id && !access.tokens(id))
            failed = true;
    });
    access.sync();
    const Waited waited = waitUntil(
        [&] { return failed || access.tokens(connection.id) != nullptr; }, kSignInTimeoutMs);
    if (waited == Waited::Interrupted)
        throw CliError(ExitCode::Interrupted,
                       QStringLiteral("Stopped by Ctrl+C; %1").arg(interrupted));
    if (access.tokens(connection.id))
        return;
    throw CliError(ExitCode::Keychain,
                   waited == Waited::TimedOut
                       ? QStringLiteral("The system keychain did not hand over the sign-in of "
                                        "connection %1 within %2 seconds; check that it is "
                                        "running and unlocked.")
                             .arg(connection.id)
                             .arg(kSignInTimeoutMs / 1000)
                       : QStringLiteral("The sign-in of connection %1 could not be read from the "
                                        "system keychain; unlock it, or sign in again with '%2 "
                                        "connect %3'.")
                             .arg(connection.id)
                             .arg(CommandLine::programName(), connection.provider));
}

} // namespace storeloom::cli
