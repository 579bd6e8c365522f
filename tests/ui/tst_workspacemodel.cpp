// The asynchronous loading every area model shares (WorkspaceModel and
// WorkspaceTableModel): queries off the GUI thread, stale results dropped, a
// destroyed model left alone, rows updated in place so selections survive.

#include "catalogstore.h"
#include "testworkspace.h"
#include "workspacetablemodel.h"

#include <QAtomicInteger>
#include <QAtomicPointer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QThreadPool>

using namespace storeloom;

namespace {

struct ProbeRow
{
    qint64 id = 0;
    QString title;
};

// Shared with the worker threads the probe's queries run on.
QAtomicPointer<QThread> g_queryThread;
QAtomicInteger<int> g_queries;
QSemaphore g_gate;           // a query waits here, after reading, when gated
QAtomicInteger<int> g_gated; // whether queries wait at the gate

QList<ProbeRow> fetchProducts(const QSqlDatabase &db)
{
    g_queryThread.storeRelease(QThread::currentThread());
    QList<ProbeRow> rows;
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT id, title FROM products ORDER BY id DESC"))) {
        while (query.next())
            rows.append({query.value(0).toLongLong(), query.value(1).toString()});
    }
    g_queries.fetchAndAddRelaxed(1);
    if (g_gated.loadAcquire())
        g_gate.acquire();
    return rows;
}

// Products newest first, like the runs and the activity.
class ProbeModel : public WorkspaceTableModel<ProbeRow>
{
public:
    explicit ProbeModel(Workspace workspace, QObject *parent = nullptr)
        : WorkspaceTableModel(std::move(workspace), &fetchProducts, parent)
    {
    }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 1; }
    QVariant data(const QModelIndex &index, int role) const override
    {
        return index.isValid() && role == Qt::DisplayRole ? QVariant(rowAt(index.row()).title)
                                                          : QVariant();
    }

protected:
    bool sameRow(const ProbeRow &a, const ProbeRow &b) const override
    {
        return a.id == b.id && a.title == b.title;
    }
};

qint64 addProduct(const Workspace &workspace, const QString &title)
{
    const DbHandle handle = workspace.openHandle();
    Product product;
    product.title = title;
    return CatalogStore(handle.db()).addProduct(product);
}

void execute(const Workspace &workspace, const QString &statement)
{
    const DbHandle handle = workspace.openHandle();
    QSqlQuery query(handle.db());
    QVERIFY2(query.exec(statement), qPrintable(statement));
}

bool load(WorkspaceModel &model)
{
    QSignalSpy loaded(&model, &WorkspaceModel::loaded);
    model.refresh();
    return loaded.wait(10000);
}

} // namespace

class TestWorkspaceModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void queryRunsOnAWorkerThread();
    void staleResultIsDropped();
    void modelDestroyedWhileLoadingIsLeftAlone();
    void newRowsAreInsertedAndChangedRowsUpdatedInPlace();
    void rowsThatFellOffTheEndAreRemoved();
    void anUnreadableWorkspaceReportsTheError();
};

void TestWorkspaceModel::init()
{
    g_queryThread.storeRelease(nullptr);
    g_queries.storeRelaxed(0);
    g_gated.storeRelease(0);
}

void TestWorkspaceModel::cleanup()
{
    g_gated.storeRelease(0);
    g_gate.release(8); // never leave a worker waiting
    QThreadPool::globalInstance()->waitForDone();
    g_gate.acquire(g_gate.available());
}

void TestWorkspaceModel::queryRunsOnAWorkerThread()
{
    test::TestWorkspace ws;
    addProduct(ws.workspace(), QStringLiteral("Trail Jacket"));
    ProbeModel model(ws.workspace());
    QVERIFY(!model.hasLoaded());

    QSignalSpy loaded(&model, &WorkspaceModel::loaded);
    model.refresh();
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), 0); // nothing is read on the calling thread
    QVERIFY(loaded.wait(10000));

    QVERIFY(g_queryThread.loadAcquire() != nullptr);
    QVERIFY(g_queryThread.loadAcquire() != QThread::currentThread());
    QVERIFY(model.hasLoaded());
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, 0), Qt::DisplayRole).toString(), QStringLiteral("Trail Jacket"));
}

