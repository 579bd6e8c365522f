// The digests an import compares: what a store sent (source) and what a
// merchant can edit here (content), and the snapshot a conflict keeps.
#include "cataloghash.h"
#include "catalogstore.h"
#include "importedcatalogjson.h"
#include "importfixture.h"
#include "testworkspace.h"
#include "workspaceerror.h"

#include <QSqlQuery>
#include <QTest>
#include <functional>

using namespace storeloom;
using namespace storeloom::test;

class TestCatalogHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sourceHashIsStableAndSensitive()
    {
        CatalogHasher hasher;
        const ImportedProduct product = sampleProduct(7);
        const QString digest = hasher.source(product);
        QCOMPARE(digest.size(), 40);
        QCOMPARE(hasher.source(sampleProduct(7)), digest);

        QList<std::function<void(ImportedProduct &)>> changes{
            [](ImportedProduct &p) { p.title += QLatin1Char(' '); },
            [](ImportedProduct &p) { p.description.clear(); },
            [](ImportedProduct &p) { p.status = QStringLiteral("archived"); },
            [](ImportedProduct &p) { p.tags.swapItemsAt(0, 1); },
            [](ImportedProduct &p) { p.variants.swapItemsAt(0, 1); },
            [](ImportedProduct &p) { p.variants[1].compareAtMinorUnits = 0; },
            [](ImportedProduct &p) { p.variants[2].weightGrams = 0; },
            [](ImportedProduct &p) { p.variants[0].price.currency = QStringLiteral("USD"); },
            [](ImportedProduct &p) { p.variants[0].inventoryItemExternalId.clear(); },
            [](ImportedProduct &p) { p.variants[0].stock[2].onHand += 1; },
            [](ImportedProduct &p) { p.media[0].altText = QStringLiteral("Back"); },
            [](ImportedProduct &p) { p.media.swapItemsAt(0, 1); },
            [](ImportedProduct &p) { p.collectionExternalIds.removeLast(); },
            // Moving text between fields must not collide.
            [](ImportedProduct &p) {
                p.vendor += p.productType;
                p.productType.clear();
            },
        };
        for (qsizetype i = 0; i < changes.size(); ++i) {
            ImportedProduct changed = product;
            changes[i](changed);
            QVERIFY2(hasher.source(changed) != digest, qPrintable(QString::number(i)));
        }
        // Stock levels and collections are sets: their order carries nothing.
        ImportedProduct reordered = product;
        std::reverse(reordered.variants[0].stock.begin(), reordered.variants[0].stock.end());
        std::reverse(reordered.collectionExternalIds.begin(),
                     reordered.collectionExternalIds.end());
        QCOMPARE(hasher.source(reordered), digest);
    }

    void conflictSnapshotRoundTrips()
    {
        ImportedProduct product = sampleProduct(3);
        product.variants[1].compareAtMinorUnits = std::nullopt;
        QCOMPARE(importedProductFromJson(toJson(product)), product);
    }

    void contentHashFollowsLocalEdits()
    {
        TestWorkspace workspace;
        const DbHandle handle = workspace.workspace().openHandle();
        CatalogStore catalog(handle.db());
        Product product;
        product.title = QStringLiteral("Mug");
        product.tags = {QStringLiteral("a"), QString(), QStringLiteral("b")};
        product.optionNames = {QStringLiteral("Colour")};
        product.variants = {Variant{0,
                                    QStringLiteral("Blue"),
                                    QStringLiteral("MUG-B"),
                                    {},
                                    {900, QStringLiteral("EUR")},
                                    {},
                                    {},
                                    {QStringLiteral("Blue")}}};
        const qint64 id = catalog.addProduct(product);
        const auto stored = [&] {
            return scalarOf(handle.db(),
                            QStringLiteral("SELECT COUNT(*) FROM products WHERE id = %1 "
                                           "AND content_hash = '%2'")
                                .arg(id)
                                .arg(CatalogHasher().content(*catalog.product(id))));
        };
        const QString original = CatalogHasher().content(*catalog.product(id));
        QCOMPARE(CatalogHasher().content(product), original); // as stored, as given
        QCOMPARE(stored(), 1);

        const qint64 variantId = catalog.product(id)->variants.first().id;
        catalog.editProduct(
            id, {QStringLiteral("Big mug"), {}, {{variantId, {1100, QStringLiteral("EUR")}}}});
        QCOMPARE(catalog.product(id)->title, QStringLiteral("Big mug"));
        QCOMPARE(catalog.product(id)->variants.first().price.minorUnits, 1100);
        QVERIFY(CatalogHasher().content(*catalog.product(id)) != original);
        QCOMPARE(stored(), 1);

        catalog.editProduct(
            id, {QStringLiteral("Mug"), {}, {{variantId, {900, QStringLiteral("EUR")}}}});
        QCOMPARE(CatalogHasher().content(*catalog.product(id)), original); // edited back
        QCOMPARE(stored(), 1);

        QVERIFY_THROWS_EXCEPTION(WorkspaceError, catalog.editProduct(id + 1000, {}));
        QVERIFY_THROWS_EXCEPTION(WorkspaceError,
                                 catalog.editProduct(id, {{}, {}, {{variantId + 1000, {}}}}));
    }
};

QTEST_GUILESS_MAIN(TestCatalogHash)
#include "tst_cataloghash.moc"
