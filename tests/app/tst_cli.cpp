// storeloom-cli as scripts and people use it: the real binary in a QProcess,
// against a workspace filled through the hub's stores.

#include "catalogstore.h"
#include "clirunner.h"
#include "connectionstore.h"
#include "itemstore.h"
#include "runstore.h"
#include "testworkspace.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace storeloom;
using State = SyncItem::State;
using Result = test::CliResult;

namespace {

const QString kSecretKey = QStringLiteral("storeloom/test-shop/secret-key");
const QString kDeadError = QStringLiteral("Title is longer than the channel allows");
const QString kRetryError = QStringLiteral("HTTP 503 from the sandbox");

QString localTime(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

qint64 utcMsecs(const QJsonValue &value)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() && time.timeSpec() == Qt::UTC ? time.toMSecsSinceEpoch() : -1;
}

// "Label:   value" lines, as `status` and `run show` print them.
QHash<QString, QString> fields(const QString &text)
{
    static const QRegularExpression line(QStringLiteral("^([A-Za-z ]+):\\s+(.*)$"),
                                         QRegularExpression::MultilineOption);
    QHash<QString, QString> result;
    for (auto it = line.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        result.insert(match.captured(1), match.captured(2));
    }
    return result;
}

QStringList words(const QString &line)
{
    return line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QByteArray digest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

NewItem newItem(const QString &key, qint64 connectionId)
{
    NewItem item;
    item.operation = QStringLiteral("listing.create");
    item.direction = Direction::Outbound;
    item.idempotencyKey = key;
    item.connectionId = connectionId;
    item.entityType = QStringLiteral("product");
    item.entityId = 1;
    return item;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

public:
    // A command against the test workspace (--workspace goes first).
    Result cli(const QStringList &arguments) const
    {
        return run(QStringList{QStringLiteral("--workspace"), m_workspace->path()} + arguments);
    }

    Result run(const QStringList &arguments) const
    {
        return test::runCli(arguments, m_home->path());
    }

    QString expand(QString text) const
    {
        text.replace(QLatin1String("{active}"), QString::number(m_activeRun));
        text.replace(QLatin1String("{finished}"), QString::number(m_finishedRun));
        text.replace(QLatin1String("{dead}"), QString::number(m_deadItem));
        text.replace(QLatin1String("{succeeded}"), QString::number(m_succeededItem));
        text.replace(QLatin1String("{pending}"), QString::number(m_pendingItem));
        return text;
    }

    SyncItem item(qint64 id) const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        return ItemStore(handle.db()).get(id);
    }

    SyncRun syncRun(qint64 id) const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        return RunStore(handle.db()).get(id);
    }

    // Checks the contract of every error: its exit code, one line on stderr, nothing on stdout.
    static bool isError(const Result &result, int exitCode, QString *why)
    {
        if (result.exitCode != exitCode)
            *why = QStringLiteral("exit code %1, expected %2 (stderr: %3)")
                       .arg(result.exitCode)
                       .arg(exitCode)
                       .arg(result.err);
        else if (!result.out.isEmpty())
            *why = QStringLiteral("stdout is not empty: %1").arg(result.out);
        else if (result.errLines().size() != 1 || !result.err.endsWith(QLatin1Char('\n')))
            *why = QStringLiteral("stderr is not one line: %1").arg(result.err);
        else if (!result.err.startsWith(QLatin1String("storeloom-cli: ")))
            *why = QStringLiteral("stderr lacks the prefix: %1").arg(result.err);
        else
            return true;
        return false;
    }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void statusSummarizesTheWorkspace();
    void statusAsJson();
    void runsAreListedNewestFirst();
    void runsAsJson();
    void runShowGivesFieldsAndItemCounts();
    void runShowAsJson();
    void itemsOfARun();
    void itemsAsJson();
    void itemsFilteredByStateAndLimited();
    void replayPutsADeadItemBack();
    void replayAsJson();
    void cancelStopsWaitingItemsOnce();
    void cancelAsJson();
    void globalOptionsMayFollowTheCommand();
    void errors_data();
    void errors();
    void unusableWorkspaces_data();
    void unusableWorkspaces();
    void defaultWorkspaceLocation();
    void help_data();
    void help();
    void version();

private:
    void populate();

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    qint64 m_connectionId = 0;
    qint64 m_finishedRun = 0;
    qint64 m_activeRun = 0;
    qint64 m_succeededItem = 0;
    qint64 m_deadItem = 0;
    qint64 m_skippedItem = 0;
    qint64 m_failedItem = 0;
    qint64 m_pendingItem = 0;
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(test::cliProgram()).isExecutable(), qPrintable(test::cliProgram()));
}

