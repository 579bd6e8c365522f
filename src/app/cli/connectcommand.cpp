#include "connectcommand.h"

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
    QObject::connect(session.get(), &ConnectSession::authorizationUrlReady, [&](const QUrl &url) {
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
    if (!failure && connectedId == 0)
        loop.exec();
    if (failure)
        throw CliError(ExitCode::Authorization, *failure);

    const DbHandle handle = workspace.openHandle();
    return m_output.connected(ConnectionStore(handle.db()).get(connectedId));
}

} // namespace storeloom::cli
