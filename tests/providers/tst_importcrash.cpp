// A 50,000-product bulk import by storeloom-cli, killed (SIGKILL) thirty
// times at random moments, then run to its end: one run, the store's counts,
// no run left running — and once the product export has started, a process
// that continues reads that export again instead of starting new ones.
#include "clirunner.h"
#include "peers.h"
#include "secretstore.h"
#include "shopifyimportfixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Sandbox = sandbox::shopify::ShopifySandbox;

namespace {
constexpr int kProducts = 50000;
constexpr int kKills = 30;
} // namespace

class TestImportCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        sandbox::shopify::ShopifySandboxSettings settings;
        settings.catalog.products = kProducts;
        settings.plan = sandbox::shopify::ShopifyPlan::Plus;
        m_sandbox = std::make_unique<Sandbox>(settings);
        QVERIFY(m_sandbox->listen());
    }

    void killedThirtyTimesItEndsOnceWithTheStoresCounts()
    {
        // A clean import of the same store, for comparison.
        test::TestWorkspace clean;
        const qint64 cleanConnection =
            test::addShopifyConnectionWithSignIn(clean.workspace(), m_secrets, *m_sandbox);
        QVERIFY(cleanConnection > 0);
        m_sandbox->resetCounters();
        QElapsedTimer clock;
        clock.start();
        const auto first = runCli(clean, cleanConnection, {u"--mode"_s, u"bulk"_s});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const auto cleanRun = m_sandbox->counters();
        // Kills anywhere in an import as long as a clean one, on this machine now.
        const int cleanMs = int(clock.elapsed());

        test::TestWorkspace workspace;
        const qint64 connection =
            test::addShopifyConnectionWithSignIn(workspace.workspace(), m_secrets, *m_sandbox);
        QVERIFY(connection > 0);
        m_sandbox->resetCounters();
        int continued = 0;
        int kills = 0;
        for (; kills < kKills && !finished(workspace); ++kills) {
            const bool exporting = productExportOf(workspace).has_value();
            const qint64 startedBefore = m_sandbox->counters().bulkOperationsStarted;
            QProcess cli;
            test::startCli(cli, arguments(workspace, connection, {u"--mode"_s, u"bulk"_s, u"--verbose"_s}),
                           m_home.path(), environment());
            QVERIFY(cli.waitForStarted());
            // The first few while the exports are made and read, the rest
            // while products are written: a random moment after the next page.
            auto *random = QRandomGenerator::global();
            if (kills < 5) {
                QTest::qWait(random->bounded(cleanMs / 40, cleanMs / 4));
            } else {
                const qint64 before = products(workspace);
                const bool progressed = QTest::qWaitFor(
                    [&] { return products(workspace) > before || cli.state() == QProcess::NotRunning; },
                    120000);
                if (!progressed) {
                    cli.kill();
                    cli.waitForFinished();
                    qWarning().noquote() << cli.readAllStandardError().right(4000);
                }
                QVERIFY(progressed);
                QTest::qWait(random->bounded(0, 300));
            }
            cli.kill(); // SIGKILL: no chance to tidy up
            cli.waitForFinished();
            QCOMPARE(workspace.scalar(u"SELECT COUNT(*) FROM sync_runs"_s), 1);
            if (exporting && productExportOf(workspace)) {
                // It went on with the exports it had: none was started again.
                QCOMPARE(m_sandbox->counters().bulkOperationsStarted, startedBefore);
                ++continued;
            }
        }
        QVERIFY2(kills >= kKills / 2, qPrintable(u"the import ended after %1 kills"_s.arg(kills)));
        if (!finished(workspace)) {
            const auto last = runCli(workspace, connection, {u"--mode"_s, u"bulk"_s, u"--json"_s});
            QVERIFY2(last.exitCode == 0, qPrintable(last.err));
            const QJsonObject import = last.json().value(u"import"_s).toObject();
            QCOMPARE(import.value(u"created"_s).toInt(), kProducts);
            QCOMPARE(import.value(u"updated"_s).toInt() + import.value(u"unchanged"_s).toInt(), 0);
        }
        QCOMPARE(workspace.scalar(u"SELECT COUNT(*) FROM products"_s), kProducts);
        QCOMPARE(workspace.scalar(u"SELECT COUNT(*) FROM sync_runs"_s), 1);
        QCOMPARE(workspace.scalar(u"SELECT COUNT(*) FROM sync_runs WHERE finished_at IS NULL"_s), 0);
        QCOMPARE(workspace.scalar(u"SELECT COUNT(*) FROM sync_runs WHERE status = 'succeeded' "
                                  "AND total = %1 AND succeeded = %1"_s.arg(kProducts)),
                 1);
        const auto killed = m_sandbox->counters();
        qInfo("clean: %d ms, %lld requests, %lld exports, %lld downloads; %d kills (%d continuing "
              "an export): %lld requests, %lld exports, %lld downloads",
              cleanMs, cleanRun.requests, cleanRun.bulkOperationsStarted, cleanRun.bulkDownloads, kills,
              continued, killed.requests, killed.bulkOperationsStarted, killed.bulkDownloads);
    }

private:
    QStringList arguments(const test::TestWorkspace &workspace, qint64 connection,
                          const QStringList &extra) const
    {
        return QStringList{u"--workspace"_s, workspace.path(), u"import"_s,
                           QString::number(connection)} + extra;
    }

    QHash<QString, QString> environment() const
    {
        return {{u"STORELOOM_SHOPIFY_ADMIN_URL"_s, m_sandbox->url().toString()}};
    }

    test::CliResult runCli(const test::TestWorkspace &workspace, qint64 connection,
                           const QStringList &extra)
    {
        return test::runCli(arguments(workspace, connection, extra), m_home.path(), environment());
    }

    static qint64 products(const test::TestWorkspace &workspace)
    {
        return workspace.scalar(u"SELECT COUNT(*) FROM products"_s);
    }

    static bool finished(const test::TestWorkspace &workspace)
    {
        return workspace.scalar(u"SELECT COUNT(*) FROM sync_runs WHERE status = 'succeeded'"_s) > 0;
    }

    // The product export the import's last page names, once there is one.
    std::optional<QString> productExportOf(const test::TestWorkspace &workspace)
    {
        const DbHandle handle = workspace.workspace().openHandle();
        QSqlQuery query(handle.db());
        query.exec(u"SELECT next_cursor FROM catalog_imports WHERE phase = 'bulk' "
                   "AND finished_at IS NULL ORDER BY id DESC LIMIT 1"_s);
        if (!query.next())
            return std::nullopt;
        const QString id = QJsonDocument::fromJson(query.value(0).toString().toUtf8())
                               .object()
                               .value(u"products"_s)
                               .toString();
        return id.isEmpty() ? std::nullopt : std::optional(id);
    }

    SecretStore m_secrets;
    QTemporaryDir m_home;
    std::unique_ptr<Sandbox> m_sandbox;
};

QTEST_GUILESS_MAIN(TestImportCrash)
#include "tst_importcrash.moc"