void TestCli::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_workspace = std::make_unique<test::TestWorkspace>();
    populate();
}

void TestCli::cleanup()
{
    m_workspace.reset();
    m_home.reset();
}

// A finished run (one item, succeeded), then a running one with an item in
// each state an item can rest in: succeeded, dead, skipped, failed (waiting
// for its retry) and two pending.
void TestCli::populate()
{
    const DbHandle handle = m_workspace->workspace().openHandle();
    Connection connection;
    connection.provider = QStringLiteral("sandbox");
    connection.externalShopId = QStringLiteral("shop-1");
    connection.name = QStringLiteral("Test shop");
    connection.secretKey = kSecretKey;
    m_connectionId = ConnectionStore(handle.db()).add(connection);

    Product product;
    product.title = QStringLiteral("Linen apron");
    Variant variant;
    variant.sku = QStringLiteral("APRON-1");
    variant.price = {2400, QStringLiteral("EUR")};
    product.variants = {variant};
    CatalogStore(handle.db()).addProduct(product);

    RunStore runs(handle.db());
    ItemStore items(handle.db());
    const QString owner = QStringLiteral("tst_cli");
    const auto completeNext = [&](const ItemOutcome &outcome) -> qint64 {
        const QList<SyncItem> claimed = items.claim(owner, 1, 60000);
        if (claimed.size() != 1)
            return 0;
        return items.complete(claimed.first(), outcome, 60000).recorded ? claimed.first().id : 0;
    };

    m_finishedRun =
        runs.create(QStringLiteral("inventory"), m_connectionId, QStringLiteral("tester"));
    items.enqueue(m_finishedRun, newItem(QStringLiteral("finished:1"), m_connectionId));
    QVERIFY(completeNext(ItemOutcome::succeeded()) > 0);

    m_activeRun = runs.create(QStringLiteral("publish"), m_connectionId, QStringLiteral("tester"));
    for (int i = 1; i <= 6; ++i)
        items.enqueue(m_activeRun, newItem(QStringLiteral("active:%1").arg(i), m_connectionId));
    m_succeededItem = completeNext(ItemOutcome::succeeded());
    m_deadItem = completeNext(ItemOutcome::permanent(kDeadError));
    m_skippedItem = completeNext(ItemOutcome::skipped());
    m_failedItem = completeNext(ItemOutcome::retry(kRetryError)); // retries in 1 s at the earliest
    QVERIFY(m_succeededItem && m_deadItem && m_skippedItem && m_failedItem);
    m_pendingItem = m_failedItem + 1;

    QCOMPARE(runs.get(m_finishedRun).status, SyncRun::Status::Succeeded);
    QCOMPARE(runs.get(m_activeRun).status, SyncRun::Status::Running);
    QCOMPARE(items.get(m_deadItem).state, State::Dead);
    QCOMPARE(items.get(m_failedItem).state, State::Failed);
    QCOMPARE(items.get(m_pendingItem).state, State::Pending);
}

