// The hub's import lifecycle, whatever the platform: pages become
// "catalog.import_page" items of one self-counting run, each written exactly
// once with its checkpoint; transient failures are retried, a refusal ends
// the run and importing again continues where it stopped.
#include "enginefixture.h"
#include "executor.h"
#include "importfixture.h"
#include "importpagehandler.h"
#include "importruns.h"
#include "leaseowner.h"

#include <QMutex>
#include <QSignalSpy>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

// A store of `count` products served `pageSize` at a time; the cursor is the
// index of a page's first product. Failures can be scripted per cursor.
class ScriptedSource : public CatalogSource
{
public:
    ScriptedSource(int count, int pageSize) : m_products(test::sampleProducts(count)), m_pageSize(pageSize) {}

    QString platformName() const override { return u"Test store"_s; }
    SourceError open(CatalogOverview *overview, const Stop &, const Waiting &) override
    {
        overview->currency = u"EUR"_s;
        overview->productTotal = m_products.size();
        return {};
    }
    SourceError fetchPage(const QString &cursor, SourcePage *page, const Stop &, const Waiting &) override
    {
        ++m_stats.requests;
        QMutexLocker lock(&m_mutex);
        if (!m_failures.isEmpty() && m_failures.first().first == cursor)
            return m_failures.takeFirst().second;
        const int first = cursor.isEmpty() ? 0 : cursor.toInt();
        page->products = m_products.mid(first, m_pageSize);
        if (first + m_pageSize < m_products.size())
            page->nextCursor = QString::number(first + m_pageSize);
        return {};
    }
    RequestStats stats() const override { return m_stats; }

    void failAt(const QString &cursor, SourceError error)
    {
        QMutexLocker lock(&m_mutex);
        m_failures.append({cursor, error});
    }

private:
    QList<ImportedProduct> m_products;
    int m_pageSize;
    RequestStats m_stats;
    QMutex m_mutex;
    QList<std::pair<QString, SourceError>> m_failures;
};

class Outcomes : public ImportEvents
{
public:
    void importProgress(qint64, const ImportProgress &) override {}
    void importFinished(qint64, const ImportOutcome &outcome) override
    {
        QMutexLocker lock(&mutex);
        outcomes.append(outcome);
    }
    int count()
    {
        QMutexLocker lock(&mutex);
        return int(outcomes.size());
    }
    std::optional<ImportOutcome> last()
    {
        QMutexLocker lock(&mutex);
        return outcomes.isEmpty() ? std::nullopt : std::optional(outcomes.last());
    }

    QMutex mutex;
    QList<ImportOutcome> outcomes;
};

} // namespace

class TestImportPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_engine = std::make_unique<test::EngineFixture>();
        m_connection = test::addTestConnection(m_engine->db(), u"test-store"_s);
        m_source = std::make_shared<ScriptedSource>(10, 3); // pages at 0, 3, 6, 9
        m_handler = std::make_shared<ImportPageHandler>(
            m_engine->workspace(),
            [this](qint64, const ImportOptions &, QString *) {
                return std::unique_ptr<CatalogSource>(new Forwarding(m_source));
            },
            m_outcomes);
    }
    void cleanup()
    {
        m_handler.reset();
        m_engine.reset();
    }

    void everyPageIsAnItemWithItsCursorInTheKey()
    {
        const qint64 run = start();
        runToTheEnd();
        const auto outcome = m_outcomes.last();
        QVERIFY(outcome);
        QCOMPARE(outcome->status, ImportOutcome::Status::Succeeded);
        QCOMPARE(outcome->counts.created, 10);
        QVERIFY2(outcome->message.startsWith("Imported 10 products: 10 new"_L1), qPrintable(outcome->message));
        const QList<SyncItem> items = m_engine->items().list(run);
        QCOMPARE(items.size(), 4);
        QStringList keys;
        for (const SyncItem &item : items) {
            QCOMPARE(item.operation, ImportRuns::operation());
            QCOMPARE(item.state, SyncItem::State::Succeeded);
            keys.append(item.idempotencyKey);
        }
        QVERIFY(keys.at(1).endsWith(":products:3"_L1));
        QVERIFY(keys.at(3).endsWith(":products:9"_L1));
        const SyncRun finished = m_engine->runs().get(run);
        QCOMPARE(finished.status, SyncRun::Status::Succeeded);
        QCOMPARE(finished.succeeded, 10); // products, not items
        QCOMPARE(finished.total, 10);
    }

    void aPageWrittenBeforeItsWorkerDiedIsNotWrittenAgain()
    {
        const qint64 run = start();
        const SyncItem first = m_engine->items().list(run).first();
        // The worker wrote the page, then died before recording it: the
        // item runs again once its lease is taken back.
        QCOMPARE(m_handler->execute(first).kind, ItemOutcome::Kind::Succeeded);
        QCOMPARE(m_handler->execute(first).kind, ItemOutcome::Kind::Skipped);
        QCOMPARE(m_engine->items().list(run).size(), 2); // the next page's item, once
        QCOMPARE(m_source->stats().requests, 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM products"_s), 3);
    }

    void aTransientFailureIsRetriedAndARefusalEndsTheRunUntilImportedAgain()
    {
        m_source->failAt(u"3"_s, {SourceError::Kind::Retryable, u"502 Bad Gateway"_s});
        m_source->failAt(u"6"_s, {SourceError::Kind::Permanent, u"Access denied for products"_s});
        const qint64 run = start();
        runToTheEnd();
        auto outcome = m_outcomes.last();
        QVERIFY(outcome);
        QCOMPARE(outcome->status, ImportOutcome::Status::Failed);
        QCOMPARE(outcome->message, u"Access denied for products"_s);
        QCOMPARE(outcome->counts.created, 6); // two pages made it
        QCOMPARE(m_engine->runs().get(run).status, SyncRun::Status::Failed);
        const QList<SyncItem> dead = m_engine->items().list(run, SyncItem::State::Dead);
        QCOMPARE(dead.size(), 1);
        const QList<SyncItem> all = m_engine->items().list(run);
        QCOMPARE(all.at(1).attempts, 2); // the 502, then the page

        // Importing again continues the same run at the refused page.
        QCOMPARE(start(), run);
        runToTheEnd();
        outcome = m_outcomes.last();
        QCOMPARE(outcome->status, ImportOutcome::Status::Succeeded);
        QCOMPARE(outcome->counts.created, 10);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM products"_s), 10);
    }

private:
    // The handler owns the source it opens; the test keeps its script.
    class Forwarding : public CatalogSource
    {
    public:
        explicit Forwarding(std::shared_ptr<ScriptedSource> source) : m_source(std::move(source)) {}
        QString platformName() const override { return m_source->platformName(); }
        SourceError open(CatalogOverview *o, const Stop &s, const Waiting &w) override { return m_source->open(o, s, w); }
        SourceError fetchPage(const QString &c, SourcePage *p, const Stop &s, const Waiting &w) override
        {
            return m_source->fetchPage(c, p, s, w);
        }
        RequestStats stats() const override { return m_source->stats(); }

    private:
        std::shared_ptr<ScriptedSource> m_source;
    };

    qint64 start()
    {
        ImportOptions options;
        options.mode = ImportOptions::Mode::Paged;
        return ImportRuns(m_engine->db()).start(m_connection, options, LeaseOwner::ofThisProcess()).runId;
    }

    void runToTheEnd()
    {
        const int before = m_outcomes.count();
        Executor::Options options;
        options.retryPolicy = RetryPolicy(10, 20); // retries come at once
        options.idlePollMs = 20;
        Executor executor(m_engine->workspace(), options);
        executor.setHandler(ImportRuns::operation(), m_handler);
        executor.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_outcomes.count() > before, 30000);
        executor.stop();
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery query(m_engine->db());
        query.exec(sql);
        return query.next() ? query.value(0).toLongLong() : -1;
    }

    std::unique_ptr<test::EngineFixture> m_engine;
    qint64 m_connection = 0;
    std::shared_ptr<ScriptedSource> m_source;
    Outcomes m_outcomes;
    std::shared_ptr<ImportPageHandler> m_handler;
};

QTEST_GUILESS_MAIN(TestImportPages)
#include "tst_importpages.moc"
