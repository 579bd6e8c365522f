// The Catalog page at 100,000 products against raw SELECTs, in one run:
//  - first screen: from refresh() to the first 50 rows' details in the model
//    (the list of ids, then one page), vs one SELECT of every product's row
//    in title order (what loading the whole catalog costs), and vs one SELECT
//    of just the screen's 50 rows (LIMIT 50: the floor);
//  - a search ("wool socks", a fifth of the catalog) and a filter ("has
//    stock") applied to a loaded page, to its first screen, vs the same two
//    raw SELECTs with the same WHERE.
// Medians of kRuns. Rows held by the model are printed too.
//
//   bench_catalogpage [PRODUCTS]      (default 100000)

#include "catalogmodel.h"
#include "catalogseed.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThreadPool>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace storeloom;

namespace {

constexpr int kScreen = 50;
constexpr int kRuns = 5;

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

double measure(const std::function<void()> &run)
{
    QList<double> samples;
    for (int i = 0; i < kRuns; ++i) {
        QElapsedTimer clock;
        clock.start();
        run();
        samples.append(clock.nsecsElapsed() / 1e6);
    }
    return median(samples);
}

bool spinUntil(const std::function<bool()> &done)
{
    const QDeadlineTimer deadline(60000);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

// Asks for the screen's rows as a view would, then waits for them.
void loadScreen(CatalogModel &model)
{
    const int rows = qMin(kScreen, model.rowCount());
    for (int row = 0; row < rows; ++row)
        model.data(model.index(row, CatalogModel::Title));
    spinUntil([&] {
        for (int row = 0; row < rows; ++row) {
            if (!model.isRowLoaded(row))
                return false;
        }
        return true;
    });
}

void loadIds(CatalogModel &model, const std::function<void()> &ask)
{
    bool loaded = false;
    const auto connection =
        QObject::connect(&model, &WorkspaceModel::loaded, [&] { loaded = true; });
    ask();
    spinUntil([&] { return loaded; });
    QObject::disconnect(connection);
}

// Every column of the page for the matching products, the way the catalog
// was read before the page loaded on demand.
int rawSelect(const QSqlDatabase &db, const QString &where, int limit)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString statement = QStringLiteral(
        "SELECT p.id, p.title, COALESCE(c.name, ''), "
        "(SELECT COUNT(*) FROM variants v WHERE v.product_id = p.id), "
        "(SELECT MIN(v.price_amount) FROM variants v WHERE v.product_id = p.id), "
        "(SELECT MAX(v.price_amount) FROM variants v WHERE v.product_id = p.id), "
        "(SELECT MIN(v.currency) FROM variants v WHERE v.product_id = p.id), "
        "(SELECT COALESCE(SUM(s.available), 0) FROM variants v JOIN stock_levels s "
        "   ON s.variant_id = v.id WHERE v.product_id = p.id), "
        "(SELECT group_concat(v.sku, ' ') FROM variants v WHERE v.product_id = p.id) "
        "FROM products p LEFT JOIN connections c ON c.id = p.source_connection_id %1 "
        "ORDER BY LOWER(p.title), p.id LIMIT %2")
                                  .arg(where)
                                  .arg(limit);
    if (!query.exec(statement))
        qFatal("raw select failed");
    int rows = 0;
    while (query.next()) {
        query.value(1).toString();
        query.value(8).toString();
        ++rows;
    }
    return rows;
}

void report(const char *what, double page, double rawAll, double rawScreen)
{
    std::printf("%-30s page %8.1f ms | raw SELECT, all rows %8.1f ms (page/raw %.3f) | "
                "raw SELECT, %d rows %6.1f ms (page/raw %.1f)\n",
                what, page, rawAll, page / rawAll, kScreen, rawScreen, page / rawScreen);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("storeloom.*.info=false"));
    const int products = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;

    QTemporaryDir dir;
    Workspace workspace(dir.filePath(QStringLiteral("bench.sqlite")));
    workspace.open();
    const DbHandle handle = workspace.openHandle();
    QElapsedTimer clock;
    clock.start();
    test::CatalogSeed::seed(handle.db(), products);
    std::printf("seeded %d products in %.1f s\n", products, clock.nsecsElapsed() / 1e9);

    // First screen of a page opened on the whole catalog.
    int heldAfterOpen = 0;
    const double open = measure([&] {
        CatalogModel model(workspace);
        loadIds(model, [&] { model.refresh(); });
        loadScreen(model);
        heldAfterOpen = model.loadedRowCount();
        QThreadPool::globalInstance()->waitForDone();
    });
    int allRows = 0;
    const double rawAll = measure([&] { allRows = rawSelect(handle.db(), QString(), -1); });
    const double rawScreen = measure([&] { rawSelect(handle.db(), QString(), kScreen); });
    report(QByteArray("first screen (" + QByteArray::number(allRows) + ")").constData(), open, rawAll, rawScreen);

    // A search and a filter applied to a page that already shows the catalog.
    CatalogFilter search;
    search.search = QStringLiteral("wool socks");
    CatalogFilter inStock;
    inStock.stock = CatalogFilter::Stock::InStock;
    const struct
    {
        const char *name;
        CatalogFilter filter;
        QString where;
    } cases[] = {
        {"search \"wool socks\"", search,
         QStringLiteral("WHERE LOWER(p.title) LIKE '%wool socks%' OR p.id IN (SELECT product_id "
                        "FROM variants WHERE LOWER(sku) LIKE '%wool socks%')")},
        {"filter \"has stock\"", inStock,
         QStringLiteral("WHERE p.id IN (SELECT v.product_id FROM variants v JOIN stock_levels s "
                        "ON s.variant_id = v.id GROUP BY v.product_id HAVING SUM(s.available) > 0)")},
    };
    for (const auto &test : cases) {
        CatalogModel model(workspace);
        loadIds(model, [&] { model.refresh(); });
        loadScreen(model);
        QList<double> samples;
        for (int run = 0; run < kRuns; ++run) {
            QElapsedTimer timer;
            timer.start();
            loadIds(model, [&] { model.setFilter(test.filter); });
            loadScreen(model);
            samples.append(timer.nsecsElapsed() / 1e6);
            loadIds(model, [&] { model.setFilter({}); }); // back to everything, untimed
        }
        loadIds(model, [&] { model.setFilter(test.filter); });
        const int matched = model.rowCount();
        const double all = measure([&] { rawSelect(handle.db(), test.where, -1); });
        const double screen = measure([&] { rawSelect(handle.db(), test.where, kScreen); });
        const QByteArray name = QByteArray(test.name) + " (" + QByteArray::number(matched) + ")";
        report(name.constData(), median(samples), all, screen);
        QThreadPool::globalInstance()->waitForDone();
    }
    std::printf("the page held %d rows' details after its first screen (of %d products; "
                "bound %d) and %lld KB of ids\n",
                heldAfterOpen, allRows, CatalogModel::kMaxLoadedRows,
                qint64(allRows) * qint64(sizeof(qint64)) / 1024);
    return 0;
}