void TestCli::statusSummarizesTheWorkspace()
{
    const Result result = cli({QStringLiteral("status")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.err, QString());
    const auto status = fields(result.out);
    QCOMPARE(status.value(QStringLiteral("Workspace")),
             QFileInfo(m_workspace->path()).absoluteFilePath());
    QCOMPARE(status.value(QStringLiteral("Schema version")),
             QString::number(m_workspace->workspace().schemaVersion()));
    QCOMPARE(status.value(QStringLiteral("Connections")), QStringLiteral("1"));
    QCOMPARE(status.value(QStringLiteral("Products")), QStringLiteral("1"));
    QCOMPARE(status.value(QStringLiteral("Runs")), QStringLiteral("2 (running 1, succeeded 1)"));
    QCOMPARE(status.value(QStringLiteral("Items")),
             QStringLiteral("7 (pending 2, succeeded 2, skipped 1, failed 1, dead 1)"));
    QVERIFY(!result.out.contains(kSecretKey));
}

void TestCli::statusAsJson()
{
    const Result result = cli({QStringLiteral("--json"), QStringLiteral("status")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(!result.out.contains(kSecretKey));
    const QJsonObject status = result.json().value(QStringLiteral("status")).toObject();
    QCOMPARE(status.value(QStringLiteral("workspace")).toString(),
             QFileInfo(m_workspace->path()).absoluteFilePath());
    QCOMPARE(status.value(QStringLiteral("schema_version")).toInt(),
             m_workspace->workspace().schemaVersion());
    QCOMPARE(status.value(QStringLiteral("connections")).toInteger(), 1);
    QCOMPARE(status.value(QStringLiteral("products")).toInteger(), 1);
    const QJsonObject runs = status.value(QStringLiteral("runs")).toObject();
    QCOMPARE(runs.value(QStringLiteral("total")).toInteger(), 2);
    const QJsonObject byStatus = runs.value(QStringLiteral("by_status")).toObject();
    QCOMPARE(byStatus.value(QStringLiteral("running")).toInteger(), 1);
    QCOMPARE(byStatus.value(QStringLiteral("succeeded")).toInteger(), 1);
    QCOMPARE(byStatus.value(QStringLiteral("cancelled")).toInteger(), 0);
    const QJsonObject items = status.value(QStringLiteral("items")).toObject();
    QCOMPARE(items.value(QStringLiteral("total")).toInteger(), 7);
    const QJsonObject byState = items.value(QStringLiteral("by_state")).toObject();
    QCOMPARE(byState.size(), 7);
    QCOMPARE(byState.value(QStringLiteral("pending")).toInteger(), 2);
    QCOMPARE(byState.value(QStringLiteral("succeeded")).toInteger(), 2);
    QCOMPARE(byState.value(QStringLiteral("dead")).toInteger(), 1);
    QCOMPARE(byState.value(QStringLiteral("failed")).toInteger(), 1);
    QCOMPARE(byState.value(QStringLiteral("running")).toInteger(), 0);
}

void TestCli::runsAreListedNewestFirst()
{
    const Result result = cli({QStringLiteral("runs")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.err, QString());
    const QStringList lines = result.outLines();
    QCOMPARE(lines.size(), 3);
    QCOMPARE(
        words(lines.at(0)),
        QStringList({QStringLiteral("ID"), QStringLiteral("KIND"), QStringLiteral("STATUS"),
                     QStringLiteral("DONE"), QStringLiteral("SUCCEEDED"), QStringLiteral("FAILED"),
                     QStringLiteral("SKIPPED"), QStringLiteral("CANCELLED"),
                     QStringLiteral("CREATED"), QStringLiteral("FINISHED")}));
    // Aligned: every row is as wide as the header up to the CREATED column.
    const qsizetype created = lines.at(0).indexOf(QLatin1String("CREATED"));
    const SyncRun active = syncRun(m_activeRun);
    const SyncRun finished = syncRun(m_finishedRun);
    QCOMPARE(lines.at(1).mid(created, 19), localTime(active.createdAt));
    QCOMPARE(lines.at(2).mid(created, 19), localTime(finished.createdAt));

    QCOMPARE(words(lines.at(1)).mid(0, 8),
             QStringList({QString::number(m_activeRun), QStringLiteral("publish"),
                          QStringLiteral("running"), QStringLiteral("3/6"), QStringLiteral("1"),
                          QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("0")}));
    QVERIFY2(lines.at(1).endsWith(QLatin1String(" -")), qPrintable(lines.at(1)));
    QCOMPARE(words(lines.at(2)).mid(0, 4),
             QStringList({QString::number(m_finishedRun), QStringLiteral("inventory"),
                          QStringLiteral("succeeded"), QStringLiteral("1/1")}));
    QVERIFY2(lines.at(2).endsWith(localTime(*finished.finishedAt)), qPrintable(lines.at(2)));
}

void TestCli::runsAsJson()
{
    const Result result = cli({QStringLiteral("runs"), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray runs = result.json().value(QStringLiteral("runs")).toArray();
    QCOMPARE(runs.size(), 2);
    const QJsonObject active = runs.at(0).toObject();
    const QJsonObject finished = runs.at(1).toObject();
    QCOMPARE(active.value(QStringLiteral("id")).toInteger(), m_activeRun);
    QCOMPARE(active.value(QStringLiteral("kind")).toString(), QStringLiteral("publish"));
    QCOMPARE(active.value(QStringLiteral("status")).toString(), QStringLiteral("running"));
    QCOMPARE(active.value(QStringLiteral("connection_id")).toInteger(), m_connectionId);
    QCOMPARE(active.value(QStringLiteral("total")).toInteger(), 6);
    QCOMPARE(active.value(QStringLiteral("done")).toInteger(), 3);
    QCOMPARE(active.value(QStringLiteral("succeeded")).toInteger(), 1);
    QCOMPARE(active.value(QStringLiteral("failed")).toInteger(), 1);
    QCOMPARE(active.value(QStringLiteral("skipped")).toInteger(), 1);
    QCOMPARE(active.value(QStringLiteral("cancelled")).toInteger(), 0);
    QCOMPARE(active.value(QStringLiteral("created_by")).toString(), QStringLiteral("tester"));
    QCOMPARE(utcMsecs(active.value(QStringLiteral("created_at"))), syncRun(m_activeRun).createdAt);
    QVERIFY(active.value(QStringLiteral("finished_at")).isNull());

    QCOMPARE(finished.value(QStringLiteral("id")).toInteger(), m_finishedRun);
    QCOMPARE(finished.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(utcMsecs(finished.value(QStringLiteral("finished_at"))),
             *syncRun(m_finishedRun).finishedAt);
}

void TestCli::runShowGivesFieldsAndItemCounts()
{
    const Result result =
        cli({QStringLiteral("run"), QStringLiteral("show"), QString::number(m_activeRun)});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.err, QString());
    const auto run = fields(result.out);
    QCOMPARE(run.value(QStringLiteral("Run")), QString::number(m_activeRun));
    QCOMPARE(run.value(QStringLiteral("Kind")), QStringLiteral("publish"));
    QCOMPARE(run.value(QStringLiteral("Status")), QStringLiteral("running"));
    QCOMPARE(run.value(QStringLiteral("Done")), QStringLiteral("3/6"));
    QCOMPARE(run.value(QStringLiteral("Failed")), QStringLiteral("1"));
    QCOMPARE(run.value(QStringLiteral("Created")), localTime(syncRun(m_activeRun).createdAt));
    QCOMPARE(run.value(QStringLiteral("Finished")), QStringLiteral("-"));
    for (const auto &[state, count] : {std::pair{"pending", 2},
                                       {"running", 0},
                                       {"succeeded", 1},
                                       {"skipped", 1},
                                       {"failed", 1},
                                       {"dead", 1},
                                       {"cancelled", 0}}) {
        const QRegularExpression row(
            QStringLiteral("^%1 +%2$").arg(QLatin1String(state)).arg(count),
            QRegularExpression::MultilineOption);
        QVERIFY2(row.match(result.out).hasMatch(), qPrintable(result.out));
    }
}

void TestCli::runShowAsJson()
{
    const Result result = cli({QStringLiteral("--json"), QStringLiteral("run"),
                               QStringLiteral("show"), QString::number(m_activeRun)});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject run = result.json().value(QStringLiteral("run")).toObject();
    QCOMPARE(run.value(QStringLiteral("id")).toInteger(), m_activeRun);
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("running"));
    QCOMPARE(run.value(QStringLiteral("remaining")).toInteger(), 3);
    QVERIFY(run.value(QStringLiteral("plan")).isNull());
    const QJsonObject counts = run.value(QStringLiteral("items_by_state")).toObject();
    QCOMPARE(counts.value(QStringLiteral("pending")).toInteger(), 2);
    QCOMPARE(counts.value(QStringLiteral("dead")).toInteger(), 1);
    QCOMPARE(counts.value(QStringLiteral("failed")).toInteger(), 1);
    QCOMPARE(counts.value(QStringLiteral("succeeded")).toInteger(), 1);
    QCOMPARE(counts.value(QStringLiteral("cancelled")).toInteger(), 0);
}

void TestCli::itemsOfARun()
{
    const Result result =
        cli({QStringLiteral("items"), QStringLiteral("--run"), QString::number(m_activeRun)});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.err, QString());
    const QStringList lines = result.outLines();
    QCOMPARE(lines.size(), 7);
    QCOMPARE(words(lines.at(0)).mid(0, 4),
             QStringList({QStringLiteral("ID"), QStringLiteral("OPERATION"),
                          QStringLiteral("STATE"), QStringLiteral("ATTEMPTS")}));
    const QString dead = lines.at(2);
    QCOMPARE(words(dead).mid(0, 5),
             QStringList({QString::number(m_deadItem), QStringLiteral("listing.create"),
                          QStringLiteral("dead"), QStringLiteral("1/5"), QStringLiteral("-")}));
    QVERIFY2(dead.endsWith(kDeadError), qPrintable(dead));
    const QString failed = lines.at(4);
    QVERIFY2(failed.contains(localTime(item(m_failedItem).nextAttemptAt)), qPrintable(failed));
    QVERIFY2(failed.endsWith(kRetryError), qPrintable(failed));
    QVERIFY(words(lines.at(6)).contains(QStringLiteral("pending")));
}

void TestCli::itemsAsJson()
{
    const Result result = cli({QStringLiteral("items"), QStringLiteral("--run"),
                               QString::number(m_activeRun), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray items = result.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 6);
    const QJsonObject dead = items.at(1).toObject();
    QCOMPARE(dead.value(QStringLiteral("id")).toInteger(), m_deadItem);
    QCOMPARE(dead.value(QStringLiteral("run_id")).toInteger(), m_activeRun);
    QCOMPARE(dead.value(QStringLiteral("operation")).toString(), QStringLiteral("listing.create"));
    QCOMPARE(dead.value(QStringLiteral("direction")).toString(), QStringLiteral("outbound"));
    QCOMPARE(dead.value(QStringLiteral("state")).toString(), QStringLiteral("dead"));
    QCOMPARE(dead.value(QStringLiteral("attempts")).toInt(), 1);
    QCOMPARE(dead.value(QStringLiteral("max_attempts")).toInt(), 5);
    QCOMPARE(dead.value(QStringLiteral("last_error")).toString(), kDeadError);
    QVERIFY(dead.value(QStringLiteral("next_attempt_at")).isNull());
    QVERIFY(dead.value(QStringLiteral("lease_expires_at")).isNull());
    QVERIFY(!dead.contains(QStringLiteral("payload")));

    const QJsonObject failed = items.at(3).toObject();
    QCOMPARE(failed.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(utcMsecs(failed.value(QStringLiteral("next_attempt_at"))),
             item(m_failedItem).nextAttemptAt);
    const QJsonObject pending = items.at(4).toObject();
    QVERIFY(pending.value(QStringLiteral("last_error")).isNull());
    QCOMPARE(utcMsecs(pending.value(QStringLiteral("updated_at"))), item(m_pendingItem).updatedAt);
}

void TestCli::itemsFilteredByStateAndLimited()
{
    const QString run = QString::number(m_activeRun);
    Result result =
        cli({QStringLiteral("items"), QStringLiteral("--run"), run, QStringLiteral("--state"),
             QStringLiteral("dead"), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    QJsonArray items = result.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("id")).toInteger(), m_deadItem);

    result = cli({QStringLiteral("items"), QStringLiteral("--run"), run, QStringLiteral("--state"),
                  QStringLiteral("Pending"), QStringLiteral("--limit"), QStringLiteral("1"),
                  QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    items = result.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("id")).toInteger(), m_pendingItem);

    result = cli({QStringLiteral("items"), QStringLiteral("--run"), run, QStringLiteral("--state"),
                  QStringLiteral("cancelled")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QStringLiteral("Run %1 has no cancelled items.\n").arg(run));
    result = cli({QStringLiteral("items"), QStringLiteral("--run"), run, QStringLiteral("--state"),
                  QStringLiteral("cancelled"), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.json().value(QStringLiteral("items")).toArray().isEmpty());
}

void TestCli::replayPutsADeadItemBack()
{
    const Result result = cli({QStringLiteral("replay"), QString::number(m_deadItem)});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.err, QString());
    QVERIFY2(result.out.contains(QLatin1String("is pending again")), qPrintable(result.out));
    const SyncItem replayed = item(m_deadItem);
    QCOMPARE(replayed.state, State::Pending);
    QCOMPARE(replayed.attempts, 0);
    QCOMPARE(syncRun(m_activeRun).failed, 0);

    // Now pending, it cannot be replayed again.
    QString why;
    QVERIFY2(isError(cli({QStringLiteral("replay"), QString::number(m_deadItem)}), 5, &why),
             qPrintable(why));
}

void TestCli::replayAsJson()
{
    const Result result =
        cli({QStringLiteral("replay"), QString::number(m_failedItem), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject replayed = result.json().value(QStringLiteral("item")).toObject();
    QCOMPARE(replayed.value(QStringLiteral("id")).toInteger(), m_failedItem);
    QCOMPARE(replayed.value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
    QCOMPARE(replayed.value(QStringLiteral("attempts")).toInt(), 0);
    QCOMPARE(item(m_failedItem).state, State::Pending);
}

void TestCli::cancelStopsWaitingItemsOnce()
{
    const Result result = cli({QStringLiteral("cancel"), QString::number(m_activeRun)});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.err, QString()); // the engine's log line stays off stderr
    QCOMPARE(result.out,
             QStringLiteral("Run %1 cancelled: 3 waiting items stopped.\n").arg(m_activeRun));
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        ItemStore items(handle.db());
        QCOMPARE(items.list(m_activeRun, State::Cancelled).size(), 3);
        QCOMPARE(items.get(m_failedItem).state, State::Cancelled);
        QCOMPARE(items.get(m_deadItem).state, State::Dead);
    }
    QCOMPARE(syncRun(m_activeRun).status, SyncRun::Status::Cancelled);

    QString why;
    const Result again = cli({QStringLiteral("cancel"), QString::number(m_activeRun)});
    QVERIFY2(isError(again, 5, &why), qPrintable(why));
    QVERIFY2(again.err.contains(QLatin1String("already finished")), qPrintable(again.err));
    // The dead item of a cancelled run stays dead.
    QVERIFY2(isError(cli({QStringLiteral("replay"), QString::number(m_deadItem)}), 5, &why),
             qPrintable(why));
}

void TestCli::cancelAsJson()
{
    const Result result =
        cli({QStringLiteral("--json"), QStringLiteral("cancel"), QString::number(m_activeRun)});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = result.json();
    QCOMPARE(json.value(QStringLiteral("cancelled_items")).toInteger(), 3);
    QCOMPARE(json.value(QStringLiteral("running_items")).toInteger(), 0);
    const QJsonObject run = json.value(QStringLiteral("run")).toObject();
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(run.value(QStringLiteral("cancelled")).toInteger(), 3);
    QVERIFY(!run.value(QStringLiteral("finished_at")).isNull());
}

void TestCli::globalOptionsMayFollowTheCommand()
{
    const Result result = run({QStringLiteral("status"), QStringLiteral("--workspace"),
                               m_workspace->path(), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.json()
                 .value(QStringLiteral("status"))
                 .toObject()
                 .value(QStringLiteral("products"))
                 .toInteger(),
             1);
}

void TestCli::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("reason"); // part of the stderr line

    const auto row = [](const char *name, QStringList arguments, int exitCode,
                        QString reason = {}) {
        QTest::newRow(name) << arguments << exitCode << reason;
    };
    row("no command", {}, 2, QStringLiteral("No command"));
    row("unknown command", {QStringLiteral("frobnicate")}, 2, QStringLiteral("'frobnicate'"));
    row("unknown global option", {QStringLiteral("--frobnicate"), QStringLiteral("status")}, 2,
        QStringLiteral("frobnicate"));
    row("unknown command option", {QStringLiteral("runs"), QStringLiteral("--frobnicate")}, 2,
        QStringLiteral("frobnicate"));
    row("another command's option",
        {QStringLiteral("status"), QStringLiteral("--state"), QStringLiteral("dead")}, 2);
    row("extra argument", {QStringLiteral("status"), QStringLiteral("now")}, 2,
        QStringLiteral("'now'"));
    row("run without show", {QStringLiteral("run"), QStringLiteral("{active}")}, 2,
        QStringLiteral("run show ID"));
    row("run show without id", {QStringLiteral("run"), QStringLiteral("show")}, 2,
        QStringLiteral("Missing ID"));
    row("run show, non-numeric id",
        {QStringLiteral("run"), QStringLiteral("show"), QStringLiteral("abc")}, 2,
        QStringLiteral("'abc' is not a valid run id"));
    row("run show, id 0", {QStringLiteral("run"), QStringLiteral("show"), QStringLiteral("0")}, 2);
    row("run show, two ids",
        {QStringLiteral("run"), QStringLiteral("show"), QStringLiteral("{active}"),
         QStringLiteral("{finished}")},
        2);
    row("replay, non-numeric id", {QStringLiteral("replay"), QStringLiteral("x1")}, 2,
        QStringLiteral("'x1' is not a valid item id"));
    row("replay without id", {QStringLiteral("replay")}, 2, QStringLiteral("Missing ITEM"));
    row("cancel without id", {QStringLiteral("cancel")}, 2, QStringLiteral("Missing RUN"));
    row("cancel, negative id", {QStringLiteral("cancel"), QStringLiteral("-3")}, 2);
    row("items without --run", {QStringLiteral("items")}, 2, QStringLiteral("--run"));
    row("items, non-numeric run",
        {QStringLiteral("items"), QStringLiteral("--run"), QStringLiteral("seven")}, 2,
        QStringLiteral("'seven'"));
    row("items, unknown state",
        {QStringLiteral("items"), QStringLiteral("--run"), QStringLiteral("{active}"),
         QStringLiteral("--state"), QStringLiteral("zombie")},
        2,
        QStringLiteral(
            "valid states: pending, running, succeeded, skipped, failed, dead, cancelled"));
    row("items, limit 0",
        {QStringLiteral("items"), QStringLiteral("--run"), QStringLiteral("{active}"),
         QStringLiteral("--limit"), QStringLiteral("0")},
        2, QStringLiteral("--limit"));
    row("runs, limit not a number",
        {QStringLiteral("runs"), QStringLiteral("--limit"), QStringLiteral("many")}, 2);
    row("help on an unknown command", {QStringLiteral("help"), QStringLiteral("frobnicate")}, 2);
    row("unknown run", {QStringLiteral("run"), QStringLiteral("show"), QStringLiteral("999999")}, 3,
        QStringLiteral("no run 999999"));
    row("items of an unknown run",
        {QStringLiteral("items"), QStringLiteral("--run"), QStringLiteral("999999")}, 3);
    row("replay of an unknown item", {QStringLiteral("replay"), QStringLiteral("999999")}, 3,
        QStringLiteral("no item 999999"));
    row("cancel of an unknown run", {QStringLiteral("cancel"), QStringLiteral("999999")}, 3);
    row("replay of a succeeded item", {QStringLiteral("replay"), QStringLiteral("{succeeded}")}, 5,
        QStringLiteral("succeeded"));
    row("replay of a pending item", {QStringLiteral("replay"), QStringLiteral("{pending}")}, 5);
    row("cancel of a finished run", {QStringLiteral("cancel"), QStringLiteral("{finished}")}, 5,
        QStringLiteral("already finished"));
}

void TestCli::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, reason);
    for (QString &argument : arguments)
        argument = expand(argument);
    for (const bool json : {false, true}) {
        const Result result =
            cli(json ? QStringList{QStringLiteral("--json")} + arguments : arguments);
        QString why;
        QVERIFY2(isError(result, exitCode, &why), qPrintable(why));
        QVERIFY2(result.err.contains(reason), qPrintable(result.err));
    }
    QCOMPARE(item(m_succeededItem).state, State::Succeeded);
    QCOMPARE(item(m_pendingItem).state, State::Pending);
    QCOMPARE(syncRun(m_finishedRun).status, SyncRun::Status::Succeeded);
}

void TestCli::unusableWorkspaces_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing file") << QStringLiteral("missing")
                                  << QStringLiteral("no workspace exists there");
    QTest::newRow("missing folder")
        << QStringLiteral("missing folder") << QStringLiteral("no workspace exists");
    QTest::newRow("garbage bytes")
        << QStringLiteral("garbage") << QStringLiteral("not a Storeloom workspace");
    QTest::newRow("empty file") << QStringLiteral("empty")
                                << QStringLiteral("not a Storeloom workspace");
    QTest::newRow("another app's SQLite database")
        << QStringLiteral("foreign") << QStringLiteral("not a Storeloom workspace");
    QTest::newRow("a folder") << QStringLiteral("folder") << QStringLiteral("not a file");
    QTest::newRow("newer schema") << QStringLiteral("newer") << QStringLiteral("newer Storeloom");
}

void TestCli::unusableWorkspaces()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("workspace.sqlite"));
    if (kind == QLatin1String("missing folder")) {
        path = dir.filePath(QStringLiteral("nowhere/workspace.sqlite"));
    } else if (kind == QLatin1String("garbage") || kind == QLatin1String("empty")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (kind == QLatin1String("garbage"))
            file.write(QByteArray("\x01\x7f garbage, not SQLite \xff\xfe").repeated(200));
    } else if (kind == QLatin1String("foreign")) {
        const QString name = QStringLiteral("tst_cli-foreign");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("CREATE TABLE notes (text TEXT)"));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    } else if (kind == QLatin1String("folder")) {
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("workspace.sqlite")));
    } else if (kind == QLatin1String("newer")) {
        path = m_workspace->path();
        const DbHandle handle = m_workspace->workspace().openHandle();
        QVERIFY(QSqlQuery(handle.db())
                    .exec(QStringLiteral("INSERT INTO schema_migrations (version, name, "
                                         "applied_at) VALUES (999, 'future', 1)")));
    }
    const QStringList before = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    const QByteArray digestBefore = digest(path);

    for (const QString &command : {QStringLiteral("status"), QStringLiteral("runs")}) {
        const Result result = run({QStringLiteral("--workspace"), path, command});
        QString why;
        QVERIFY2(isError(result, 4, &why), qPrintable(why));
        QVERIFY2(result.err.contains(reason), qPrintable(result.err));
        // The hub names the file, except when refusing a newer workspace.
        QVERIFY2(kind == QLatin1String("newer") || result.err.contains(path),
                 qPrintable(result.err));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
    QCOMPARE(digest(path), digestBefore);
}

void TestCli::defaultWorkspaceLocation()
{
    // Without --workspace: the GUI's location under XDG_DATA_HOME, never created by the CLI.
    const QString expected =
        m_home->path() + QStringLiteral("/Storeloom/Storeloom/workspace.sqlite");
    Result result = run({QStringLiteral("status")});
    QString why;
    QVERIFY2(isError(result, 4, &why), qPrintable(why));
    QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("--workspace")), qPrintable(result.err));
    QVERIFY(QDir(m_home->path()).isEmpty());

    Workspace(expected).open(); // as the app creates it on first start
    result = run({QStringLiteral("status"), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.json()
                 .value(QStringLiteral("status"))
                 .toObject()
                 .value(QStringLiteral("workspace"))
                 .toString(),
             expected);
}

