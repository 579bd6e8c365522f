// Progress notifications coalesced: thousands of "run N changed" a second,
// from any thread, become a handful of re-reads of the runs that moved, each
// repainting only its own row. Counts refreshes, never time.

#include "connectionstore.h"
#include "itemstore.h"
#include "progresscoalescer.h"
#include "runstore.h"
#include "syncrunmodel.h"
#include "testworkspace.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <memory>

using namespace storeloom;

namespace {

constexpr int kNotifications = 10000;

bool load(WorkspaceModel &model)
{
    QSignalSpy loaded(&model, &WorkspaceModel::loaded);
    model.refresh();
    return loaded.wait(10000) && !model.isLoading();
}

QString text(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

NewItem publishItem(qint64 connection, int i)
{
    NewItem item;
    item.operation = QStringLiteral("listing.publish");
    item.direction = Direction::Outbound;
    item.idempotencyKey = QStringLiteral("coalesce-%1").arg(i);
    item.connectionId = connection;
    item.maxAttempts = 1;
    return item;
}

} // namespace

class TestProgressCoalescer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QThreadPool::globalInstance()->waitForDone(); }

    void notificationsBetweenFlushesBecomeOneEach();
    void notificationsFromAnotherThreadArriveOnTheCoalescersThread();
    void tenThousandNotificationsRefreshTheRowAFewTimes();
};

void TestProgressCoalescer::notificationsBetweenFlushesBecomeOneEach()
{
    ProgressCoalescer coalescer;
    QSignalSpy changed(&coalescer, &ProgressCoalescer::runChanged);
    for (int i = 0; i < kNotifications; ++i)
        coalescer.notify(i % 3 == 0 ? 7 : 8);
    QVERIFY(coalescer.hasPending());
    QVERIFY(changed.isEmpty()); // nothing before the flush

    QTRY_VERIFY(!coalescer.hasPending());
    QCOMPARE(coalescer.flushCount(), 1);
    QCOMPARE(changed.size(), 2); // once per run, in run order
    QCOMPARE(changed.at(0).at(0).toLongLong(), 7);
    QCOMPARE(changed.at(1).at(0).toLongLong(), 8);

    coalescer.notify(7); // a later change flushes again
    QTRY_COMPARE(changed.size(), 3);
    QCOMPARE(coalescer.flushCount(), 2);
}

void TestProgressCoalescer::notificationsFromAnotherThreadArriveOnTheCoalescersThread()
{
    ProgressCoalescer coalescer;
    QThread *receivedOn = nullptr;
    int received = 0;
    connect(&coalescer, &ProgressCoalescer::runChanged, this, [&](qint64) {
        receivedOn = QThread::currentThread();
        ++received;
    });
    std::unique_ptr<QThread> feeder(QThread::create([&coalescer] {
        for (int i = 0; i < kNotifications; ++i)
            coalescer.notify(42);
    }));
    feeder->start();
    QVERIFY(feeder->wait(30000)); // the GUI thread is busy meanwhile: one flush
    QTRY_VERIFY(!coalescer.hasPending());
    QCOMPARE(received, 1);
    QCOMPARE(receivedOn, QThread::currentThread());
}

