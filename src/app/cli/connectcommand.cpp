#include "connectcommand.h"

#include "abandonedsignins.h"
#include "builtinproviders.h"
#include "clierror.h"
#include "connectionstore.h"
#include "connectsession.h"
#include "providerregistry.h"
#include "secretstore.h"

#include <QEventLoop>
#include <QFile>
#include <QSocketNotifier>
#include <cstdio>

namespace storeloom::cli {

namespace {

// One suspended sign-in per platform waits in the keychain; it expires
// with its placeholder connection (AbandonedSignIns).
QString suspendedKey(const QString &providerId)
{
    return AbandonedSignIns::suspendedKey(providerId);
}

// Runs a keychain call to its end.
SecretStore::Result await(const std::function<void(SecretStore::Callback)> &call)
{
    QEventLoop loop;
    std::optional<SecretStore::Result> outcome;
    call([&](const SecretStore::Result &result) {
        outcome = result;
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return *outcome;
}

void say(const QString &text, bool json)
{
    // With --json, stdout carries only the final document.
    const QByteArray bytes = text.toUtf8();
    FILE *stream = json ? stderr : stdout;
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

QString ConnectCommand::run(const Workspace &workspace) const
{
    if (!m_invocation.redirectUrl.isEmpty())
        return finishSuspended(workspace);
    ProviderRegistry providers;
    registerBuiltInProviders(providers);
    const Provider *provider = providers.find(m_invocation.providerId);
    SecretStore secrets;
    const std::unique_ptr<ConnectSession> session(
        ConnectSession::create(*provider, m_invocation.fields, workspace, secrets));
    if (!session) {
        throw CliError(ExitCode::Usage,
                       QStringLiteral("This version of Storeloom cannot connect %1 stores yet.")
                           .arg(provider->displayName()));
    }
    session->setOpensBrowser(false); // no desktop session here: the merchant opens it
    QEventLoop loop;
    std::optional<QString> failure;
    qint64 connectedId = 0;
    QUrl suspendedAt;
    QObject::connect(session.get(), &ConnectSession::authorizationUrlReady, [&](const QUrl &url) {
        if (m_invocation.noWait) {
            suspendedAt = url;
            loop.quit();
            return;
        }
        say(QStringLiteral("Open this address in your browser to connect your %1 store:\n  %2\n"
                           "Waiting for the browser to come back (or paste the address it "
                           "ended on and press Enter)...\n")
                .arg(provider->displayName(), QString::fromUtf8(url.toEncoded())),
            m_invocation.json);
    });
    QObject::connect(session.get(), &ConnectSession::connected, [&](qint64 id) {
        connectedId = id;
        loop.quit();
    });
    QObject::connect(session.get(), &ConnectSession::failed, [&](const QString &message) {
        failure = message;
        loop.quit();
    });

    // A pasted address arrives on stdin, a line at a time. Unbuffered: a
    // buffered read could swallow a second line the notifier then never reports.
    QFile input;
    input.open(fileno(stdin), QIODevice::ReadOnly | QIODevice::Unbuffered);
    QSocketNotifier pasted(fileno(stdin), QSocketNotifier::Read);
    QObject::connect(&pasted, &QSocketNotifier::activated, [&] {
        const QByteArray raw = input.readLine();
        if (raw.isEmpty()) {
            pasted.setEnabled(false); // stdin closed: only the browser can answer now
            return;
        }
        const QByteArray line = raw.trimmed();
        if (!line.isEmpty() && !session->completeWithRedirectUrl(QUrl(QString::fromUtf8(line))))
            say(QStringLiteral("That address does not belong to this sign-in; paste the "
                               "address of the latest one.\n"),
                m_invocation.json);
    });

    session->start();
    if (!failure && connectedId == 0 && suspendedAt.isEmpty())
        loop.exec();
    if (failure)
        throw CliError(ExitCode::Authorization, *failure);
    if (!suspendedAt.isEmpty()) {
        const QByteArray suspended = session->suspend();
        const SecretStore::Result kept = await([&](SecretStore::Callback done) {
            secrets.write(suspendedKey(provider->id()), suspended, std::move(done));
        });
        if (!kept.ok())
            throw CliError(ExitCode::Keychain, kept.message);
        return m_output.connectPending(provider->id(), suspendedAt);
    }

    const DbHandle handle = workspace.openHandle();
    return m_output.connected(ConnectionStore(handle.db()).get(connectedId));
}

// The second half of connect --no-wait: the sign-in kept in the keychain,
// finished with the address the browser ended on.
QString ConnectCommand::finishSuspended(const Workspace &workspace) const
{
    ProviderRegistry providers;
    registerBuiltInProviders(providers);
    const Provider *provider = providers.find(m_invocation.providerId);
    SecretStore secrets;
    const QString key = suspendedKey(provider->id());
    const SecretStore::Result kept =
        await([&](SecretStore::Callback done) { secrets.read(key, std::move(done)); });
    if (!kept.ok() && kept.error != SecretStore::Error::NotFound)
        throw CliError(ExitCode::Keychain, kept.message);
    const std::unique_ptr<ConnectSession> session(
        kept.ok() ? ConnectSession::create(*provider, ConnectSession::fieldsOf(kept.secret),
                                           workspace, secrets)
                  : nullptr);
    if (!session || !session->resume(kept.secret))
        throw CliError(ExitCode::Authorization,
                       QStringLiteral("No %1 sign-in is waiting to be finished: start one with "
                                      "'connect %2 --no-wait'.")
                           .arg(provider->displayName(), provider->id()));
    QEventLoop loop;
    std::optional<QString> failure;
    qint64 connectedId = 0;
    QObject::connect(session.get(), &ConnectSession::connected, [&](qint64 id) {
        connectedId = id;
        loop.quit();
    });
    QObject::connect(session.get(), &ConnectSession::failed, [&](const QString &message) {
        failure = message;
        loop.quit();
    });
    if (!session->completeWithRedirectUrl(QUrl(m_invocation.redirectUrl)))
        throw CliError(ExitCode::Authorization,
                       QStringLiteral("That address does not belong to the waiting sign-in: paste "
                                      "the address the browser ended on after the latest "
                                      "'connect %1 --no-wait'.")
                           .arg(provider->id()));
    if (!failure && connectedId == 0)
        loop.exec();
    // Used or failed, the kept sign-in cannot be finished again.
    await([&](SecretStore::Callback done) { secrets.remove(key, std::move(done)); });
    if (failure)
        throw CliError(ExitCode::Authorization, *failure);
    const DbHandle handle = workspace.openHandle();
    return m_output.connected(ConnectionStore(handle.db()).get(connectedId));
}

} // namespace storeloom::cli
