// Importing a Shopify catalog for real, against the Shopify sandbox: paged
// and bulk imports equal the shop exactly; importing again changes nothing;
// changes update, double edits become conflicts, deletions are flagged;
// throttling, 5xx, resets and malformed replies never lose or repeat a page;
// a cancelled import resumes; bulk exports stream, and their failures are
// handled.
#include "catalogstore.h"
#include "shopifyimportfixture.h"

#include <QSqlQuery>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Sandbox = sandbox::shopify::ShopifySandbox;
using sandbox::shopify::ShopifyGid;

namespace {

qint64 count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    query.exec(sql);
    query.next();
    return query.value(0).toLongLong();
}

std::unique_ptr<Sandbox> makeSandbox(int products, int variants = 3, int locations = 3)
{
    sandbox::shopify::ShopifySandboxSettings settings;
    settings.catalog.products = products;
    settings.catalog.variantsPerProduct = variants;
    settings.catalog.locations = locations;
    settings.catalog.seed = 7;
    settings.plan = sandbox::shopify::ShopifyPlan::Plus; // the tests are about exactness
    auto sandbox = std::make_unique<Sandbox>(settings);
    return sandbox->listen() ? std::move(sandbox) : nullptr;
}

ImportOptions paged()
{
    ImportOptions options;
    options.mode = ImportOptions::Mode::Paged;
    return options;
}

ImportOptions bulk()
{
    ImportOptions options;
    options.mode = ImportOptions::Mode::Bulk;
    return options;
}

} // namespace

class TestShopifyImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_sandbox = makeSandbox(120);
        QVERIFY(m_sandbox);
        m_token = m_sandbox->issueAccessToken();
        m_connection = test::addShopifyConnection(m_workspace->workspace(), m_sandbox->shopDomain());
    }

    void cleanup()
    {
        m_handle.reset();
        m_sandbox.reset();
    }

    void aPagedImportEqualsTheShopAndAgainChangesNothing()
    {
        const ImportOutcome first = importNow(paged());
        QCOMPARE(first.status, ImportOutcome::Status::Succeeded);
        QVERIFY(!first.bulk);
        QCOMPARE(first.counts.created, 120);
        expectWorkspaceEqualsShop();
        QCOMPARE(m_sandbox->counters().throttled, 0); // paced, never throttled

        const qint64 lastUpdate = count(db(), u"SELECT MAX(updated_at) FROM products"_s);
        const ImportOutcome second = importNow(paged());
        QCOMPARE(second.status, ImportOutcome::Status::Succeeded);
        QCOMPARE(second.counts.created, 0);
        QCOMPARE(second.counts.updated, 0);
        QCOMPARE(second.counts.unchanged, 120);
        QCOMPARE(count(db(), u"SELECT MAX(updated_at) FROM products"_s), lastUpdate);
        QCOMPARE(count(db(), u"SELECT COUNT(*) FROM products"_s), 120);
        expectWorkspaceEqualsShop();
    }

    void changesUpdateDoubleEditsConflictAndDeletionsAreFlagged()
    {
        QCOMPARE(importNow(paged()).status, ImportOutcome::Status::Succeeded);
        const auto products = m_sandbox->catalog().products();
        const qint64 changed = products.at(3).id;
        const qint64 doublyEdited = products.at(4).id;
        const qint64 deleted = products.at(5).id;
        QVERIFY(m_sandbox->catalog().setProductTitle(changed, u"Renamed in Shopify"_s));
        QVERIFY(m_sandbox->catalog().setProductTitle(doublyEdited, u"Renamed there"_s));
        QVERIFY(m_sandbox->catalog().deleteProduct(deleted));
        const qint64 localId = internalId(ShopifyGid::product(doublyEdited));
        ProductEdit edit;
        edit.title = u"Renamed here"_s;
        CatalogStore(db()).editProduct(localId, edit);

        const ImportOutcome again = importNow(paged());
        QCOMPARE(again.status, ImportOutcome::Status::Succeeded);
        QCOMPARE(again.counts.updated, 1);
        QCOMPARE(again.counts.conflicts, 1);
        QCOMPARE(again.counts.flagged, 1);
        QCOMPARE(again.counts.unchanged, 117);
        QCOMPARE(titleOf(internalId(ShopifyGid::product(changed))), u"Renamed in Shopify"_s);
        QCOMPARE(titleOf(localId), u"Renamed here"_s); // not overwritten
        QCOMPARE(count(db(), u"SELECT COUNT(*) FROM import_conflicts WHERE resolved_at IS NULL"_s), 1);
        QCOMPARE(count(db(), u"SELECT COUNT(*) FROM products WHERE source_deleted_at IS NOT NULL"_s), 1);
        QCOMPARE(count(db(), u"SELECT COUNT(*) FROM products"_s), 120); // flagged, not deleted
    }

    void productsWithMoreVariantsAndMediaThanAPageHoldAreCompleted()
    {
        // Pages are priced for the 3 variants and few images seen so far;
        // a product past them is completed before its page is written.
        sandbox::shopify::ProductView big = m_sandbox->catalog().products().first();
        big.id = 0;
        big.title = u"Many-sized blanket"_s;
        big.options = {u"Size"_s};
        big.variants.clear();
        for (int i = 0; i < 130; ++i) {
            sandbox::shopify::VariantView variant;
            variant.sku = u"BLANKET-%1"_s.arg(i);
            variant.price = u"%1.50"_s.arg(20 + i);
            variant.selectedOptions = {{u"Size"_s, u"S%1"_s.arg(i)}};
            big.variants.append(variant);
        }
        big.media.clear();
        for (int i = 0; i < 7; ++i)
            big.media.append({0, {}, u"https://cdn.example.com/blanket-%1.jpg"_s.arg(i)});
        big.collectionIds.clear();
        QVERIFY(m_sandbox->catalog().addProduct(big) > 0);

        const ImportOutcome outcome = importNow(paged());
        QVERIFY2(outcome.status == ImportOutcome::Status::Succeeded, qPrintable(outcome.message));
        QCOMPARE(outcome.counts.created, 121);
        QVERIFY(m_sandbox->counters().operations.value(u"ProductVariantsPage"_s) >= 2);
        QVERIFY(m_sandbox->counters().operations.value(u"ProductMediaPage"_s) >= 1);
        expectWorkspaceEqualsShop();
    }

    void aShopWithManyLocationsStillFitsTheQueryMaximum()
    {
        // 80 locations: one product with 5 variants stocked everywhere would
        // cost more than a query may; the import asks for fewer at a time.
        m_sandbox = makeSandbox(12, 3, 80);
        QVERIFY(m_sandbox);
        m_token = m_sandbox->issueAccessToken();
        const ImportOutcome outcome = importNow(paged());
        QVERIFY2(outcome.status == ImportOutcome::Status::Succeeded, qPrintable(outcome.message));
        QCOMPARE(outcome.counts.created, 12);
        expectWorkspaceEqualsShop();
    }

    void faultsNeverLoseOrRepeatAPage()
    {
        // Faults of every kind, spread over the import (rules firing on the
        // same request would hide each other): small pages make many requests.
        using Rule = sandbox::shopify::FaultRule;
        for (const auto &[kind, every] : {std::pair{Rule::Kind::Throttle, 4},
                                          std::pair{Rule::Kind::HttpError, 6},
                                          std::pair{Rule::Kind::Reset, 9},
                                          std::pair{Rule::Kind::Malformed, 11}}) {
            Rule rule;
            rule.kind = kind;
            rule.every = every;
            m_sandbox->addFault(rule);
        }
        ImportOptions options = paged();
        options.maxQueryCost = 200;
        const ImportOutcome outcome = importNow(options);
        QVERIFY2(outcome.status == ImportOutcome::Status::Succeeded, qPrintable(outcome.message));
        QVERIFY2(outcome.stats.throttled >= 2, qPrintable(QString::number(outcome.stats.throttled)));
        QVERIFY2(outcome.stats.retries >= 4, qPrintable(QString::number(outcome.stats.retries)));
        QVERIFY(m_sandbox->counters().faultsInjected >= 6);
        QCOMPARE(outcome.counts.created, 120);
        QCOMPARE(count(db(), u"SELECT COUNT(*) FROM products"_s), 120);
        expectWorkspaceEqualsShop();
    }

    void aFailureThatDoesNotPassEndsTheImportWithThePlatformsWords()
    {
        m_sandbox->failNext(1000, 502);
        const ImportOutcome outcome = importNow(paged());
        QCOMPARE(outcome.status, ImportOutcome::Status::Failed);
        QVERIFY2(outcome.message.contains("502"_L1), qPrintable(outcome.message));
        m_sandbox->clearFaults();
        QCOMPARE(importNow(paged()).status, ImportOutcome::Status::Succeeded);
        expectWorkspaceEqualsShop();
    }

    void aCancelledImportResumesWhereItStopped()
    {
        // Small pages: force several of them by pricing variants high.
        ImportOptions options = paged();
        options.maxQueryCost = 120;
        const ImportOutcome stopped = test::runImport(
            m_workspace->workspace(), m_connection, *m_sandbox, m_token, options,
            [](CatalogImportJob &import) {
                QObject::connect(&import, &CatalogImportJob::progress, &import,
                                 [&import](const ImportProgress &progress) {
                                     if (progress.done > 0)
                                         import.cancel();
                                 });
            });
        QCOMPARE(stopped.status, ImportOutcome::Status::Cancelled);
        const qint64 written = count(db(), u"SELECT COUNT(*) FROM products"_s);
        QVERIFY(written > 0 && written < 120);

        const ImportOutcome resumed = importNow(options);
        QCOMPARE(resumed.status, ImportOutcome::Status::Succeeded);
        QVERIFY(resumed.resumed);
        QCOMPARE(resumed.counts.created, 120); // counted across both runs, each product once
        QCOMPARE(count(db(), u"SELECT COUNT(*) FROM products"_s), 120);
        expectWorkspaceEqualsShop();
    }

    void aBulkImportStreamsTheExportAndEqualsTheShop()
    {
        const ImportOutcome outcome = importNow(bulk());
        QVERIFY2(outcome.status == ImportOutcome::Status::Succeeded, qPrintable(outcome.message));
        QVERIFY(outcome.bulk);
        QCOMPARE(outcome.counts.created, 120);
        QCOMPARE(m_sandbox->counters().bulkOperationsStarted, 3);
        expectWorkspaceEqualsShop();
        // And a paged import afterwards finds nothing changed: both paths agree.
        const ImportOutcome paged = importNow(::paged());
        QCOMPARE(paged.counts.unchanged, 120);
    }

    // An export of a few megabytes is read in runs of lines that end
    // mid-line: the rest of each such line waits for the next read.
    void aLargeBulkExportIsReadInRunsAndEqualsTheShop()
    {
        m_sandbox = makeSandbox(1500);
        QVERIFY(m_sandbox);
        m_token = m_sandbox->issueAccessToken();
        m_connection = test::addShopifyConnection(m_workspace->workspace(), m_sandbox->shopDomain());
        const ImportOutcome outcome = importNow(bulk());
        QVERIFY2(outcome.status == ImportOutcome::Status::Succeeded, qPrintable(outcome.message));
        QCOMPARE(outcome.counts.created, 1500);
        expectWorkspaceEqualsShop();
    }

    void aFailedBulkExportRunsAgainAndAnExpiredOneToo()
    {
        m_sandbox->failNextBulkOperation();
        ImportOutcome outcome = importNow(bulk());
        QVERIFY2(outcome.status == ImportOutcome::Status::Succeeded, qPrintable(outcome.message));
        QCOMPARE(m_sandbox->counters().bulkOperationsStarted, 4);
        expectWorkspaceEqualsShop();

        m_sandbox->resetCounters();
        m_sandbox->expireNextBulkOperation();
        outcome = importNow(bulk());
        QVERIFY2(outcome.status == ImportOutcome::Status::Succeeded, qPrintable(outcome.message));
        QCOMPARE(m_sandbox->counters().bulkOperationsStarted, 4);
        QCOMPARE(outcome.counts.unchanged, 120);
    }

    void aRunningBulkExportIsWaitedForNotCancelled()
    {
        m_sandbox->startRunningBulkOperation(1500);
        const ImportOutcome outcome = importNow(bulk());
        QVERIFY2(outcome.status == ImportOutcome::Status::Succeeded, qPrintable(outcome.message));
        expectWorkspaceEqualsShop();
    }

