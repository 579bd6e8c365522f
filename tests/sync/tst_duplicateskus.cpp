// DuplicateSkus: SKUs several variants carry, within one store's catalog or
// across products in the workspace, with the products that share them.
#include "duplicateskus.h"
#include "publishseed.h"
#include "testworkspace.h"

#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

class TestDuplicateSkus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_handle = std::make_unique<DbHandle>(m_workspace->workspace().openHandle());
    }
    void cleanup()
    {
        m_handle.reset();
        m_workspace.reset();
    }

    void sharedSkusNameEveryProductCarryingThem()
    {
        const qint64 shop = test::addTestConnection(db(), u"linen-shop"_s);
        const qint64 towel = test::addProduct(db(), u"Linen towel"_s,
                                              test::eurVariant(u"LIN-01"_s, 1500), shop);
        const qint64 napkin = test::addProduct(db(), u"Linen napkin"_s,
                                               test::eurVariant(u"LIN-01"_s, 900), shop);
        const qint64 madeHere =
            test::addProduct(db(), u"Tea towel"_s, test::eurVariant(u"LIN-01"_s, 700));
        const qint64 unique =
            test::addProduct(db(), u"Apron"_s, test::eurVariant(u"APR-01"_s, 2500));
        const qint64 blank1 = test::addProduct(db(), u"No SKU 1"_s, test::eurVariant({}, 100));
        const qint64 blank2 = test::addProduct(db(), u"No SKU 2"_s, test::eurVariant({}, 100));

        const auto found = DuplicateSkus(db()).of({towel, unique, blank1, blank2});
        QCOMPARE(found.keys(), QList<qint64>{towel}); // only those asked about; blanks link nothing
        const DuplicateSku expected{u"LIN-01"_s,
                                    {{towel, u"Linen towel"_s},
                                     {napkin, u"Linen napkin"_s},
                                     {madeHere, u"Tea towel"_s}}};
        QCOMPARE(found.value(towel), QList<DuplicateSku>{expected});
        QVERIFY(DuplicateSkus(db()).of({}).isEmpty());
    }

    void twoVariantsOfOneProductNameItOnce()
    {
        const qint64 shirt =
            test::addProduct(db(), u"Shirt"_s, test::eurVariant(u"SHIRT"_s, 3000));
        QSqlQuery copy(db());
        QVERIFY(copy.exec(u"INSERT INTO variants (product_id, position, title, sku, price_amount, "
                          "currency) SELECT product_id, 1, 'L', sku, price_amount, currency "
                          "FROM variants WHERE product_id = %1"_s.arg(shirt)));
        const auto found = DuplicateSkus(db()).of({shirt});
        QCOMPARE(found.value(shirt).size(), 1);
        QCOMPARE(found.value(shirt).first().products.size(), 1);
    }

private:
    QSqlDatabase db() const { return m_handle->db(); }

    std::unique_ptr<test::TestWorkspace> m_workspace;
    std::unique_ptr<DbHandle> m_handle;
};

QTEST_GUILESS_MAIN(TestDuplicateSkus)
#include "tst_duplicateskus.moc"
