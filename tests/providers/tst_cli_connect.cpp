// storeloom-cli connect etsy, for real: the CLI prints the address, the test
// plays the merchant's browser (through the CLI's loopback listener, or by
// pasting the final address on its stdin), and the store ends up Live with its
// tokens in the fixture's keychain and nowhere in what the CLI printed.
#include "abandonedsignins.h"
#include "clirunner.h"
#include "connectionstore.h"
#include "credentials.h"
#include "keychainwait.h"
#include "oidcpeer.h"
#include "peers.h"
#include "secretstore.h"
#include "testbrowser.h"
#include "testworkspace.h"
#include "woocommerce/woosandbox.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom;

class TestCliConnect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        STORELOOM_REQUIRE_PEER(m_peer.startPeer());
    }

    void init() { m_workspace = std::make_unique<test::TestWorkspace>(); }

    void cleanup()
    {
        if (m_cli.state() != QProcess::NotRunning) {
            m_cli.kill();
            m_cli.waitForFinished();
        }
    }

    void connectsThroughTheLoopback()
    {
        m_browser.setMode(TestBrowser::Mode::FollowRedirect);
        startCli({QStringLiteral("--shared-secret"), QStringLiteral("s3cret")});
        const QUrl url = waitForAuthorizationUrl();
        QVERIFY(url.isValid());
        m_browser.openUrl(url); // the merchant signs in; the browser returns to the CLI
        QTRY_VERIFY_WITH_TIMEOUT(m_cli.state() == QProcess::NotRunning, 30000);
        const QString out = QString::fromUtf8(m_output + m_cli.readAllStandardOutput());
        const QString err = QString::fromUtf8(m_cli.readAllStandardError());
        QVERIFY2(m_cli.exitCode() == 0, qPrintable(err));
        QVERIFY2(out.contains(QLatin1String(
                     "Connected WoolCorner (www.etsy.com/shop/WoolCorner) as connection")),
                 qPrintable(out));
        expectLiveWithTokensOnlyInTheKeychain(out + err);
    }

    void connectsWithAPastedAddress()
    {
        m_browser.setMode(TestBrowser::Mode::CaptureRedirect); // the browser cannot come back
        QSignalSpy captured(&m_browser, &TestBrowser::redirectCaptured);
        startCli({QStringLiteral("--shared-secret"), QStringLiteral("s3cret")});
        const QUrl url = waitForAuthorizationUrl();
        m_browser.openUrl(url);
        QVERIFY(captured.wait(20000));
        m_cli.write("https://example.com/callback?code=forged&state=wrong\n");
        m_cli.write(captured.first().first().toUrl().toString().toUtf8() + '\n');
        QTRY_VERIFY_WITH_TIMEOUT(m_cli.state() == QProcess::NotRunning, 30000);
        const QString out = QString::fromUtf8(m_output + m_cli.readAllStandardOutput());
        QCOMPARE(m_cli.exitCode(), 0);
        QVERIFY(out.contains(QLatin1String("does not belong to this sign-in")));
        QVERIFY(out.contains(QLatin1String("Connected WoolCorner")));
        expectLiveWithTokensOnlyInTheKeychain(out);
    }

    void connectsInTwoStepsWithNoWaitThenRedirectUrl()
    {
        // First run: the address, then the CLI is gone (no listener any more).
        startCli({QStringLiteral("--shared-secret"), QStringLiteral("s3cret"),
                  QStringLiteral("--no-wait")});
        const QUrl url = waitForAuthorizationUrl();
        QVERIFY(url.isValid());
        QVERIFY(m_cli.waitForFinished(20000));
        QCOMPARE(m_cli.exitCode(), 0);
        const QString first = QString::fromUtf8(m_output + m_cli.readAllStandardOutput());
        QVERIFY2(first.contains(QLatin1String("--redirect-url")), qPrintable(first));

        // The merchant signs in elsewhere and copies the final address.
        m_browser.setMode(TestBrowser::Mode::CaptureRedirect);
        QSignalSpy captured(&m_browser, &TestBrowser::redirectCaptured);
        m_browser.openUrl(url);
        QVERIFY(captured.wait(20000));
        const QString address = captured.first().first().toUrl().toString();

        // Another address is refused; the right one finishes the sign-in, once.
        auto forged = finishWith(QStringLiteral("http://127.0.0.1:1/callback?code=x&state=forged"));
        QCOMPARE(forged.exitCode, 7);
        QVERIFY2(forged.err.contains(QLatin1String("does not belong")), qPrintable(forged.err));
        const auto finished = finishWith(address);
        QVERIFY2(finished.exitCode == 0, qPrintable(finished.err));
        QVERIFY(finished.out.contains(QLatin1String("Connected WoolCorner")));
        expectLiveWithTokensOnlyInTheKeychain(first + finished.out + finished.err);
        const auto again = finishWith(address);
        QCOMPARE(again.exitCode, 7);
        QVERIFY2(again.err.contains(QLatin1String("No Etsy sign-in is waiting")), qPrintable(again.err));
    }

    // A --no-wait sign-in never finished: kept while fresh, then the next
    // command that opens the workspace removes its connection and keychain entry.
    void anAbandonedNoWaitSignInExpires()
    {
        startCli({QStringLiteral("--shared-secret"), QStringLiteral("s3cret"),
                  QStringLiteral("--no-wait")});
        QVERIFY(waitForAuthorizationUrl().isValid());
        QVERIFY(m_cli.waitForFinished(20000));
        QCOMPARE(m_cli.exitCode(), 0);
        QCOMPARE(waitingSignIns(), 1);
        QVERIFY(suspendedSignIn().ok());

        const QStringList list{QStringLiteral("--workspace"), m_workspace->path(),
                               QStringLiteral("connections")};
        auto fresh = test::runCli(list, m_home.path());
        QVERIFY2(fresh.exitCode == 0, qPrintable(fresh.err));
        QCOMPARE(waitingSignIns(), 1);
        QVERIFY(suspendedSignIn().ok());

        auto expired = test::runCli(list, m_home.path(),
                                    {{QStringLiteral("STORELOOM_SIGNIN_EXPIRY_SECONDS"),
                                      QStringLiteral("0")}});
        QVERIFY2(expired.exitCode == 0, qPrintable(expired.err));
        QCOMPARE(waitingSignIns(), 0);
        QCOMPARE(suspendedSignIn().error, SecretStore::Error::NotFound);
    }

    void connectsAWooCommerceStoreWithItsKeys()
    {
        const QString key = QStringLiteral("ck_") + QString(40, QLatin1Char('1'));
        const QString secret = QStringLiteral("cs_") + QString(40, QLatin1Char('2'));
        sandbox::WooSandbox woo({QStringLiteral("Wool Corner"), key, secret});
        QVERIFY(woo.listen());
        // The secret comes from the environment, so it never shows in `ps`.
        QProcess cli;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path());
        environment.insert(QStringLiteral("STORELOOM_CONSUMER_SECRET"), secret);
        cli.setProcessEnvironment(environment);
        cli.start(test::cliProgram(),
                  {QStringLiteral("--workspace"), m_workspace->path(), QStringLiteral("connect"),
                   QStringLiteral("woocommerce"), QStringLiteral("--store-url"),
                   woo.url().toString(), QStringLiteral("--consumer-key"), key});
        QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 30000);
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QVERIFY2(out.contains(QLatin1String("Connected Wool Corner")), qPrintable(out));
        QVERIFY(!out.contains(secret));
        QCOMPARE(woo.authenticatedRequests(), 1);
    }

    void missingSecretIsAUsageError()
    {
        const auto result = test::runCli({QStringLiteral("--workspace"), m_workspace->path(),
                                          QStringLiteral("connect"), QStringLiteral("etsy"),
                                          QStringLiteral("--keystring"), m_peer.clientId()},
                                         m_home.path());
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QLatin1String("--shared-secret")), qPrintable(result.err));
    }

