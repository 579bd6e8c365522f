// Reconciling a store's catalog into the workspace: what a full import
// stores, what a repeated one leaves alone, changes, local edits and the
// conflicts between them, products gone at the source, and resuming.
#include "cataloghash.h"
#include "catalogimport.h"
#include "catalogstore.h"
#include "importconflicts.h"
#include "importfixture.h"
#include "testworkspace.h"
#include "workspaceerror.h"

#include <QSqlQuery>
#include <QTest>

using namespace storeloom;
using namespace storeloom::test;
using Writes = CatalogImport::Writes;

Q_DECLARE_METATYPE(storeloom::CatalogImport::Writes)

namespace {

const QString kProducts = QStringLiteral("products");

// Every catalog table as rows, for "nothing changed" checks. Mappings leave
// out what an import records about seeing them.
const QStringList kCatalogSelects{
    QStringLiteral("SELECT * FROM products ORDER BY id"),
    QStringLiteral("SELECT * FROM product_options ORDER BY id"),
    QStringLiteral("SELECT * FROM variants ORDER BY id"),
    QStringLiteral("SELECT * FROM variant_option_values ORDER BY variant_id, option_id"),
    QStringLiteral("SELECT * FROM media ORDER BY id"),
    QStringLiteral("SELECT * FROM stock_levels ORDER BY variant_id, location_id"),
    QStringLiteral("SELECT * FROM collection_products ORDER BY collection_id, product_id"),
    QStringLiteral("SELECT * FROM locations ORDER BY id"),
    QStringLiteral("SELECT * FROM collections ORDER BY id"),
    QStringLiteral("SELECT * FROM import_conflicts ORDER BY id"),
    QStringLiteral("SELECT id, connection_id, entity_type, internal_id, external_id, source_hash, "
                   "target_hash, state, last_error FROM mappings ORDER BY id"),
};

QByteArrayList catalogDigests(const QSqlDatabase &db)
{
    QByteArrayList digests;
    for (const QString &select : kCatalogSelects)
        digests.append(rowsDigest(db, select));
    return digests;
}

qint64 productIdOf(const QSqlDatabase &db, qint64 connectionId, const QString &externalId)
{
    return scalarOf(db, QStringLiteral("SELECT internal_id FROM mappings WHERE connection_id = %1 "
                                       "AND entity_type = 'product' AND external_id = '%2'")
                            .arg(connectionId)
                            .arg(externalId));
}

// Rows whose foreign keys point nowhere (SQLite's own check).
qint64 danglingReferences(const QSqlDatabase &db)
{
    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return -1;
    qint64 rows = 0;
    while (check.next())
        ++rows;
    return rows;
}

ImportCounts countsOf(qint64 created, qint64 updated, qint64 unchanged, qint64 conflicts,
                      qint64 flagged)
{
    return {created, updated, unchanged, conflicts, flagged};
}

// A workspace with one connected store.
struct Store
{
    TestWorkspace workspace;
    DbHandle handle = workspace.workspace().openHandle();
    qint64 connectionId = addTestConnection(handle.db(), QStringLiteral("shop-1"));
    QSqlDatabase db() const { return handle.db(); }
};

} // namespace

class TestCatalogImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullImportStoresEverything_data()
    {
        QTest::addColumn<Writes>("writes");
        QTest::newRow("sqlite c api") << Writes::Fastest;
        QTest::newRow("qtsql") << Writes::QtSqlOnly;
    }
    void fullImportStoresEverything()
    {
        QFETCH(Writes, writes);
        Store store;
        const QList<ImportedProduct> products = sampleProducts(23);
        const ImportCheckpoint done =
            importAll(store.db(), store.connectionId, products, 5, writes);
        QCOMPARE(done.counts, countsOf(23, 0, 0, 0, 0));
        QCOMPARE(done.pages, 5);
        QVERIFY(done.isFinished());

        CatalogStore catalog(store.db());
        for (const ImportedProduct &product : products) {
            const auto stored = readBack(store.db(), store.connectionId, product.externalId);
            QVERIFY2(stored, qPrintable(product.externalId));
            QCOMPARE(*stored, normalized(product));
            // The digest the import stored is the one a local edit starts from.
            const qint64 id = productIdOf(store.db(), store.connectionId, product.externalId);
            QCOMPARE(
                scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM products p JOIN "
                                                    "mappings m ON m.internal_id = p.id AND "
                                                    "m.entity_type = 'product' WHERE p.id = %1 "
                                                    "AND p.content_hash = '%2' AND "
                                                    "m.target_hash = p.content_hash")
                                         .arg(id)
                                         .arg(CatalogHasher().content(*catalog.product(id)))),
                1);
        }
        QCOMPARE(danglingReferences(store.db()), 0);
        const auto count = [&](const QString &statement) {
            return scalarOf(store.db(), statement);
        };
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM products WHERE source_connection_id = %1 "
                                 "AND source_deleted_at IS NULL")
                      .arg(store.connectionId)),
            23);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM variants")), 69);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM variant_option_values")), 138);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock_levels")), 207);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM media")), 46);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM collection_products")), 23 + 12);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM locations")), 3);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM collections")), 2);
        const QStringList types{QStringLiteral("product"),        QStringLiteral("variant"),
                                QStringLiteral("inventory_item"), QStringLiteral("media"),
                                QStringLiteral("location"),       QStringLiteral("collection")};
        const QList<qint64> expected{23, 69, 69, 46, 3, 2};
        for (qsizetype i = 0; i < types.size(); ++i)
            QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mappings WHERE entity_type = '%1' "
                                          "AND seen_in_import = %2")
                               .arg(types.at(i))
                               .arg(done.importId)),
                     expected.at(i));
        // The store's ids live in mappings only.
        QCOMPARE(count(QStringLiteral(
                     "SELECT COUNT(*) FROM products p JOIN variants v ON v.product_id = p.id "
                     "JOIN media m ON m.product_id = p.id WHERE p.title || p.description || "
                     "p.tags || v.title || v.sku || v.barcode || m.url LIKE '%gid:%'")),
                 0);
    }

    // Text goes to SQLite as UTF-8, ASCII copied straight (16 units at a
    // time, then one by one) and the rest through the encoder: accents, CJK
    // and a surrogate pair at the start, the middle and the end of values, in
    // and after whole blocks of 16, come back as sent.
    void textBeyondAsciiIsStoredAsSent_data() { fullImportStoresEverything_data(); }
    void textBeyondAsciiIsStoredAsSent()
    {
        QFETCH(Writes, writes);
        Store store;
        QList<ImportedProduct> products = sampleProducts(3);
        products[0].title = QStringLiteral("Caf\u00e9 cr\u00e8me scarf");
        products[0].description = QStringLiteral("<p>\u00dcber-soft \u6771\u4eac tote</p>");
        products[1].title = QStringLiteral("\U0001F9E3 winter scarf");
        products[1].vendor = QStringLiteral("Z\u00fcrich");
        products[1].variants[0].sku = QStringLiteral("SKU-\u00c5");
        products[2].title = QStringLiteral("Tote \U0001F45C");
        products[2].variants[1].title = QStringLiteral("\u00c9t\u00e9 / \u6771");
        products[2].media[0].altText = QStringLiteral("A \u00e9 and \U0001F45C");
        products[2].description = QStringLiteral("0123456789abcdef0123\u00e9 and more ASCII");
        products[2].vendor = QStringLiteral("0123456789abcdef0123456789abcdef\U0001F45C");
        products[2].variants[0].title = QStringLiteral("0123456789abcdef01234\u6771");
        const ImportCheckpoint done =
            importAll(store.db(), store.connectionId, products, 3, writes);
        QCOMPARE(done.counts, countsOf(3, 0, 0, 0, 0));
        for (const ImportedProduct &product : std::as_const(products)) {
            const auto stored = readBack(store.db(), store.connectionId, product.externalId);
            QVERIFY2(stored, qPrintable(product.externalId));
            QCOMPARE(*stored, normalized(product));
        }
        // The digests recorded are the ones the same text gives again.
        const ImportCheckpoint again =
            importAll(store.db(), store.connectionId, products, 3, writes);
        QCOMPARE(again.counts, countsOf(0, 0, 3, 0, 0));
    }

    void identicalReimportWritesNothing()
    {
        Store store;
        const QList<ImportedProduct> products = sampleProducts(20);
        const qint64 first = importAll(store.db(), store.connectionId, products, 8).importId;
        const QByteArrayList before = catalogDigests(store.db());
        const qint64 changesBefore = scalarOf(store.db(), QStringLiteral("SELECT total_changes()"));

        const ImportCheckpoint again = importAll(store.db(), store.connectionId, products, 8);
        QVERIFY(again.importId > first); // a new generation
        QCOMPARE(again.counts, countsOf(0, 0, 20, 0, 0));
        QCOMPARE(catalogDigests(store.db()), before);
        // Written: the import row (begin, 2 reference calls, 3 pages, finish),
        // one audit event, and "seen" on 20 products, 3 locations, 2 collections.
        const qint64 written =
            scalarOf(store.db(), QStringLiteral("SELECT total_changes()")) - changesBefore;
        QCOMPARE(written, 1 + 2 + 3 + 1 + 1 + 20 + 3 + 2);
    }

    void changedProductIsUpdatedAlone_data() { fullImportStoresEverything_data(); }
    void changedProductIsUpdatedAlone()
    {
        QFETCH(Writes, writes);
        Store store;
        QList<ImportedProduct> products = sampleProducts(12);
        importAll(store.db(), store.connectionId, products, 5, writes);
        const qint64 productId =
            productIdOf(store.db(), store.connectionId, products[5].externalId);
        const auto variantIdOf = [&](const QString &externalId) {
            return scalarOf(store.db(),
                            QStringLiteral("SELECT internal_id FROM mappings WHERE "
                                           "entity_type = 'variant' AND external_id = '%1'")
                                .arg(externalId));
        };
        const qint64 keptVariant = variantIdOf(products[5].variants[0].externalId);
        const qint64 goneVariant = variantIdOf(products[5].variants[2].externalId);
        const QString others = QStringLiteral(" WHERE product_id <> %1").arg(productId);
        const QStringList otherRows{
            QStringLiteral("SELECT * FROM products WHERE id <> %1 ORDER BY id").arg(productId),
            QStringLiteral("SELECT * FROM variants%1 ORDER BY id").arg(others),
            QStringLiteral("SELECT * FROM media%1 ORDER BY id").arg(others),
            QStringLiteral("SELECT s.* FROM stock_levels s JOIN variants v ON v.id = s.variant_id "
                           "WHERE v.product_id <> %1 ORDER BY 1, 2")
                .arg(productId)};
        QByteArrayList before;
        for (const QString &select : otherRows)
            before.append(rowsDigest(store.db(), select));

        products[5] = changedAtSource(products[5]);
        const ImportCheckpoint done =
            importAll(store.db(), store.connectionId, products, 5, writes);
        QCOMPARE(done.counts, countsOf(0, 1, 11, 0, 0));
        QCOMPARE(*readBack(store.db(), store.connectionId, products[5].externalId),
                 normalized(products[5]));
        QCOMPARE(productIdOf(store.db(), store.connectionId, products[5].externalId), productId);
        QCOMPARE(variantIdOf(products[5].variants[0].externalId), keptVariant); // updated in place
        // (Product 11 holds the highest variant id, so the gone one's is not reused.)
        QCOMPARE(scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM variants WHERE id = %1")
                                          .arg(goneVariant)),
                 0);
        QByteArrayList after;
        for (const QString &select : otherRows)
            after.append(rowsDigest(store.db(), select));
        QCOMPARE(after, before);
        // Nothing left behind by the replaced variant and media.
        const auto count = [&](const QString &statement) {
            return scalarOf(store.db(), statement);
        };
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock_levels WHERE variant_id = %1")
                           .arg(goneVariant)),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mappings WHERE entity_type IN "
                                      "('variant', 'inventory_item') AND internal_id = %1")
                           .arg(goneVariant)),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM mappings WHERE entity_type = 'media'")),
                 count(QStringLiteral("SELECT COUNT(*) FROM media")));
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM mappings WHERE entity_type = 'variant'")),
            count(QStringLiteral("SELECT COUNT(*) FROM variants")));
        QCOMPARE(danglingReferences(store.db()), 0);
    }

    void sourceChangeAfterLocalEditIsAConflict()
    {
        Store store;
        QList<ImportedProduct> products = sampleProducts(6);
        importAll(store.db(), store.connectionId, products, 4);
        const qint64 productId =
            productIdOf(store.db(), store.connectionId, products[3].externalId);
        CatalogStore catalog(store.db());
        catalog.editProduct(productId, {QStringLiteral("My own title"), {}, {}});
        const QByteArray local = rowsDigest(
            store.db(),
            QStringLiteral("SELECT * FROM variants WHERE product_id = %1").arg(productId));

        products[3] = changedAtSource(products[3]);
        ImportCheckpoint done = importAll(store.db(), store.connectionId, products, 4);
        QCOMPARE(done.counts, countsOf(0, 0, 5, 1, 0));
        QCOMPARE(catalog.product(productId)->title, QStringLiteral("My own title"));
        QCOMPARE(rowsDigest(
                     store.db(),
                     QStringLiteral("SELECT * FROM variants WHERE product_id = %1").arg(productId)),
                 local);
        QList<ImportConflict> conflicts = ImportConflictStore(store.db()).open(store.connectionId);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().productId, productId);
        QCOMPARE(conflicts.first().externalId, products[3].externalId);
        QCOMPARE(conflicts.first().incoming, products[3]);
        QCOMPARE(conflicts.first().incomingHash, CatalogHasher().source(products[3]));

        // Seen again: still one record, untouched.
        const QByteArray recorded =
            rowsDigest(store.db(), QStringLiteral("SELECT * FROM import_conflicts"));
        done = importAll(store.db(), store.connectionId, products, 4);
        QCOMPARE(done.counts.conflicts, 1);
        QCOMPARE(rowsDigest(store.db(), QStringLiteral("SELECT * FROM import_conflicts")),
                 recorded);

        // Changed again at the source: the same record holds the newer version.
        products[3].title = QStringLiteral("Third version");
        importAll(store.db(), store.connectionId, products, 4);
        conflicts = ImportConflictStore(store.db()).open(store.connectionId);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().incoming.title, QStringLiteral("Third version"));
        QCOMPARE(catalog.product(productId)->title, QStringLiteral("My own title"));
    }

    void localEditAloneIsKeptWithoutConflict()
    {
        Store store;
        const QList<ImportedProduct> products = sampleProducts(6);
        importAll(store.db(), store.connectionId, products, 4);
        const qint64 productId =
            productIdOf(store.db(), store.connectionId, products[2].externalId);
        CatalogStore catalog(store.db());
        const qint64 variantId = catalog.product(productId)->variants.first().id;
        catalog.editProduct(
            productId,
            {{}, QStringLiteral("Better words"), {{variantId, {4242, QStringLiteral("EUR")}}}});

        const ImportCheckpoint done = importAll(store.db(), store.connectionId, products, 4);
        QCOMPARE(done.counts, countsOf(0, 0, 6, 0, 0));
        QCOMPARE(catalog.product(productId)->description, QStringLiteral("Better words"));
        QCOMPARE(catalog.product(productId)->variants.first().price.minorUnits, 4242);
        QCOMPARE(scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM import_conflicts")), 0);
    }

    void productGoneFromSourceIsFlagged()
    {
        Store store;
        QList<ImportedProduct> products = sampleProducts(6);
        importAll(store.db(), store.connectionId, products, 4);
        const ImportedProduct gone = products.takeAt(2);
        const qint64 goneId = productIdOf(store.db(), store.connectionId, gone.externalId);

        ImportCheckpoint done = importAll(store.db(), store.connectionId, products, 4);
        QCOMPARE(done.counts, countsOf(0, 0, 5, 0, 1));
        const auto flagged = [&] {
            return scalarOf(
                store.db(),
                QStringLiteral("SELECT id FROM products WHERE source_deleted_at IS NOT NULL"));
        };
        QCOMPARE(flagged(), goneId);
        QCOMPARE(scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM products")), 6);
        QCOMPARE(*readBack(store.db(), store.connectionId, gone.externalId), normalized(gone));

        done = importAll(store.db(), store.connectionId, products, 4); // flagged once only
        QCOMPARE(done.counts.flagged, 0);

        products.append(gone); // back at the source
        done = importAll(store.db(), store.connectionId, products, 4);
        QCOMPARE(done.counts, countsOf(0, 0, 6, 0, 0));
        QCOMPARE(flagged(), -1);
    }

    void resumeAfterCrashImportsEachProductOnce()
    {
        TestWorkspace workspace;
        const QList<ImportedProduct> products = sampleProducts(20);
        qint64 connectionId = 0;
        qint64 importId = 0;
        {
            const DbHandle handle = workspace.workspace().openHandle();
            connectionId = addTestConnection(handle.db(), QStringLiteral("shop-1"));
            CatalogImport import(handle.db(), connectionId);
            importId = import.begin().importId;
            import.applyLocations(sampleLocations(),
                                  ImportPosition{QStringLiteral("collections"), {}});
            import.applyCollections(sampleCollections(), ImportPosition{kProducts, {}});
            for (int start = 0; start < 9; start += 3)
                import.applyProductPage(products.mid(start, 3), kProducts,
                                        QString::number(start + 3));
        } // gone without finish() or cancel(), as in a crash

        const DbHandle handle = workspace.workspace().openHandle();
        CatalogImport import(handle.db(), connectionId);
        const ImportCheckpoint resumed = import.begin();
        QVERIFY(resumed.resumed);
        QCOMPARE(resumed.importId, importId);
        QCOMPARE(resumed.phase, kProducts);
        QCOMPARE(resumed.cursor, QStringLiteral("9"));
        QCOMPARE(resumed.pages, 3);
        QCOMPARE(resumed.counts, countsOf(9, 0, 0, 0, 0));

        for (int start = resumed.cursor.toInt(); start < products.size(); start += 3) {
            const int end = std::min<int>(start + 3, products.size());
            import.applyProductPage(products.mid(start, end - start), kProducts,
                                    end < products.size() ? QString::number(end) : QString());
        }
        const ImportCheckpoint done = import.finish();
        QCOMPARE(done.counts, countsOf(20, 0, 0, 0, 0));
        QCOMPARE(done.pages, 7);
        QCOMPARE(scalarOf(handle.db(), QStringLiteral("SELECT COUNT(*) FROM products")), 20);
        QCOMPARE(scalarOf(handle.db(), QStringLiteral("SELECT COUNT(DISTINCT external_id) FROM "
                                                      "mappings WHERE entity_type = 'product'")),
                 20);
        QCOMPARE(scalarOf(handle.db(), QStringLiteral("SELECT COUNT(*) FROM variants")), 60);
        QVERIFY(!import.begin().resumed); // a finished import is not resumed
    }

    void aResumedImportThatReadsFromTheStartCountsEachProductOnce()
    {
        // A bulk export cannot continue mid-file: the resumed import reads
        // the products it already wrote again. The counts stay the store's.
        Store store;
        const QList<ImportedProduct> products = sampleProducts(12);
        {
            CatalogImport import(store.db(), store.connectionId);
            import.begin();
            import.applyLocations(sampleLocations());
            import.applyProductPage(products.mid(0, 5), kProducts, QStringLiteral("line-5"));
        } // cut short
        CatalogImport import(store.db(), store.connectionId);
        QVERIFY(import.begin().resumed);
        const PageOutcome again = import.applyProductPage(products.mid(0, 6), kProducts, {});
        QCOMPARE(again.created, 1); // only the sixth is new; the five are not counted again
        QCOMPARE(again.unchanged, 0);
        import.applyProductPage(products.mid(6), kProducts, {});
        QCOMPARE(import.finish().counts, countsOf(12, 0, 0, 0, 0));
        QCOMPARE(scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM products")), 12);

        // The next import sees each of them once more: all unchanged.
        CatalogImport next(store.db(), store.connectionId);
        QVERIFY(!next.begin().resumed);
        next.applyProductPage(products, kProducts, {});
        QCOMPARE(next.finish().counts, countsOf(0, 0, 12, 0, 0));
    }

    void cancelledImportResumes()
    {
        Store store;
        CatalogImport import(store.db(), store.connectionId);
        const qint64 importId = import.begin().importId;
        import.applyLocations(sampleLocations());
        import.applyProductPage(sampleProducts(2), kProducts, QStringLiteral("cursor-1"));
        import.cancel();
        QVERIFY(!import.isActive());
        QVERIFY_THROWS_EXCEPTION(WorkspaceError,
                                 import.applyProductPage(sampleProducts(1, 2), kProducts, {}));

        CatalogImport again(store.db(), store.connectionId);
        const ImportCheckpoint resumed = again.begin();
        QCOMPARE(resumed.importId, importId);
        QCOMPARE(resumed.cursor, QStringLiteral("cursor-1"));
        again.abandon(); // gives it up: nothing flagged, the next begin() starts anew
        QCOMPARE(scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM products WHERE "
                                                     "source_deleted_at IS NOT NULL")),
                 0);
        QVERIFY(again.begin().importId != importId);
    }

    void failingPageLeavesNothing_data() { fullImportStoresEverything_data(); }
    void failingPageLeavesNothing()
    {
        QFETCH(Writes, writes);
        Store store;
        QList<ImportedProduct> products = sampleProducts(6);
        importAll(store.db(), store.connectionId, products.mid(0, 3), 3, writes);
        // The database refuses one product, as a constraint would.
        QSqlQuery trigger(store.db());
        QVERIFY(trigger.exec(QStringLiteral(
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON products WHEN NEW.title = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")));

        CatalogImport import(store.db(), store.connectionId, writes);
        import.begin();
        import.applyProductPage(products.mid(3, 1), kProducts, QStringLiteral("page-1"));
        QList<ImportedProduct> page{changedAtSource(products[0]), products[4], products[5]};
        page[2].title = QStringLiteral("boom");
        QVERIFY_THROWS_EXCEPTION(
            WorkspaceError, import.applyProductPage(page, kProducts, QStringLiteral("page-2")));

        // Nothing of the page: not the update before the failure, not the
        // product created before it, and the checkpoint where it was.
        QCOMPARE(import.checkpoint()->cursor, QStringLiteral("page-1"));
        QCOMPARE(import.checkpoint()->counts, countsOf(1, 0, 0, 0, 0));
        QCOMPARE(*readBack(store.db(), store.connectionId, products[0].externalId),
                 normalized(products[0]));
        QVERIFY(!readBack(store.db(), store.connectionId, products[4].externalId));
        QCOMPARE(scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM products")), 4);
        {
            CatalogImport observer(store.db(), store.connectionId);
            const ImportCheckpoint stored = observer.begin();
            QCOMPARE(stored.cursor, QStringLiteral("page-1"));
            QCOMPARE(stored.pages, 1);
        }

        // Once the cause is gone the same page goes in whole.
        QVERIFY(trigger.exec(QStringLiteral("DROP TRIGGER refuse_boom")));
        const PageOutcome outcome =
            import.applyProductPage(page, kProducts, QStringLiteral("page-2"));
        QCOMPARE(outcome, (PageOutcome{2, 1, 0, 0}));
        QCOMPARE(import.finish().counts, countsOf(3, 1, 0, 0, 2)); // products[1], [2] not seen
    }

    void collectionMembersArePagedAndAdditive()
    {
        Store store;
        QList<ImportedProduct> products = sampleProducts(4);
        for (ImportedProduct &product : products)
            product.collectionExternalIds.clear();
        CatalogImport import(store.db(), store.connectionId);
        import.begin();
        import.applyCollections(sampleCollections());
        import.applyProductPage(products, kProducts, {});
        const QString summer = sampleCollections().first().externalId;
        QCOMPARE(
            import.applyCollectionMembers(summer, {products[0].externalId, products[1].externalId}),
            2);
        QCOMPARE(import.applyCollectionMembers(
                     summer, {products[2].externalId, gid(QStringLiteral("Product"), 404)},
                     ImportPosition{QStringLiteral("members"), QStringLiteral("m-2")}),
                 1);
        QCOMPARE(import.applyCollectionMembers(summer, {products[0].externalId}), 0);
        QCOMPARE(import.applyCollectionMembers(gid(QStringLiteral("Collection"), 404),
                                               {products[3].externalId}),
                 0);
        QCOMPARE(import.checkpoint()->cursor, QStringLiteral("m-2"));
        QCOMPARE(rowsDigest(store.db(), QStringLiteral("SELECT position FROM collection_products "
                                                       "ORDER BY position")),
                 rowsDigest(store.db(), QStringLiteral("SELECT 0 UNION ALL SELECT 1 UNION ALL "
                                                       "SELECT 2")));
    }

    void locationsAndCollectionsAreUpserted()
    {
        Store store;
        CatalogImport import(store.db(), store.connectionId);
        import.begin();
        QCOMPARE(import.applyLocations(sampleLocations()), 3);
        QList<ImportedLocation> locations = sampleLocations();
        locations[0].name = QStringLiteral("Main warehouse");
        locations[2].active = true;
        locations.append({gid(QStringLiteral("Location"), 4), QStringLiteral("Pop-up"), true});
        QCOMPARE(import.applyLocations(locations), 1);
        QCOMPARE(scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM locations")), 4);
        QCOMPARE(scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM locations WHERE "
                                                     "name = 'Main warehouse' AND active = 1")),
                 1);
        QCOMPARE(
            scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM locations WHERE active = 1")),
            4);
        QCOMPARE(import.applyCollections(sampleCollections()), 2);
        QList<ImportedCollection> collections = sampleCollections();
        collections[1].title = QStringLiteral("Winter sale");
        QCOMPARE(import.applyCollections(collections), 0);
        QCOMPARE(scalarOf(store.db(), QStringLiteral("SELECT COUNT(*) FROM collections WHERE "
                                                     "title = 'Winter sale'")),
                 1);
    }

    void writingWithoutBeginIsRefused()
    {
        Store store;
        CatalogImport import(store.db(), store.connectionId);
        QVERIFY(!import.checkpoint());
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, import.applyProductPage({}, kProducts, {}));
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, import.finish());
        CatalogImport unknown(store.db(), store.connectionId + 1);
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, unknown.begin());
    }
};

QTEST_GUILESS_MAIN(TestCatalogImport)
#include "tst_catalogimport.moc"
