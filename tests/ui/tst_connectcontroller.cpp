// The Add connector dialog driven like a merchant would, connecting an
// Etsy-style store for real: oidc-provider as the platform, a scripted
// browser, the fixture's gnome-keyring.
#include "addconnectordialog.h"
#include "connectcontroller.h"
#include "connectionstore.h"
#include "etsy/etsyprovider.h"
#include "oidcpeer.h"
#include "peers.h"
#include "providerregistry.h"
#include "secretstore.h"
#include "testbrowser.h"
#include "testworkspace.h"
#include "woocommerce/woocommerceprovider.h"
#include "woocommerce/woosandbox.h"

#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace storeloom;

namespace {
// A platform this build lists but cannot connect yet (as eBay will be).
class ComingSoonProvider : public Provider
{
public:
    QString id() const override { return QStringLiteral("coming-soon"); }
    QString displayName() const override { return QStringLiteral("Coming Soon"); }
    AuthKind authKind() const override { return AuthKind::ApiKeys; }
    QString apiVersion() const override { return QStringLiteral("1"); }
    RatePolicy ratePolicy() const override { return {}; } // no limit declared
    QList<ConnectField> connectFields() const override
    {
        return {{QStringLiteral("store_name"), QStringLiteral("Store name"), QString(), false, {},
                 {}}};
    }
};
} // namespace

class TestConnectController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        STORELOOM_REQUIRE_PEER(m_peer.startPeer());
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "openUrl");
        m_providers.add(std::make_unique<EtsyProvider>(m_peer.etsyEndpoints()));
        m_providers.add(std::make_unique<ComingSoonProvider>());
        m_providers.add(std::make_unique<WooCommerceProvider>());
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("http")); }

    void merchantConnectsAnEtsyShopFromTheDialog()
    {
        test::TestWorkspace workspace;
        ConnectController controller(workspace.workspace(), m_providers, m_secrets);
        QSignalSpy changed(&controller, &ConnectController::connectionsChanged);
        QPointer<AddConnectorDialog> dialog = controller.open(nullptr);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        choose(dialog, QStringLiteral("Etsy"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("keystringEdit")),
                         m_peer.clientId());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("shared_secretEdit")),
                         QStringLiteral("s3cret"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("connectButton")),
                          Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(dialog->page(), AddConnectorDialog::Page::Connected, 20000);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("connectedText"))
                    ->text()
                    .contains(QLatin1String("WoolCorner")));
        QVERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("authorizationUrl"))
                    ->text()
                    .startsWith(m_peer.baseUrl().toString()));
        QVERIFY(changed.size() >= 2);
        const DbHandle handle = workspace.workspace().openHandle();
        const auto connections = ConnectionStore(handle.db()).list();
        QCOMPARE(connections.size(), 1);
        QCOMPARE(connections.first().status, Connection::Status::Live);
        dialog->close();

        // Reconnecting opens the same platform's form with what the keychain
        // kept filled in — except the secret, which the merchant types again.
        QTRY_VERIFY(!dialog); // closed dialogs delete themselves
        AddConnectorDialog *again = controller.reconnect(connections.first().id, nullptr);
        QCOMPARE(again->page(), AddConnectorDialog::Page::Details);
        QCOMPARE(again->provider()->id(), QStringLiteral("etsy"));
        auto *keystring = again->findChild<QLineEdit *>(QStringLiteral("keystringEdit"));
        QTRY_COMPARE(keystring->text(), m_peer.clientId());
        QVERIFY(again->findChild<QLineEdit *>(QStringLiteral("shared_secretEdit"))->text().isEmpty());
        QVERIFY(!again->findChild<QPushButton *>(QStringLiteral("connectButton"))->isEnabled());
        again->close();
    }

    void merchantConnectsAWooCommerceStoreWithKeys()
    {
        const QString key = QStringLiteral("ck_") + QString(40, QLatin1Char('7'));
        const QString secret = QStringLiteral("cs_") + QString(40, QLatin1Char('8'));
        sandbox::WooSandbox woo({QStringLiteral("Wool Corner"), key, secret});
        QVERIFY(woo.listen());
        test::TestWorkspace workspace;
        ConnectController controller(workspace.workspace(), m_providers, m_secrets);
        AddConnectorDialog *dialog = controller.open(nullptr);
        choose(dialog, QStringLiteral("WooCommerce"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("store_urlEdit")),
                         woo.url().toString());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("consumer_keyEdit")), key);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("consumer_secretEdit")),
                         secret);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("connectButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->page(), AddConnectorDialog::Page::Connected, 20000);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("connectedText"))
                    ->text()
                    .contains(QLatin1String("Wool Corner")));
        dialog->close();
    }

    void aPlatformThatCannotConnectYetSaysSoInline()
    {
        test::TestWorkspace workspace;
        ConnectController controller(workspace.workspace(), m_providers, m_secrets);
        AddConnectorDialog *dialog = controller.open(nullptr);
        choose(dialog, QStringLiteral("Coming Soon"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("store_nameEdit")),
                         QStringLiteral("Wool"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("connectButton")),
                          Qt::LeftButton);
        QCOMPARE(dialog->page(), AddConnectorDialog::Page::Details);
        auto *failure = dialog->findChild<QLabel *>(QStringLiteral("connectFailure"));
        QVERIFY(failure->isVisible());
        QVERIFY(failure->text().contains(QLatin1String("cannot connect Coming Soon")));
        dialog->close();
    }

private:
    static void choose(AddConnectorDialog *dialog, const QString &platform)
    {
        auto *list = dialog->findChild<QListWidget *>(QStringLiteral("platformList"));
        list->setCurrentItem(list->findItems(platform, Qt::MatchExactly).value(0));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("nextButton")),
                          Qt::LeftButton);
    }

    OidcPeer m_peer;
    TestBrowser m_browser;
    ProviderRegistry m_providers;
    SecretStore m_secrets;
};

QTEST_MAIN(TestConnectController)
#include "tst_connectcontroller.moc"