private:
    void startCli(const QStringList &extra)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path());
        environment.insert(QStringLiteral("STORELOOM_ETSY_AUTHORIZE_URL"),
                           m_peer.authorizationUrl().toString());
        environment.insert(QStringLiteral("STORELOOM_ETSY_TOKEN_URL"),
                           m_peer.tokenUrl().toString());
        environment.insert(QStringLiteral("STORELOOM_ETSY_API_URL"), m_peer.baseUrl().toString());
        m_cli.setProcessEnvironment(environment);
        m_output.clear();
        m_cli.start(test::cliProgram(),
                    QStringList{QStringLiteral("--workspace"), m_workspace->path(),
                                QStringLiteral("connect"), QStringLiteral("etsy"),
                                QStringLiteral("--keystring"), m_peer.clientId()} +
                        extra);
        QVERIFY(m_cli.waitForStarted());
    }

    test::CliResult finishWith(const QString &address)
    {
        return test::runCli({QStringLiteral("--workspace"), m_workspace->path(),
                             QStringLiteral("connect"), QStringLiteral("etsy"),
                             QStringLiteral("--redirect-url"), address},
                            m_home.path(),
                            {{QStringLiteral("STORELOOM_ETSY_TOKEN_URL"), m_peer.tokenUrl().toString()},
                             {QStringLiteral("STORELOOM_ETSY_API_URL"), m_peer.baseUrl().toString()},
                             {QStringLiteral("STORELOOM_ETSY_AUTHORIZE_URL"),
                              m_peer.authorizationUrl().toString()}});
    }

    QUrl waitForAuthorizationUrl()
    {
        static const QRegularExpression line(QStringLiteral("^  (http\\S+)$"),
                                             QRegularExpression::MultilineOption);
        QUrl url;
        const bool seen = QTest::qWaitFor(
            [&] {
                m_cli.waitForReadyRead(50);
                m_output += m_cli.readAllStandardOutput();
                const auto match = line.match(QString::fromUtf8(m_output));
                if (match.hasMatch())
                    url = QUrl(match.captured(1));
                return url.isValid() || m_cli.state() == QProcess::NotRunning;
            },
            20000);
        if (!seen || !url.isValid())
            qWarning().noquote() << "no address from the CLI; it printed:" << m_output
                                 << m_cli.readAllStandardError();
        return url;
    }

    int waitingSignIns()
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        int waiting = 0;
        for (const Connection &connection : ConnectionStore(handle.db()).list())
            waiting += connection.status == Connection::Status::Authorizing ? 1 : 0;
        return waiting;
    }

    SecretStore::Result suspendedSignIn()
    {
        return test::awaitKeychain([&](auto done) {
            m_secrets.read(AbandonedSignIns::suspendedKey(QStringLiteral("etsy")), done);
        });
    }

    void expectLiveWithTokensOnlyInTheKeychain(const QString &printed)
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        const auto connections = ConnectionStore(handle.db()).list();
        QCOMPARE(connections.size(), 1);
        QCOMPARE(connections.first().status, Connection::Status::Live);
        std::optional<Credentials> credentials;
        bool answered = false;
        m_secrets.read(connections.first().secretKey, [&](const SecretStore::Result &result) {
            credentials = Credentials::decode(result.secret);
            answered = true;
        });
        QTRY_VERIFY(answered);
        QVERIFY(credentials && !credentials->tokens.accessToken.isEmpty());
        QVERIFY(!printed.contains(credentials->tokens.accessToken));
        QVERIFY(!printed.contains(credentials->tokens.refreshToken));
        QVERIFY(!printed.contains(QLatin1String("s3cret")));
    }

    OidcPeer m_peer;
    TestBrowser m_browser;
    SecretStore m_secrets;
    QTemporaryDir m_home;
    QProcess m_cli;
    QByteArray m_output;
    std::unique_ptr<test::TestWorkspace> m_workspace;
};

QTEST_MAIN(TestCliConnect)
#include "tst_cli_connect.moc"
