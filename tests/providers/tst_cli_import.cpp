// storeloom-cli import, for real: the sign-in comes from the fixture's
// keychain, the store is the Shopify sandbox. A finished import prints its
// counts; a killed one (SIGKILL, mid-import) and an interrupted one (Ctrl+C)
// leave the workspace consistent, and importing again resumes and ends with
// every product exactly once.
#include "clirunner.h"
#include "peers.h"
#include "secretstore.h"
#include "shopifyimportfixture.h"

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Sandbox = sandbox::shopify::ShopifySandbox;

class TestCliImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer()); }

    void init()
    {
        sandbox::shopify::ShopifySandboxSettings settings;
        settings.catalog.products = 120;
        settings.plan = sandbox::shopify::ShopifyPlan::Plus;
        m_sandbox = std::make_unique<Sandbox>(settings);
        QVERIFY(m_sandbox->listen());
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_connection = test::addShopifyConnectionWithSignIn(m_workspace->workspace(), m_secrets,
                                                            *m_sandbox);
        QVERIFY(m_connection > 0);
    }

    void cleanup()
    {
        if (m_cli.state() != QProcess::NotRunning) {
            m_cli.kill();
            m_cli.waitForFinished();
        }
        m_sandbox.reset();
    }

    void importsAndPrintsTheCounts()
    {
        const auto result = importCli({u"--json"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject import = result.json().value(u"import"_s).toObject();
        QCOMPARE(import.value(u"created"_s).toInt(), 120);
        QCOMPARE(import.value(u"throttled"_s).toInt(), 0);
        expectWorkspaceEqualsShop();

        const auto again = importCli({});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains("0 new, 0 updated, 120 unchanged"_L1), qPrintable(again.out));
    }

    void aKilledImportResumes()
    {
        m_sandbox->slowNext(1000, 150); // time to kill it between pages
        startCli({u"--mode"_s, u"paged"_s});
        QTRY_VERIFY_WITH_TIMEOUT(pagesWritten() >= 2, 60000);
        m_cli.kill(); // SIGKILL: no chance to tidy up
        m_cli.waitForFinished();
        const qint64 written = productCount();
        QVERIFY(written > 0 && written < 120);

        m_sandbox->clearFaults();
        const auto resumed = importCli({u"--json"_s});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        const QJsonObject import = resumed.json().value(u"import"_s).toObject();
        QVERIFY(import.value(u"resumed"_s).toBool());
        QCOMPARE(import.value(u"created"_s).toInt(), 120);
        QCOMPARE(productCount(), 120);
        expectWorkspaceEqualsShop();
        // The killed import went on in its own run, which ended with the store's count.
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs"_s), 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs WHERE status = 'succeeded' "
                        "AND total = 120 AND succeeded = 120"_s),
                 1);
    }

    void killedAgainAndAgainItStaysOneRun()
    {
        m_sandbox->slowNext(300, 400);
        for (int kill = 1; kill <= 5; ++kill) {
            const qint64 pagesBefore = pagesWritten();
            startCli({u"--mode"_s, u"paged"_s});
            QTRY_VERIFY_WITH_TIMEOUT(pagesWritten() > pagesBefore, 60000);
            m_cli.kill();
            m_cli.waitForFinished();
            QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs"_s), 1);
        }
        m_sandbox->clearFaults();
        const auto finished = importCli({});
        QVERIFY2(finished.exitCode == 0, qPrintable(finished.err));
        QCOMPARE(productCount(), 120);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs"_s), 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs WHERE finished_at IS NULL"_s), 0);
    }

    void aSecondImportWhileOneRunsIsRefused()
    {
        m_sandbox->slowNext(1000, 150);
        startCli({u"--mode"_s, u"paged"_s});
        QTRY_VERIFY_WITH_TIMEOUT(pagesWritten() >= 1, 60000);
        const auto second = importCli({});
        QCOMPARE(second.exitCode, 8);
        QVERIFY2(second.err.contains(u"is already importing this store"_s), qPrintable(second.err));
        m_cli.kill();
        m_cli.waitForFinished();
    }

    void ctrlCStopsAfterThePageAndSaysHowToGoOn()
    {
        m_sandbox->slowNext(1000, 150);
        startCli({u"--mode"_s, u"paged"_s});
        QTRY_VERIFY_WITH_TIMEOUT(pagesWritten() >= 1, 60000);
        ::kill(pid_t(m_cli.processId()), SIGINT);
        QVERIFY(m_cli.waitForFinished(30000));
        QCOMPARE(m_cli.exitCode(), 130);
        QVERIFY(QString::fromUtf8(m_cli.readAllStandardError()).contains("continues where it stopped"_L1));
        m_sandbox->clearFaults();
        QCOMPARE(importCli({}).exitCode, 0);
        QCOMPARE(productCount(), 120);
    }

    void anUnknownConnectionIsNotFound()
    {
        const auto result = importCli({}, 9999);
        QCOMPARE(result.exitCode, 3);
    }

private:
    QStringList arguments(const QStringList &extra, qint64 connection) const
    {
        return QStringList{u"--workspace"_s, m_workspace->path(), u"import"_s,
                           QString::number(connection)} + extra;
    }

    QHash<QString, QString> environment() const
    {
        return {{u"STORELOOM_SHOPIFY_ADMIN_URL"_s, m_sandbox->url().toString()}};
    }

    test::CliResult importCli(const QStringList &extra, qint64 connection = 0)
    {
        return test::runCli(arguments(extra, connection ? connection : m_connection), m_home.path(),
                            environment());
    }

    void startCli(const QStringList &extra)
    {
        test::startCli(m_cli, arguments(extra, m_connection), m_home.path(), environment());
        QVERIFY(m_cli.waitForStarted());
    }

    qint64 scalar(const QString &sql) { return m_workspace->scalar(sql); }

    qint64 pagesWritten() { return scalar(u"SELECT COALESCE(MAX(pages), 0) FROM catalog_imports"_s); }
    qint64 productCount() { return scalar(u"SELECT COUNT(*) FROM products"_s); }

    void expectWorkspaceEqualsShop()
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        const QString difference =
            test::firstDifference(test::imageOfWorkspace(handle.db(), m_connection),
                                  test::imageOfSandbox(m_sandbox->catalog()));
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    SecretStore m_secrets;
    QTemporaryDir m_home;
    QProcess m_cli;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    qint64 m_connection = 0;
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cli_import.moc"
