// Throughput of the workspace side of a catalog import, in one run.
//
// Generates N products in memory — 3 variants stocked at 3 locations, 2
// media, 1–2 collections each, the shape a store adapter hands over — and
// imports them through CatalogImport in pages into a fresh workspace file;
// then imports the same catalog again (every product unchanged). Prints
// products/s for both, the peak resident memory and the workspace's size.
//
//   bench_catalogimport [PRODUCTS] [PAGE]      (default 100000 products, pages of 250)

#include "catalogimport.h"
#include "connectionstore.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>

using namespace storeloom;

namespace {

QString gid(const char *type, qint64 number)
{
    return QStringLiteral("gid://store/%1/%2").arg(QLatin1String(type)).arg(number);
}

const QStringList kWords{
    QStringLiteral("linen"),   QStringLiteral("wool"),   QStringLiteral("summer"),
    QStringLiteral("classic"), QStringLiteral("shirt"),  QStringLiteral("scarf"),
    QStringLiteral("organic"), QStringLiteral("cotton"), QStringLiteral("jacket"),
    QStringLiteral("limited"), QStringLiteral("canvas"), QStringLiteral("tote")};

QString words(quint32 seed, int count)
{
    QStringList picked;
    for (int i = 0; i < count; ++i) {
        seed = seed * 1103515245u + 12345u;
        picked.append(kWords.at((seed >> 16) % kWords.size()));
    }
    return picked.join(QLatin1Char(' '));
}

QList<ImportedLocation> locations()
{
    return {{gid("Location", 71001), QStringLiteral("Warehouse"), true},
            {gid("Location", 71002), QStringLiteral("Shop"), true},
            {gid("Location", 71003), QStringLiteral("Depot"), true}};
}

QList<ImportedCollection> collections()
{
    QList<ImportedCollection> list;
    for (int c = 0; c < 20; ++c)
        list.append({gid("Collection", 42000 + c), QStringLiteral("Collection %1").arg(c),
                     QStringLiteral("collection-%1").arg(c)});
    return list;
}

// Every string is built apart, as a parser would produce it (no sharing).
ImportedProduct product(int n)
{
    static const char *sizes[] = {"S", "M", "L"};
    const qint64 base = 8000000000000 + qint64(n) * 10;
    ImportedProduct p;
    p.externalId = gid("Product", base);
    p.title = words(quint32(n), 3) + QStringLiteral(" %1").arg(n);
    p.description = QStringLiteral("<p>%1</p><p>%2</p>")
                        .arg(words(quint32(n) * 7, 18), words(quint32(n) * 13, 14));
    p.vendor = QStringLiteral("Vendor %1").arg(n % 40);
    p.productType = QStringLiteral("Apparel");
    p.status = QStringLiteral("active");
    p.tags = {words(quint32(n) * 3, 1), words(quint32(n) * 5, 1), QStringLiteral("new")};
    p.optionNames = {QStringLiteral("Size"), QStringLiteral("Colour")};
    for (int v = 0; v < 3; ++v) {
        ImportedVariant variant;
        variant.externalId = gid("ProductVariant", base + v);
        variant.inventoryItemExternalId = gid("InventoryItem", base + v);
        variant.title = QStringLiteral("%1 / Blue").arg(QLatin1String(sizes[v]));
        variant.sku = QStringLiteral("SKU-%1-%2").arg(n).arg(v);
        variant.barcode = QStringLiteral("40063810%1").arg(n * 3 + v);
        variant.price = {1999 + (n % 50) * 100, QStringLiteral("EUR")};
        if (n % 4 == 0)
            variant.compareAtMinorUnits = 2999 + (n % 50) * 100;
        variant.weightGrams = 250 + v * 20;
        variant.optionValues = {QLatin1String(sizes[v]), QStringLiteral("Blue")};
        for (const ImportedLocation &location : locations())
            variant.stock.append({QString(location.externalId), (n + v) % 17, (n + v) % 17 + 2});
        p.variants.append(variant);
    }
    for (int m = 0; m < 2; ++m)
        p.media.append({gid("MediaImage", base + m),
                        QStringLiteral("https://cdn.example.com/files/%1-%2.jpg").arg(n).arg(m),
                        m == 0 ? p.title : QString(), QStringLiteral("image/jpeg")});
    p.collectionExternalIds.append(gid("Collection", 42000 + n % 20));
    return p;
}

double peakResidentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

double cpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + now.tv_nsec / 1e9;
}

struct Run
{
    double seconds = 0;
    double cpu = 0;
    ImportCheckpoint result;
};

Run importAll(const QSqlDatabase &db, qint64 connectionId, const QList<ImportedProduct> &products,
              int pageSize)
{
    QElapsedTimer clock;
    clock.start();
    const double cpuStart = cpuSeconds();
    CatalogImport import(db, connectionId);
    import.begin();
    import.applyLocations(locations());
    import.applyCollections(collections());
    for (qsizetype start = 0; start < products.size(); start += pageSize) {
        const qsizetype count = std::min<qsizetype>(pageSize, products.size() - start);
        import.applyProductPage(products.mid(start, count), QStringLiteral("products"),
                                QString::number(start + count));
    }
    Run run;
    run.result = import.finish();
    run.seconds = clock.nsecsElapsed() / 1e9;
    run.cpu = cpuSeconds() - cpuStart;
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("storeloom.*.info=false"));
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    const int pageSize = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 250;
    if (count <= 0 || pageSize <= 0) {
        std::fprintf(stderr, "usage: bench_catalogimport [PRODUCTS] [PAGE]\n");
        return 2;
    }

    QElapsedTimer clock;
    clock.start();
    QList<ImportedProduct> products;
    products.reserve(count);
    for (int n = 0; n < count; ++n)
        products.append(product(n));
    const double generated = clock.nsecsElapsed() / 1e9;
    const double generatedMiB = peakResidentMiB();

    QTemporaryDir dir;
    Workspace workspace(dir.filePath(QStringLiteral("bench.sqlite")));
    workspace.open();
    const DbHandle handle = workspace.openHandle();
    Connection connection;
    connection.provider = QStringLiteral("bench");
    connection.externalShopId = QStringLiteral("bench-shop");
    const qint64 connectionId = ConnectionStore(handle.db()).add(connection);

    const Run first = importAll(handle.db(), connectionId, products, pageSize);
    const Run second = importAll(handle.db(), connectionId, products, pageSize);
    if (first.result.counts.created != count || second.result.counts.unchanged != count) {
        std::fprintf(stderr, "unexpected counts: created %lld, unchanged %lld\n",
                     first.result.counts.created, second.result.counts.unchanged);
        return 1;
    }

    std::printf("catalog import: %d products (3 variants x 3 locations, 2 media), pages of %d\n",
                count, pageSize);
    std::printf("  generated in memory   %7.2f s\n", generated);
    std::printf("                        wall       products/s   (cpu)\n");
    std::printf("  first import          %7.2f s  %9.0f  (%.2f s cpu: %.0f products/s)\n",
                first.seconds, count / first.seconds, first.cpu, count / first.cpu);
    std::printf(
        "  unchanged re-import   %7.2f s  %9.0f  (%.2f s cpu: %.0f products/s)  %.1fx the first\n",
        second.seconds, count / second.seconds, second.cpu, count / second.cpu,
        first.seconds / second.seconds);
    std::printf("  peak RSS              %7.0f MiB (%.0f MiB after generating)\n",
                peakResidentMiB(), generatedMiB);
    std::printf("  workspace file        %7.0f MiB\n",
                QFileInfo(workspace.path()).size() / 1048576.0);
    return 0;
}