void TestProgressCoalescer::tenThousandNotificationsRefreshTheRowAFewTimes()
{
    constexpr int kItems = 40;
    constexpr int kBatches = 10;
    test::TestWorkspace ws;
    qint64 run = 0;
    qint64 other = 0;
    qint64 connection = 0;
    {
        const DbHandle handle = ws.workspace().openHandle();
        Connection etsy;
        etsy.provider = QStringLiteral("etsy");
        etsy.externalShopId = QStringLiteral("shop-1");
        etsy.name = QStringLiteral("Loom & Co");
        etsy.status = Connection::Status::Live;
        connection = ConnectionStore(handle.db()).add(etsy);
        RunStore runs(handle.db());
        other = runs.create(QStringLiteral("import"), connection, QStringLiteral("test"));
        run = runs.create(QStringLiteral("publish"), connection, QStringLiteral("test"));
        QList<NewItem> items;
        for (int i = 0; i < kItems; ++i)
            items.append(publishItem(connection, i));
        ItemStore(handle.db()).enqueue(run, items);
    }

    SyncRunModel model(ws.workspace());
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 2);
    const int row = model.rowOf(run);
    QCOMPARE(row, 0); // newest first
    QCOMPARE(model.rowOf(other), 1);
    QCOMPARE(text(model, row, SyncRunModel::Progress), QStringLiteral("0/40"));
    QCOMPARE(text(model, row, SyncRunModel::Connection), QStringLiteral("Loom & Co"));

    ProgressCoalescer coalescer;
    connect(&coalescer, &ProgressCoalescer::runChanged, &model, &SyncRunModel::refreshRun);
    QSignalSpy refreshed(&model, &SyncRunModel::runRefreshed);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy reloaded(&model, &WorkspaceModel::loaded);

    // A worker moves the items along and reports every step a thousand
    // times over, as a chatty executor would.
    std::unique_ptr<QThread> worker(QThread::create([&ws, &coalescer, run] {
        const DbHandle handle = ws.workspace().openHandle();
        ItemStore items(handle.db());
        for (int batch = 0; batch < kBatches; ++batch) {
            const QList<SyncItem> claimed =
                items.claim(QStringLiteral("worker"), kItems / kBatches, 60000);
            for (const SyncItem &item : claimed) {
                const bool fails = item.idempotencyKey == u"coalesce-3";
                items.complete(item,
                               fails ? ItemOutcome::permanent(QStringLiteral("Etsy said no"))
                                     : ItemOutcome::succeeded(),
                               60000);
            }
            for (int i = 0; i < kNotifications / kBatches; ++i)
                coalescer.notify(run);
        }
    }));
    worker->start();
    QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 60000);

    QTRY_COMPARE(text(model, row, SyncRunModel::Progress), QStringLiteral("40/40"));
    QTRY_COMPARE(text(model, row, SyncRunModel::Status), QStringLiteral("Failed"));
    QCOMPARE(text(model, row, SyncRunModel::Succeeded), QStringLiteral("39"));
    QCOMPARE(text(model, row, SyncRunModel::Failed), QStringLiteral("1"));
    QCOMPARE(text(model, row, SyncRunModel::Remaining), QStringLiteral("0"));
    QVERIFY(!text(model, row, SyncRunModel::Finished).isEmpty());
    QCOMPARE(model.runAt(row).succeeded, 39);
    QTRY_VERIFY(!coalescer.hasPending());
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();

    // A handful of reads, each repainting the run's row alone: no reset, no
    // reload of the list, the other run untouched.
    const int flushes = coalescer.flushCount();
    QVERIFY(flushes >= 1);
    QVERIFY2(flushes < kNotifications / 100, qPrintable(QStringLiteral("%1 flushes").arg(flushes)));
    QVERIFY(refreshed.size() >= 1);
    QVERIFY2(
        refreshed.size() <= 2 * flushes,
        qPrintable(QStringLiteral("%1 reads for %2 flushes").arg(refreshed.size()).arg(flushes)));
    QVERIFY(changed.size() <= refreshed.size());
    for (const QList<QVariant> &signal : std::as_const(changed)) {
        QCOMPARE(signal.at(0).toModelIndex().row(), row);
        QCOMPARE(signal.at(1).toModelIndex().row(), row);
    }
    QCOMPARE(reset.size(), 0);
    QCOMPARE(reloaded.size(), 0);

    // A later list load agrees with what the reads showed.
    QVERIFY(load(model));
    QCOMPARE(text(model, row, SyncRunModel::Progress), QStringLiteral("40/40"));
    QCOMPARE(text(model, row, SyncRunModel::Failed), QStringLiteral("1"));
}

QTEST_MAIN(TestProgressCoalescer)
#include "tst_progresscoalescer.moc"
