// Publishing survives its process dying or stalling, for real: storeloom-cli
// processes publish to the Etsy sandbox (in this process) and are killed
// with SIGKILL, or paused with SIGSTOP past their lease while another one
// takes over. What the sandbox ends up holding is counted: one listing per
// product, its images once, no run left running.
#include "channelmappings.h"
#include "clirunner.h"
#include "etsypublishfixture.h"
#include "peers.h"
#include "secretstore.h"
#include "testworkspace.h"

#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <csignal>

using namespace storeloom;
using namespace Qt::StringLiterals;
using sandbox::etsy::EtsySandbox;

namespace {

constexpr int kLeaseMs = 2000; // so that a stalled process is passed over within the test

// One workspace with an Etsy channel on its own sandbox, and a catalog.
struct Shop
{
    explicit Shop(int perSecondLimit)
        : sandbox([&] {
              sandbox::etsy::EtsySandboxOptions options;
              options.perSecondLimit = perSecondLimit;
              options.perDayLimit = 1000000;
              return options;
          }())
    {}

    bool open(SecretStore &secrets, int products, int images)
    {
        if (!sandbox.listen())
            return false;
        connection = test::addEtsyChannel(workspace.workspace(), secrets, sandbox);
        for (int i = 1; i <= products; ++i) {
            titles.append(u"Hand-thrown mug %1"_s.arg(i));
            test::addPublishableProduct(workspace.workspace(), titles.last(), 1, images,
                                        sandbox.url());
        }
        return connection > 0;
    }

    QStringList publishArguments() const
    {
        return {u"--workspace"_s,
                workspace.path(),
                u"publish"_s,
                u"--to"_s,
                QString::number(connection),
                u"--all"_s,
                u"--yes"_s,
                u"--json"_s};
    }

    QHash<QString, QString> environment() const
    {
        auto environment = test::etsyCliEnvironment(sandbox);
        environment.insert(u"STORELOOM_LEASE_MS"_s, QString::number(kLeaseMs));
        return environment;
    }

    qint64 requests() const { return sandbox.counters().requests; }
    // Requests of that operation Etsy carried out (201 Created), not throttled or refused.
    qint64 created(const QString &operationId) const
    {
        return sandbox.counters().operations.value(operationId).created;
    }
    qint64 scalar(const QString &sql) const { return workspace.scalar(sql); }

    // Titles the sandbox holds more or less than once, and listings whose
    // image count is not `images`.
    QStringList problems(int images) const
    {
        QStringList found;
        QHash<QString, int> byTitle;
        for (const QJsonObject &listing : sandbox.listings()) {
            const QString title = listing.value(u"title"_s).toString();
            ++byTitle[title];
            const int count = sandbox.imageCount(listing.value(u"listing_id"_s).toInteger());
            if (count != images)
                found.append(u"%1 has %2 images"_s.arg(title).arg(count));
        }
        for (const QString &title : titles) {
            if (byTitle.value(title) != 1)
                found.append(u"%1 listed %2 times"_s.arg(title).arg(byTitle.value(title)));
        }
        return found;
    }

    EtsySandbox sandbox;
    test::TestWorkspace workspace;
    qint64 connection = 0;
    QStringList titles;
};

} // namespace

class TestPublishCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer()); }

    void killedThirtyTimesThenFinishedPublishesEachProductOnce()
    {
        constexpr int kProducts = 300;
        constexpr int kImages = 1;
        constexpr int kKills = 30;

        // What a clean publish of this catalog sends.
        Shop clean(50);
        QVERIFY(clean.open(m_secrets, kProducts, kImages));
        const auto cleanRun =
            test::runCli(clean.publishArguments(), m_home.path(), clean.environment());
        QVERIFY2(cleanRun.exitCode == 0, qPrintable(cleanRun.err));
        QVERIFY2(clean.problems(kImages).isEmpty(),
                 qPrintable(clean.problems(kImages).join(u", "_s)));
        const qint64 cleanRequests = clean.requests();

        Shop shop(50);
        QVERIFY(shop.open(m_secrets, kProducts, kImages));
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo() << "kill points from seed" << seed;
        QRandomGenerator random(seed);
        int killed = 0;
        while (killed < kKills) {
            // Killed once it has sent a random number of requests more.
            const qint64 killAt = shop.requests() + random.bounded(5, 40);
            QProcess cli;
            test::startCli(cli, shop.publishArguments(), m_home.path(), shop.environment());
            QVERIFY(cli.waitForStarted());
            const bool reached = QTest::qWaitFor(
                [&] { return shop.requests() >= killAt || cli.state() == QProcess::NotRunning; },
                120000);
            QVERIFY2(reached, "the publish neither progressed nor ended");
            if (cli.state() == QProcess::NotRunning)
                break; // finished before its kill point: the catalog is published
            cli.kill();
            QVERIFY(cli.waitForFinished(30000));
            ++killed;
        }
        qInfo() << "killed" << killed << "times," << shop.requests() << "requests so far";

        const auto last = test::runCli(shop.publishArguments(), m_home.path(), shop.environment());
        QVERIFY2(last.exitCode == 0, qPrintable(last.err));
        QVERIFY2(shop.problems(kImages).isEmpty(),
                 qPrintable(shop.problems(kImages).join(u", "_s)));
        QCOMPARE(shop.sandbox.listings().size(), kProducts);
        QCOMPARE(shop.scalar(u"SELECT COUNT(*) FROM sync_runs WHERE finished_at IS NULL"_s), 0);
        QCOMPARE(shop.scalar(u"SELECT COUNT(*) FROM mappings WHERE connection_id = %1 "
                             "AND state = 'synced'"_s.arg(shop.connection)),
                 kProducts);
        const double ratio = double(shop.requests()) / double(cleanRequests);
        qInfo("requests: clean %lld, killed %d times then finished %lld (%.2f x)", cleanRequests,
              killed, shop.requests(), ratio);
        QVERIFY2(ratio <= 1.2, qPrintable(u"%1 x a clean run's requests"_s.arg(ratio)));
    }

    void aProcessPausedPastItsLeaseNeverActsAgain()
    {
        constexpr int kProducts = 24;
        constexpr int kImages = 3;
        Shop shop(10);
        QVERIFY(shop.open(m_secrets, kProducts, kImages));

        QProcess first;
        test::startCli(first, shop.publishArguments(), m_home.path(), shop.environment());
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            shop.sandbox.listings().size() >= 4 || first.state() == QProcess::NotRunning, 120000);
        QVERIFY2(first.state() == QProcess::Running, "the first publish ended before its pause");
        pauseOutsideAWrite(first, shop.workspace.path());
        // Uploads the pause caught on the wire may still land: they are the
        // only requests the paused process can have in flight.
        const qint64 inFlight =
            shop.scalar(u"SELECT COUNT(*) FROM sync_items WHERE state = 'running'"_s);
        // Its leases run out (its process still exists, so only the lease tells).
        QTRY_VERIFY_WITH_TIMEOUT(
            shop.scalar(u"SELECT COUNT(*) FROM sync_items WHERE state = 'running' AND "
                        "lease_expires_at >= %1"_s.arg(QDateTime::currentMSecsSinceEpoch())) == 0,
            60000);

        const auto second =
            test::runCli(shop.publishArguments(), m_home.path(), shop.environment());
        ::kill(pid_t(first.processId()), SIGCONT);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QVERIFY(first.waitForFinished(120000));

        QVERIFY2(shop.problems(kImages).isEmpty(),
                 qPrintable(shop.problems(kImages).join(u", "_s)));
        QCOMPARE(shop.created(u"createDraftListing"_s), kProducts);
        QVERIFY2(shop.created(u"uploadListingImage"_s) <= kProducts * kImages + inFlight,
                 qPrintable(u"%1 uploads"_s.arg(shop.created(u"uploadListingImage"_s))));
        QCOMPARE(shop.scalar(u"SELECT COUNT(*) FROM sync_runs WHERE finished_at IS NULL"_s), 0);
        QCOMPARE(shop.scalar(u"SELECT COUNT(*) FROM mappings WHERE connection_id = %1 "
                             "AND state = 'synced'"_s.arg(shop.connection)),
                 kProducts);
    }

private:
    // SIGSTOP, at a moment the process holds no write lock on the workspace
    // (a SQLite writer paused inside its transaction would block every other
    // process, which is not what this test is about).
    static void pauseOutsideAWrite(QProcess &process, const QString &workspacePath)
    {
        const QString name = u"pause-probe"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(workspacePath);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"PRAGMA busy_timeout = 0"_s));
            for (;;) {
                ::kill(pid_t(process.processId()), SIGSTOP);
                if (query.exec(u"BEGIN IMMEDIATE"_s)) {
                    query.exec(u"ROLLBACK"_s);
                    break;
                }
                ::kill(pid_t(process.processId()), SIGCONT);
                QTest::qWait(5);
            }
        }
        QSqlDatabase::removeDatabase(name);
    }

    SecretStore m_secrets;
    QTemporaryDir m_home;
};

QTEST_GUILESS_MAIN(TestPublishCrash)
#include "tst_publishcrash.moc"
