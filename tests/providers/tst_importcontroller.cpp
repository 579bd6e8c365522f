// Importing from the GUI as a merchant would: Import now on a connected
// Shopify store opens the import dialog, which fills its progress bar and
// counts while the catalog arrives from the Shopify sandbox (the sign-in
// read from the fixture's keychain); Cancel stops after the page being
// written, and the run is recorded either way.
#include "connectionaccess.h"
#include "importcontroller.h"
#include "importdialog.h"
#include "importservice.h"
#include "peers.h"
#include "providerregistry.h"
#include "runstore.h"
#include "secretstore.h"
#include "shopify/shopifyprovider.h"
#include "shopifyimportfixture.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Sandbox = sandbox::shopify::ShopifySandbox;

class TestImportController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        m_providers.add(std::make_unique<ShopifyProvider>());
    }

    void init()
    {
        sandbox::shopify::ShopifySandboxSettings settings;
        settings.catalog.products = 80;
        settings.plan = sandbox::shopify::ShopifyPlan::Plus;
        m_sandbox = std::make_unique<Sandbox>(settings);
        QVERIFY(m_sandbox->listen());
        qputenv("STORELOOM_SHOPIFY_ADMIN_URL", m_sandbox->url().toString().toUtf8());
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_connection = test::addShopifyConnectionWithSignIn(m_workspace->workspace(), m_secrets,
                                                            *m_sandbox);
        QVERIFY(m_connection > 0);
    }

    void cleanup()
    {
        m_sandbox.reset();
        qunsetenv("STORELOOM_SHOPIFY_ADMIN_URL");
    }

    void theDialogShowsTheImportToItsEnd()
    {
        ConnectionAccess access(m_workspace->workspace(), m_secrets, m_providers);
        ImportService imports(m_workspace->workspace(), access, m_providers);
        ImportController controller(m_workspace->workspace(), m_providers, imports);
        QVERIFY(controller.canImport(u"shopify"_s));
        QVERIFY(!controller.canImport(u"etsy"_s));
        QSignalSpy finished(&controller, &ImportController::importFinished);
        QPointer<ImportDialog> dialog = controller.start(m_connection, nullptr);
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(finished.wait(60000));

        QCOMPARE(label(dialog, "importTitle"), u"Import finished"_s);
        QVERIFY2(label(dialog, "importResult").contains("Imported 80 products: 80 new"_L1),
                 qPrintable(label(dialog, "importResult")));
        QVERIFY(label(dialog, "importCounts").contains("80 new"_L1));
        auto *bar = dialog->findChild<QProgressBar *>(u"importProgress"_s);
        QCOMPARE(bar->value(), bar->maximum());
        auto *button = dialog->findChild<QPushButton *>(u"importCancel"_s);
        QCOMPARE(button->text(), u"Close"_s);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM products"_s), 80);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs WHERE kind = 'import' "
                        "AND status = 'succeeded' AND succeeded = 80"_s), 1);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(!dialog); // closed and gone
    }

    void cancelStopsAfterThePageAndKeepsWhatWasWritten()
    {
        m_sandbox->slowNext(1000, 200);
        ConnectionAccess access(m_workspace->workspace(), m_secrets, m_providers);
        ImportService imports(m_workspace->workspace(), access, m_providers);
        ImportController controller(m_workspace->workspace(), m_providers, imports);
        QSignalSpy finished(&controller, &ImportController::importFinished);
        QPointer<ImportDialog> dialog = controller.start(m_connection, nullptr);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QTRY_VERIFY_WITH_TIMEOUT(scalar(u"SELECT COUNT(*) FROM products"_s) > 0, 60000);
        QTRY_VERIFY(!label(dialog, "importCounts").startsWith("0 new"_L1));
        auto *button = dialog->findChild<QPushButton *>(u"importCancel"_s);
        QCOMPARE(button->text(), u"Cancel"_s);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!button->isEnabled()); // stopping; nothing more to ask
        QVERIFY(finished.wait(30000));
        QCOMPARE(label(dialog, "importTitle"), u"Import stopped"_s);
        QVERIFY(label(dialog, "importResult").contains("continues where it stopped"_L1));
        const qint64 written = scalar(u"SELECT COUNT(*) FROM products"_s);
        QVERIFY(written > 0 && written < 80);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs WHERE status = 'cancelled'"_s), 1);
        dialog->close();
    }

private:
    static QString label(ImportDialog *dialog, const char *name)
    {
        return dialog->findChild<QLabel *>(QLatin1String(name))->text();
    }

    qint64 scalar(const QString &sql)
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        QSqlQuery query(handle.db());
        query.exec(sql);
        const qint64 value = query.next() ? query.value(0).toLongLong() : -1;
        query.finish();
        return value;
    }

    ProviderRegistry m_providers;
    SecretStore m_secrets;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    qint64 m_connection = 0;
};

QTEST_MAIN(TestImportController)
#include "tst_importcontroller.moc"
