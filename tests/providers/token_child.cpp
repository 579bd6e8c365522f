// A second process sharing a connection for tst_tokenowner, as a
// storeloom-cli run would: its own ConnectionAccess (this process's one owner
// of the connection's tokens) on the same workspace and keychain. It reports
// on stdout, one line each — never a token:
//   ready                 the sign-in is loaded from the keychain
//   renewed N             the owner has new tokens, N in all (refreshed here or adopted)
//   failed MESSAGE        the owner gave up (the grant is gone, the keychain failed)
//   rejected OK|EMPTY     answer to the command "reject": the token in hand was
//                         reported as refused (a 401) through the token source
//   bye N                 stdin closed (or "quit"): exits 0
//
//   token_child WORKSPACE CONNECTION_ID OAUTH_PEER_URL
#include "accesstokensource.h"
#include "connectionaccess.h"
#include "connectiontokens.h"
#include "etsy/etsyprovider.h"
#include "providerregistry.h"
#include "secretstore.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QTimer>
#include <cstdio>
#include <unistd.h>

using namespace storeloom;

namespace {

void say(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: token_child WORKSPACE CONNECTION_ID OAUTH_PEER_URL\n");
        return 2;
    }
    Workspace workspace(args.at(1));
    workspace.open(Workspace::OpenMode::MustExist);
    const qint64 connectionId = args.at(2).toLongLong();
    const QUrl peer(args.at(3));
    ProviderRegistry providers;
    providers.add(std::make_unique<EtsyProvider>(
        EtsyProvider::Endpoints{peer.resolved(QUrl(QStringLiteral("/auth"))),
                                peer.resolved(QUrl(QStringLiteral("/token"))), peer}));
    SecretStore secrets;
    ConnectionAccess access(workspace, secrets, providers);

    int renewals = 0;
    bool watching = false;
    QObject::connect(&access, &ConnectionAccess::changed, &app, [&](qint64 id) {
        ConnectionTokens *tokens = access.tokens(id);
        if (id != connectionId || watching)
            return;
        if (!tokens) {
            say(QStringLiteral("failed %1").arg(access.signInError(id)));
            return;
        }
        watching = true;
        QObject::connect(tokens, &ConnectionTokens::refreshed, &app,
                         [&] { say(QStringLiteral("renewed %1").arg(++renewals)); });
        QObject::connect(tokens, &ConnectionTokens::failed, &app,
                         [](const QString &why) { say(QStringLiteral("failed %1").arg(why)); });
        say(QStringLiteral("ready"));
    });

    QSocketNotifier commands(STDIN_FILENO, QSocketNotifier::Read);
    QFile in;
    in.open(STDIN_FILENO, QIODevice::ReadOnly | QIODevice::Unbuffered,
            QFileDevice::DontCloseHandle);
    QObject::connect(&commands, &QSocketNotifier::activated, &app, [&] {
        const QByteArray line = in.readLine().trimmed();
        if (line.isEmpty() || line == "quit") { // an empty read is the end of stdin
            commands.setEnabled(false);
            // As storeloom-cli does: a renewal under way ends in the keychain first.
            auto *settle = new QTimer(&app);
            QObject::connect(settle, &QTimer::timeout, &app, [&, settle] {
                if (access.isRenewing())
                    return;
                settle->stop();
                say(QStringLiteral("bye %1").arg(renewals));
                app.quit();
            });
            settle->start(10);
        } else if (line == "reject") {
            const auto source = access.tokenSource(connectionId);
            if (!source) {
                say(QStringLiteral("rejected EMPTY"));
                return;
            }
            const QString rejected = source->accessToken();
            source->renewAfterRejection(rejected, &app, [rejected](const QString &token) {
                say(token.isEmpty() || token == rejected ? QStringLiteral("rejected EMPTY")
                                                         : QStringLiteral("rejected OK"));
            });
        }
    });

    access.sync();
    return app.exec();
}