void TestWorkspaceModel::staleResultIsDropped()
{
    test::TestWorkspace ws;
    addProduct(ws.workspace(), QStringLiteral("Old"));
    ProbeModel model(ws.workspace());
    QList<int> rowsAtLoaded;
    connect(&model, &WorkspaceModel::loaded, this, [&] { rowsAtLoaded.append(model.rowCount()); });

    g_gated.storeRelease(1);
    model.refresh(); // reads one product, then waits at the gate
    QTRY_COMPARE(g_queries.loadRelaxed(), 1);
    addProduct(ws.workspace(), QStringLiteral("New"));
    model.refresh(); // makes the running query stale
    QVERIFY(model.isLoading());
    g_gated.storeRelease(0);
    g_gate.release();

    QTRY_COMPARE(rowsAtLoaded.size(), 1);
    QCOMPARE(rowsAtLoaded.first(), 2); // the stale one-row result never showed
    QCOMPARE(g_queries.loadRelaxed(), 2);
    QVERIFY(!model.isLoading()); // nothing else in flight: loaded() fires once
    QCOMPARE(model.data(model.index(0, 0), Qt::DisplayRole).toString(), QStringLiteral("New"));
}

void TestWorkspaceModel::modelDestroyedWhileLoadingIsLeftAlone()
{
    test::TestWorkspace ws;
    addProduct(ws.workspace(), QStringLiteral("Trail Jacket"));
    auto *model = new ProbeModel(ws.workspace());
    g_gated.storeRelease(1);
    model->refresh();
    QTRY_COMPARE(g_queries.loadRelaxed(), 1);
    delete model;
    g_gate.release();
    QVERIFY(QThreadPool::globalInstance()->waitForDone(10000));
    // The result was posted before the worker finished; delivering it must
    // notice the model is gone.
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
}

void TestWorkspaceModel::newRowsAreInsertedAndChangedRowsUpdatedInPlace()
{
    test::TestWorkspace ws;
    addProduct(ws.workspace(), QStringLiteral("A"));
    const qint64 b = addProduct(ws.workspace(), QStringLiteral("B"));
    ProbeModel model(ws.workspace());
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 2);
    const QPersistentModelIndex selectedB(model.index(0, 0));
    QCOMPARE(selectedB.data().toString(), QStringLiteral("B"));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // Nothing changed: no signal but loaded().
    QVERIFY(load(model));
    QCOMPARE(reset.count() + inserted.count() + removed.count() + changed.count(), 0);

    addProduct(ws.workspace(), QStringLiteral("C")); // appears on top
    QVERIFY(load(model));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 0);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(selectedB.isValid());
    QCOMPARE(selectedB.row(), 1);

    execute(ws.workspace(), QStringLiteral("UPDATE products SET title = 'B2' WHERE id = %1").arg(b));
    QVERIFY(load(model));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 1);
    QCOMPARE(selectedB.data().toString(), QStringLiteral("B2"));
}

void TestWorkspaceModel::rowsThatFellOffTheEndAreRemoved()
{
    test::TestWorkspace ws;
    const qint64 a = addProduct(ws.workspace(), QStringLiteral("A"));
    addProduct(ws.workspace(), QStringLiteral("B"));
    ProbeModel model(ws.workspace());
    QVERIFY(load(model));
    const QPersistentModelIndex selectedB(model.index(0, 0));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    execute(ws.workspace(), QStringLiteral("DELETE FROM products WHERE id = %1").arg(a));
    addProduct(ws.workspace(), QStringLiteral("C"));
    QVERIFY(load(model));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(selectedB.row(), 1);

    // The first known row is gone: start over.
    execute(ws.workspace(), QStringLiteral("DELETE FROM products"));
    QVERIFY(load(model));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
}

void TestWorkspaceModel::anUnreadableWorkspaceReportsTheError()
{
    QTemporaryDir dir;
    const Workspace missing(dir.filePath(QStringLiteral("no/such/folder/workspace.sqlite")));
    ProbeModel model(missing);
    QSignalSpy loaded(&model, &WorkspaceModel::loaded);
    QSignalSpy failed(&model, &WorkspaceModel::loadFailed);
    model.refresh();
    QVERIFY(failed.wait(10000));
    QVERIFY(!failed.first().at(0).toString().isEmpty());
    QCOMPARE(model.lastError(), failed.first().at(0).toString());
    QCOMPARE(loaded.count(), 0);
    QVERIFY(!model.hasLoaded());
    QVERIFY(!model.isLoading());
}

QTEST_MAIN(TestWorkspaceModel)
#include "tst_workspacemodel.moc"