void TestCli::help_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("usage");
    const QString main = QStringLiteral("Usage: storeloom-cli [options] COMMAND");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << main;
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << main;
    QTest::newRow("help") << QStringList{QStringLiteral("help")} << main;
    QTest::newRow("runs --help") << QStringList{QStringLiteral("runs"), QStringLiteral("--help")}
                                 << QStringLiteral("Usage: storeloom-cli runs [options]");
    QTest::newRow("help runs") << QStringList{QStringLiteral("help"), QStringLiteral("runs")}
                               << QStringLiteral("Usage: storeloom-cli runs [options]");
    QTest::newRow("--help items") << QStringList{QStringLiteral("--help"), QStringLiteral("items")}
                                  << QStringLiteral(
                                         "Usage: storeloom-cli items --run ID [options]");
    QTest::newRow("items --help") << QStringList{QStringLiteral("items"), QStringLiteral("--help")}
                                  << QStringLiteral("--state <state>");
    QTest::newRow("run show --help")
        << QStringList{QStringLiteral("run"), QStringLiteral("show"), QStringLiteral("--help")}
        << QStringLiteral("Usage: storeloom-cli run show ID [options]");
    QTest::newRow("run --help") << QStringList{QStringLiteral("run"), QStringLiteral("--help")}
                                << QStringLiteral("Usage: storeloom-cli run show ID [options]");
    QTest::newRow("help run show")
        << QStringList{QStringLiteral("help"), QStringLiteral("run"), QStringLiteral("show")}
        << QStringLiteral("Usage: storeloom-cli run show ID [options]");
    QTest::newRow("replay --help")
        << QStringList{QStringLiteral("replay"), QStringLiteral("--help")}
        << QStringLiteral("Usage: storeloom-cli replay ITEM [options]");
    QTest::newRow("cancel -h") << QStringList{QStringLiteral("cancel"), QStringLiteral("-h")}
                               << QStringLiteral("Usage: storeloom-cli cancel RUN [options]");
    QTest::newRow("status --help")
        << QStringList{QStringLiteral("status"), QStringLiteral("--help")}
        << QStringLiteral("Usage: storeloom-cli status [options]");
    QTest::newRow("publish --help")
        << QStringList{QStringLiteral("publish"), QStringLiteral("--help")}
        << QStringLiteral("Usage: storeloom-cli publish --to CONNECTION [options]");
    QTest::newRow("help lists publish")
        << QStringList{QStringLiteral("--help")}
        << QStringLiteral("publish --to CONNECTION");
    QTest::newRow("channel-settings --help")
        << QStringList{QStringLiteral("channel-settings"), QStringLiteral("--help")}
        << QStringLiteral("Usage: storeloom-cli channel-settings CONNECTION [options]");
    QTest::newRow("help lists channel-settings")
        << QStringList{QStringLiteral("--help")}
        << QStringLiteral("channel-settings CONNECTION");
}

void TestCli::help()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, usage);
    const Result result = run(arguments); // no workspace needed, none exists
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.err, QString());
    QVERIFY2(result.out.contains(usage), qPrintable(result.out));
    QVERIFY(result.out.contains(QLatin1String("--workspace <path>")));
    QVERIFY(result.out.contains(QLatin1String("--json")));
    for (const char *code : {"0  success", "2  usage error", "3  not found",
                             "4  workspace unavailable", "5  invalid state"})
        QVERIFY2(result.out.contains(QLatin1String(code)), code);
    QVERIFY(QDir(m_home->path()).isEmpty());
}

void TestCli::version()
{
    const Result result = run({QStringLiteral("--version")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out,
             QStringLiteral("storeloom-cli %1\n").arg(QStringLiteral(STORELOOM_VERSION)));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
