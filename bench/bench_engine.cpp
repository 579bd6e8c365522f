// Throughput of the sync engine against raw SQLite, in one run.
//
// Both sides create N items (batches of 1000), then claim them in batches of
// 64 under a lease and record their outcomes with the run counter — the
// engine through ItemStore and the Executor's worker pool with a no-op handler
// (so its group commit records a batch per transaction), the baseline through
// hand-written prepared statements committing each claimed batch at once.
//
//   bench_engine [N] [WORKERS]      (default 100000 items, 2 workers)

#include "executor.h"
#include "itemstore.h"
#include "rawqueue.h"
#include "runstore.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>

using namespace storeloom;

namespace {

constexpr int kEnqueueBatch = 1000;
constexpr int kClaimBatch = 64;

class NoopHandler : public OperationHandler
{
public:
    ItemOutcome execute(const SyncItem &) override { return ItemOutcome::succeeded(); }
};

struct Timing
{
    double enqueueSeconds = 0;
    double drainSeconds = 0;
    double total() const { return enqueueSeconds + drainSeconds; }
};

Timing measureEngine(const QString &path, int count, int workers)
{
    Workspace workspace(path);
    workspace.open();
    const DbHandle handle = workspace.openHandle();
    RunStore runs(handle.db());
    ItemStore items(handle.db());

    QElapsedTimer clock;
    clock.start();
    const qint64 runId = runs.create(QStringLiteral("bench"), 0, QStringLiteral("bench"));
    for (int done = 0; done < count;) {
        QList<NewItem> batch;
        for (int i = 0; i < kEnqueueBatch && done < count; ++i, ++done) {
            NewItem item;
            item.operation = QStringLiteral("bench.noop");
            item.direction = Direction::Outbound;
            item.idempotencyKey = QStringLiteral("engine-%1").arg(done);
            batch.append(item);
        }
        items.enqueue(runId, batch);
    }
    Timing timing;
    timing.enqueueSeconds = clock.nsecsElapsed() / 1e9;

    Executor::Options options;
    options.workers = workers;
    options.claimBatch = kClaimBatch;
    Executor executor(workspace, options);
    executor.setHandler(QStringLiteral("bench.noop"), std::make_shared<NoopHandler>());
    clock.restart();
    executor.start();
    while (!runs.get(runId).isFinished())
        QThread::msleep(10);
    timing.drainSeconds = clock.nsecsElapsed() / 1e9;
    executor.stop();

    const SyncRun run = runs.get(runId);
    if (run.succeeded != count)
        std::fprintf(stderr, "engine: expected %d succeeded, got %lld\n", count, run.succeeded);
    return timing;
}

Timing measureRaw(const QString &path, int count)
{
    Workspace(path).open(); // same schema and indexes as the engine's
    RawQueue queue(path);
    Timing timing;
    QElapsedTimer clock;
    clock.start();
    const long long runId = queue.createRun();
    queue.enqueue(runId, count, kEnqueueBatch);
    timing.enqueueSeconds = clock.nsecsElapsed() / 1e9;
    clock.restart();
    const long long done = queue.drain(kClaimBatch);
    timing.drainSeconds = clock.nsecsElapsed() / 1e9;
    if (done != count)
        std::fprintf(stderr, "raw: expected %d completed, got %lld\n", count, done);
    return timing;
}

void print(const char *name, const Timing &timing, int count)
{
    std::printf(
        "  %-11s create %9.0f items/s   claim+complete %9.0f items/s   overall %9.0f items/s\n",
        name, count / timing.enqueueSeconds, count / timing.drainSeconds, count / timing.total());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("storeloom.*.info=false"));
    const int count = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int workers = argc > 2 ? std::atoi(argv[2]) : 2;

    QTemporaryDir dir;
    const Timing raw = measureRaw(dir.filePath(QStringLiteral("raw.sqlite")), count);
    const Timing engine =
        measureEngine(dir.filePath(QStringLiteral("engine.sqlite")), count, workers);

    std::printf("bench_engine: %d items, create + claim + complete (engine: %d workers, "
                "claim batch %d)\n",
                count, workers, kClaimBatch);
    print("raw SQLite", raw, count);
    print("engine", engine, count);
    const double engineRate = count / engine.total();
    const double ratio = engine.total() / raw.total();
    std::printf("  engine overall: %.0f items/s (aim >= 20000): %s\n", engineRate,
                engineRate >= 20000 ? "met" : "NOT met");
    std::printf("  engine time / raw time: %.2fx (aim <= 3x): %s\n", ratio,
                ratio <= 3.0 ? "met" : "NOT met");
    return 0;
}