private:
    ImportOutcome importNow(const ImportOptions &options)
    {
        return test::runImport(m_workspace->workspace(), m_connection, *m_sandbox, m_token, options);
    }

    void expectWorkspaceEqualsShop()
    {
        const QString difference = test::firstDifference(
            test::imageOfWorkspace(db(), m_connection), test::imageOfSandbox(m_sandbox->catalog()));
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    QSqlDatabase db()
    {
        if (!m_handle)
            m_handle.emplace(m_workspace->workspace().openHandle());
        return m_handle->db();
    }

    qint64 internalId(const QString &gid)
    {
        QSqlQuery query(db());
        query.prepare(u"SELECT internal_id FROM mappings WHERE external_id = ? AND entity_type = 'product'"_s);
        query.addBindValue(gid);
        query.exec();
        return query.next() ? query.value(0).toLongLong() : 0;
    }

    QString titleOf(qint64 productId)
    {
        QSqlQuery query(db());
        query.prepare(u"SELECT title FROM products WHERE id = ?"_s);
        query.addBindValue(productId);
        query.exec();
        return query.next() ? query.value(0).toString() : QString();
    }

    std::unique_ptr<test::TestWorkspace> m_workspace;
    std::optional<DbHandle> m_handle;
    std::unique_ptr<Sandbox> m_sandbox;
    QString m_token;
    qint64 m_connection = 0;
};

QTEST_GUILESS_MAIN(TestShopifyImport)
#include "tst_shopifyimport.moc"
