// No secret of a publishing connection reaches the workspace, a log line or
// the sandbox's request log: over a plan, a run whose access token expired
// (so it is renewed and the refresh token rotates), and the channel's choices.
#include "connectionaccess.h"
#include "connectiontokens.h"
#include "etsypublishfixture.h"
#include "logrecorder.h"
#include "peers.h"
#include "providerregistry.h"
#include "publishservice.h"
#include "secretstore.h"
#include "testworkspace.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom;
using namespace storeloom::test;
using namespace Qt::StringLiterals;
using sandbox::etsy::EtsySandbox;

namespace {

// Every byte the workspace keeps on disk: the database and its WAL.
QByteArray workspaceBytes(const TestWorkspace &workspace)
{
    QByteArray bytes;
    const QDir dir(workspace.dir());
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

} // namespace

class TestPublishSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer()); }

    void publishingLeavesNoSecretBehind()
    {
        LogRecorder log;
        EtsySandbox sandbox;
        QVERIFY(sandbox.listen());
        QTemporaryDir logDir;
        const QString requestLog = logDir.filePath(u"requests.jsonl"_s);
        QVERIFY(sandbox.setRequestLog(requestLog));
        ProviderRegistry providers;
        addEtsyProvider(providers, sandbox);
        SecretStore secrets;
        TestWorkspace workspace;
        const qint64 connection = addEtsyChannel(workspace.workspace(), secrets, sandbox);
        QVERIFY(connection > 0);
        const qint64 product = addPublishableProduct(workspace.workspace(), u"Brass bell"_s, 2, 1,
                                                     sandbox.url());

        ConnectionAccess access(workspace.workspace(), secrets, providers);
        access.sync();
        QVERIFY(QTest::qWaitFor([&] { return access.tokens(connection) != nullptr; }, 15000));
        QStringList secretsSeen{sandbox.options().sharedSecret, sandbox.apiKey()};
        const auto remember = [&] {
            const OAuthTokens tokens = access.tokens(connection)->flow()->tokens();
            secretsSeen << tokens.accessToken << tokens.refreshToken;
        };
        remember();
        QVERIFY(sandbox.expireAccessToken(access.tokens(connection)->accessToken()));

        PublishService service(workspace.workspace(), access, providers);
        QSignalSpy choices(&service, &PublishService::choicesLoaded);
        service.loadChoices(connection);
        QVERIFY(QTest::qWaitFor([&] { return !choices.isEmpty(); }, 30000));
        QSignalSpy planned(&service, &PublishService::planned);
        service.plan(connection, {product});
        QVERIFY(QTest::qWaitFor([&] { return !planned.isEmpty(); }, 30000));
        const qint64 runId = service.confirm(planned.first().first().value<PublishPlan>());
        QVERIFY(waitForRunToFinish(workspace.workspace(), runId, 120000).isFinished());
        remember(); // the renewed pair, rotated on the way

        QCOMPARE(listingsTitled(sandbox, u"Brass bell"_s).size(), 1);
        sandbox.setRequestLog(QString());
        QFile requests(requestLog);
        QVERIFY(requests.open(QIODevice::ReadOnly));
        const QByteArray recorded = requests.readAll();
        const QByteArray stored = workspaceBytes(workspace);
        const QString logged = log.lines().join(u'\n');
        QVERIFY(!recorded.isEmpty() && !stored.isEmpty());
        for (const QString &secret : std::as_const(secretsSeen)) {
            QVERIFY(!secret.isEmpty());
            QVERIFY2(!stored.contains(secret.toUtf8()), "a secret is in the workspace file");
            QVERIFY2(!recorded.contains(secret.toUtf8()), "a secret is in the request log");
            QVERIFY2(log.lineContaining(secret).isEmpty(),
                     qPrintable(u"a secret is in a log line: "_s + logged.left(200)));
        }
    }
};

QTEST_MAIN(TestPublishSecrets)
#include "tst_publishsecrets.moc"
