// The Shopify import against the Shopify sandbox (a separate
// storeloom-sandbox process), in one run, printing ratios:
//
//  1. paged import at Standard (restore 100 points/s) and at Plus (1,000
//     points/s): achieved points per second ÷ the plan's restore rate, and
//     the THROTTLED replies seen;
//  2. a bulk import of a large catalog: local products per second (parse,
//     normalize, hash, upsert — from the first page written to the end) and
//     the peak resident memory of this process; the sandbox has written the
//     export before it is downloaded, and the CPU it spends serving it meanwhile
//     is printed too (it runs beside the importer on the same cores);
//  3. the peer: the same Plus catalog imported page by page by a Node script
//     with Shopify's @shopify/admin-api-client (bench/peer); Storeloom's wall
//     time ÷ the peer's;
//  4. the default choice vs the peer (opt-in: --only default): the Plus
//     catalog imported the way Storeloom does by default — a bulk operation,
//     for a catalog this large — from a sandbox whose bulk export is paced
//     (--bulk-rate), against the peer paging it at the rate limit; both wall
//     times and their ratio.
//
//   bench_shopify_import [--standard N] [--plus N] [--bulk N] [--bulk-rate N] [--only NAME]
//   (defaults 1000, 10000, 100000, 1000; NAME: standard, plus, peer, bulk, default)
// Each scenario runs in a child process of its own, so memory is its own;
// without --only, all but `default` run (it takes as long as peer and more).

#include "connectionstore.h"
#include "ratebudget.h"
#include "importservice.h"
#include "shopify/shopifycatalogsource.h"
#include "shopify/shopifyprovider.h"
#include "workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

qint64 peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    status.open(QIODevice::ReadOnly);
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

// CPU time of this process (every thread), in ms: on a shared machine the
// work done is steadier than the wall clock.
qint64 cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// CPU time of a thread (by its CPU clock), in ms.
qint64 threadCpuMs(clockid_t clock)
{
    timespec now{};
    clock_gettime(clock, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

// CPU time of process `pid` (every thread), in ms; 0 when unknown.
qint64 processCpuMs(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * 1000 / sysconf(_SC_CLK_TCK);
}

// A storeloom-sandbox process serving `products` on `plan`.
struct SandboxProcess
{
    QProcess process;
    QUrl url;
    QString token;
    QString shopDomain;

    bool start(int products, const QString &plan, int bulkObjectsPerSecond = 0)
    {
        process.setProgram(QCoreApplication::applicationDirPath() + u"/../src/sandbox/storeloom-sandbox"_s);
        process.setArguments({u"shopify"_s, u"--products"_s, QString::number(products),
                              u"--plan"_s, plan, u"--seed"_s, u"42"_s, u"--bulk-rate"_s,
                              QString::number(bulkObjectsPerSecond)});
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start();
        if (!process.waitForStarted(10000))
            return false;
        while (process.state() == QProcess::Running && !process.canReadLine())
            process.waitForReadyRead(1000);
        const QJsonObject line = QJsonDocument::fromJson(process.readLine()).object();
        url = QUrl(line.value(u"url"_s).toString());
        token = line.value(u"accessToken"_s).toString();
        shopDomain = line.value(u"shopDomain"_s).toString();
        return url.isValid() && !token.isEmpty();
    }
    ~SandboxProcess()
    {
        process.terminate();
        if (!process.waitForFinished(5000))
            process.kill();
    }
};

struct Result
{
    ImportOutcome outcome;
    qint64 firstPageMs = -1; // when the first products were written
    qint64 cpuAtFirstPageMs = 0;
    qint64 cpuAtEndMs = 0;
    qint64 writerCpuAtFirstPageMs = 0; // the import's own thread, which writes
    qint64 writerCpuAtEndMs = 0;
    qint64 sandboxCpuAtFirstPageMs = 0; // the sandbox process, serving the export
    qint64 sandboxCpuAtEndMs = 0;
};

Result importFrom(const SandboxProcess &sandbox, ImportOptions::Mode mode)
{
    QTemporaryDir dir;
    Workspace workspace(dir.filePath(u"bench.sqlite"_s));
    workspace.open();
    qint64 connectionId = 0;
    {
        const DbHandle handle = workspace.openHandle();
        ConnectionStore connections(handle.db());
        Connection pending;
        pending.provider = u"shopify"_s;
        pending.name = u"Shopify"_s;
        connectionId = connections.beginAuthorization(pending);
        connectionId = connections.completeAuthorization(connectionId, sandbox.shopDomain,
                                                         u"Sandbox"_s, sandbox.shopDomain, {});
    }
    ImportOptions options;
    options.mode = mode;
    const QString token = sandbox.token;
    const QUrl url = sandbox.url.resolved(QUrl(u"/admin/api/2026-07/graphql.json"_s));
    // The executor's worker that reads and writes the catalog: its CPU clock,
    // learned when it opens the source (a bulk import is one long item).
    std::atomic<clockid_t> writerClock{CLOCK_THREAD_CPUTIME_ID};
    ImportService imports(workspace, [&](qint64, const ImportOptions &options, QString *) {
        clockid_t clock;
        if (pthread_getcpuclockid(pthread_self(), &clock) == 0)
            writerClock = clock;
        return std::make_unique<shopify::ShopifyCatalogSource>(
            url, [token] { return token; }, nullptr, ShopifyProvider().ratePolicy().createBudget(),
            options);
    });
    const std::unique_ptr<CatalogImportJob> import(imports.createJob(connectionId, options));
    Result result;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(import.get(), &CatalogImportJob::progress,
                     [&](const ImportProgress &progress) {
                         if (progress.done > 0 && result.firstPageMs < 0) {
                             result.firstPageMs = clock.elapsed();
                             result.cpuAtFirstPageMs = cpuMs();
                             result.writerCpuAtFirstPageMs = threadCpuMs(writerClock);
                             result.sandboxCpuAtFirstPageMs = processCpuMs(sandbox.process.processId());
                         }
                     });
    QSignalSpy finished(import.get(), &CatalogImportJob::finished);
    // The writer's clock is read while it lives: at the last page, not after.
    QObject::connect(import.get(), &CatalogImportJob::progress, [&](const ImportProgress &) {
        result.writerCpuAtEndMs = threadCpuMs(writerClock);
    });
    import->start();
    if (finished.isEmpty())
        finished.wait(3 * 3600 * 1000);
    result.cpuAtEndMs = cpuMs();
    result.sandboxCpuAtEndMs = processCpuMs(sandbox.process.processId());
    result.outcome = finished.first().first().value<ImportOutcome>();
    return result;
}

int paged(int products, const QString &plan, double restoreRate)
{
    SandboxProcess sandbox;
    if (!sandbox.start(products, plan)) {
        std::printf("could not start storeloom-sandbox\n");
        return 1;
    }
    const Result result = importFrom(sandbox, ImportOptions::Mode::Paged);
    const auto &o = result.outcome;
    if (o.status != ImportOutcome::Status::Succeeded) {
        std::printf("%s paged import failed: %s\n", qPrintable(plan), qPrintable(o.message));
        return 1;
    }
    const double seconds = o.elapsedMs / 1000.0;
    const double pointsPerSecond = o.stats.actualCost / seconds;
    std::printf("paged %-8s %6d products: %.1f s, %.0f points (%d requests), %.1f points/s "
                "÷ restore %.0f/s = %.2f; THROTTLED replies: %d\n",
                qPrintable(plan), products, seconds, o.stats.actualCost, o.stats.requests,
                pointsPerSecond, restoreRate, pointsPerSecond / restoreRate, o.stats.throttled);
    std::printf("RESULT paged-%s ratio=%.3f seconds=%.1f throttled=%d\n", qPrintable(plan),
                pointsPerSecond / restoreRate, seconds, o.stats.throttled);
    return 0;
}

// The peer's import of a Plus catalog of `products`: its JSON line (wallMs,
// throttled, products …), or an empty object when it failed.
QJsonObject runPeer(int products)
{
    SandboxProcess forPeer;
    if (!forPeer.start(products, u"plus"_s))
        return {};
    QProcess node;
    node.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QString script = QCoreApplication::applicationDirPath() + u"/peer-script"_s;
    // The peer gets the page sizes that fit this catalog under the 1,000-point
    // query maximum (3 variants at 3 locations, up to 3 images: 57 points a
    // product); Storeloom finds them out by itself.
    node.start(u"node"_s, {QFile::symLinkTarget(script).isEmpty() ? script : QFile::symLinkTarget(script),
                            u"--url"_s, forPeer.url.toString(), u"--token"_s, forPeer.token,
                            u"--first"_s, u"16"_s, u"--variants-first"_s, u"3"_s,
                            u"--levels-first"_s, u"3"_s, u"--media-first"_s, u"3"_s});
    node.waitForFinished(3 * 3600 * 1000);
    const QJsonObject peerResult = QJsonDocument::fromJson(node.readAllStandardOutput().trimmed().split('\n').last()).object();
    if (node.exitCode() != 0 || peerResult.value(u"wallMs"_s).toDouble() <= 0)
        return {};
    return peerResult;
}

int peer(int products)
{
    const QJsonObject peerResult = runPeer(products);
    const double peerMs = peerResult.value(u"wallMs"_s).toDouble();
    if (peerMs <= 0) {
        std::printf("the peer import failed\n");
        return 1;
    }
    SandboxProcess forUs;
    if (!forUs.start(products, u"plus"_s))
        return 1;
    const Result ours = importFrom(forUs, ImportOptions::Mode::Paged);
    std::printf("peer: %d products, @shopify/admin-api-client %.1f s (%d products, %d THROTTLED), "
                "Storeloom %.1f s (%d THROTTLED): Storeloom ÷ peer = %.2f\n",
                products, peerMs / 1000, peerResult.value(u"products"_s).toInt(),
                peerResult.value(u"throttled"_s).toInt(), ours.outcome.elapsedMs / 1000.0,
                ours.outcome.stats.throttled, ours.outcome.elapsedMs / peerMs);
    std::printf("RESULT peer ratio=%.3f\n", ours.outcome.elapsedMs / peerMs);
    return 0;
}

// The rate the sandbox's bulk export is paced at. Shopify publishes no
// throughput for bulk queries (https://shopify.dev/docs/api/usage/bulk-operations/queries
// gives only their limits; the changelog of 2026-06-17, "Bulk queries now
// execute up to 4X faster", only a ratio), so the default charges a bulk
// export what Shopify's published rate limit charges an app that reads the
// same objects page by page: on Plus the bucket refills 1,000 points a
// second and every object read costs 1 point (PROVIDERS.md; shopify.dev,
// "API rate limits"), so 1,000 objects — JSONL lines — a second. That is a
// conservative pace: bulk operations are documented as the faster way to
// export, and the paged import pays for the inner connections' requested
// sizes on top. --bulk-rate tries another.
constexpr int kPlusObjectsPerSecond = 1000;

// What a merchant with a large catalog waits for: Storeloom importing it
// its default way (a bulk operation, since the catalog is past the bulk
// threshold) from a sandbox whose exports are paced at `bulkRate` objects a
// second, against the peer reading it page by page at the rate limit.
int defaultChoice(int products, int bulkRate)
{
    const QJsonObject peerResult = runPeer(products);
    const double peerMs = peerResult.value(u"wallMs"_s).toDouble();
    if (peerMs <= 0) {
        std::printf("the peer import failed\n");
        return 1;
    }
    SandboxProcess forUs;
    if (!forUs.start(products, u"plus"_s, bulkRate))
        return 1;
    const Result ours = importFrom(forUs, ImportOptions::Mode::Automatic);
    const auto &o = ours.outcome;
    if (o.status != ImportOutcome::Status::Succeeded) {
        std::printf("the default import failed: %s\n", qPrintable(o.message));
        return 1;
    }
    const qint64 imported = o.counts.created + o.counts.updated + o.counts.unchanged;
    std::printf("default vs peer: %d products at Plus; Storeloom's default (%s, exports paced at "
                "%d objects/s) %.1f s for %lld products, %d requests; @shopify/admin-api-client "
                "page by page %.1f s for %d products (%d THROTTLED): Storeloom ÷ peer = %.2f\n",
                products, o.bulk ? "bulk operation" : "paged", bulkRate, o.elapsedMs / 1000.0,
                qlonglong(imported), o.stats.requests, peerMs / 1000,
                peerResult.value(u"products"_s).toInt(), peerResult.value(u"throttled"_s).toInt(),
                o.elapsedMs / peerMs);
    std::printf("RESULT default ratio=%.3f storeloom_s=%.1f peer_s=%.1f bulk=%d\n",
                o.elapsedMs / peerMs, o.elapsedMs / 1000.0, peerMs / 1000, int(o.bulk));
    return 0;
}

int bulk(int products)
{
    SandboxProcess sandbox;
    if (!sandbox.start(products, u"plus"_s))
        return 1;
    const Result result = importFrom(sandbox, ImportOptions::Mode::Bulk);
    const auto &o = result.outcome;
    if (o.status != ImportOutcome::Status::Succeeded) {
        std::printf("bulk import failed: %s\n", qPrintable(o.message));
        return 1;
    }
    const qint64 written = o.counts.created + o.counts.updated + o.counts.unchanged;
    const double localSeconds = (o.elapsedMs - std::max<qint64>(0, result.firstPageMs)) / 1000.0;
    // The importer's CPU over the same stretch (all its threads, not the
    // sandbox's), and that of the thread that writes — the pipeline's
    // bottleneck: its products per CPU-second are the rate with cores to spare.
    const double cpuSeconds = (result.cpuAtEndMs - result.cpuAtFirstPageMs) / 1000.0;
    const double writerSeconds = (result.writerCpuAtEndMs - result.writerCpuAtFirstPageMs) / 1000.0;
    std::printf("bulk %d products: %.1f s in all, %.1f s from the first page written: %.0f "
                "products/s locally; CPU %.1f s in all threads (%.0f products/CPU-s), %.1f s "
                "in the writing thread (%.0f products/CPU-s); peak RSS %.0f MB\n",
                int(written), o.elapsedMs / 1000.0, localSeconds, written / localSeconds,
                cpuSeconds, written / cpuSeconds, writerSeconds, written / writerSeconds,
                peakRssKb() / 1024.0);
    // The sandbox writes the whole export to a file before the operation
    // completes, as Shopify does before handing out its URL: over the stretch
    // measured it only serves that file (Shopify's CDN, for a real export).
    // It is another process, so none of its CPU is in the figures above;
    // this is what it took from the two cores meanwhile.
    std::printf("the sandbox process over the same stretch: %.1f s of CPU (serving the export "
                "file)\n",
                (result.sandboxCpuAtEndMs - result.sandboxCpuAtFirstPageMs) / 1000.0);
    std::printf("RESULT bulk products_per_s=%.0f products_per_cpu_s=%.0f "
                "writer_products_per_cpu_s=%.0f peak_rss_mb=%.0f\n",
                written / localSeconds, written / cpuSeconds, written / writerSeconds,
                peakRssKb() / 1024.0);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"storeloom.*.info=false\nstoreloom.*.debug=false"_s);
    QCommandLineParser parser;
    const QCommandLineOption standard(u"standard"_s, u"Products at Standard."_s, u"N"_s, u"1000"_s);
    const QCommandLineOption plus(u"plus"_s, u"Products at Plus (and for the peer)."_s, u"N"_s, u"10000"_s);
    const QCommandLineOption large(u"bulk"_s, u"Products for the bulk import."_s, u"N"_s, u"100000"_s);
    const QCommandLineOption bulkRate(u"bulk-rate"_s,
                                      u"Objects/s of the sandbox's bulk exports (default)."_s,
                                      u"N"_s, QString::number(kPlusObjectsPerSecond));
    const QCommandLineOption only(u"only"_s,
                                  u"One scenario: standard, plus, peer, bulk, default."_s,
                                  u"NAME"_s);
    parser.addOptions({standard, plus, large, bulkRate, only});
    parser.addHelpOption();
    parser.process(app);

    const QString scenario = parser.value(only);
    if (scenario == u"standard"_s)
        return paged(parser.value(standard).toInt(), u"standard"_s, 100);
    if (scenario == u"plus"_s)
        return paged(parser.value(plus).toInt(), u"plus"_s, 1000);
    if (scenario == u"peer"_s)
        return peer(parser.value(plus).toInt());
    if (scenario == u"bulk"_s)
        return bulk(parser.value(large).toInt());
    if (scenario == u"default"_s)
        return defaultChoice(parser.value(plus).toInt(), parser.value(bulkRate).toInt());

    int failures = 0;
    for (const QString &name : {u"bulk"_s, u"plus"_s, u"peer"_s, u"standard"_s}) {
        QStringList arguments = app.arguments().mid(1);
        arguments << u"--only"_s << name;
        failures += QProcess::execute(app.applicationFilePath(), arguments) != 0;
    }
    return failures;
}
