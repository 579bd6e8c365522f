// The running app keeps live connections signed in: ConnectionAccess loads
// each OAuth connection's tokens from the real keychain, knows when they
// expire and whether they renew by themselves, lets go of connections that
// stop being live — and the Inspect panel shows those facts, never a token.
#include "connectionaccess.h"
#include "connectionstore.h"
#include "connectiontokens.h"
#include "connectorinspector.h"
#include "connectorlistmodel.h"
#include "etsy/etsyprovider.h"
#include "oauthconnectsession.h"
#include "oidcpeer.h"
#include "peers.h"
#include "providerregistry.h"
#include "secretstore.h"
#include "testbrowser.h"
#include "testworkspace.h"
#include "woocommerce/woocommerceprovider.h"

#include <QDesktopServices>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

class TestConnectionAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        STORELOOM_REQUIRE_PEER(m_peer.startPeer());
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "openUrl");
        m_providers.add(std::make_unique<EtsyProvider>(m_peer.etsyEndpoints()));
        m_providers.add(std::make_unique<WooCommerceProvider>());
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("http")); }

    void liveConnectionsAreKeptAndShownWithoutTokens()
    {
        test::TestWorkspace workspace;
        const auto *etsy = static_cast<const OAuthProvider *>(m_providers.find("etsy"_L1));
        OAuthConnectSession session(workspace.workspace(), m_secrets, *etsy,
                                    {{QStringLiteral("keystring"), m_peer.clientId()},
                                     {QStringLiteral("shared_secret"), QStringLiteral("s3cret")}});
        QSignalSpy connected(&session, &OAuthConnectSession::connected);
        session.start();
        QVERIFY(connected.wait(20000));
        const qint64 id = connected.first().first().toLongLong();

        ConnectionAccess access(workspace.workspace(), m_secrets, m_providers);
        QSignalSpy changed(&access, &ConnectionAccess::changed);
        QCOMPARE(access.details(id).signInLoaded, false);
        access.sync();
        QVERIFY(changed.wait(10000));
        const ConnectionAccess::Details details = access.details(id);
        QVERIFY(details.oauth);
        QVERIFY(details.signInLoaded);
        QVERIFY(details.renewsItself); // the peer grants a refresh token
        QVERIFY(details.expiresAt.isValid());
        QVERIFY(details.expiresAt > QDateTime::currentDateTimeUtc().addSecs(-1));
        QCOMPARE(details.apiVersion, QStringLiteral("v3"));
        QVERIFY(!details.budget);
        const QString accessToken = access.tokens(id)->accessToken();
        QVERIFY(!accessToken.isEmpty());

        // The Inspect panel: expiry, version and budget as words and numbers.
        ConnectorListModel model(workspace.workspace());
        model.setProviderRegistry(&m_providers);
        QSignalSpy loaded(&model, &WorkspaceModel::loaded);
        model.refresh();
        QVERIFY(loaded.wait(5000));
        QTableView view;
        view.setModel(&model);
        QWidget holder;
        ConnectorInspector inspector(&model, &m_secrets, &holder);
        inspector.setAccess(&access);
        inspector.showConnection(id);
        const auto text = [&](const char *name) {
            return inspector.findChild<QLabel *>(QLatin1String(name))->text();
        };
        QVERIFY2(text("inspectorSignIn").contains("renewed automatically"_L1),
                 qPrintable(text("inspectorSignIn")));
        QCOMPARE(text("inspectorApiVersion"), QStringLiteral("v3"));
        QVERIFY(text("inspectorRateBudget").contains("not measured yet"_L1));
        access.budgets().set(id, std::make_shared<RateBudget>(10000, 10));
        inspector.showConnection(id);
        QVERIFY2(text("inspectorRateBudget").contains("refilling 10 per second"_L1),
                 qPrintable(text("inspectorRateBudget")));
        for (const QLabel *label : inspector.findChildren<QLabel *>())
            QVERIFY(!label->text().contains(accessToken));

        // A connection that is no longer live is let go: no tokens held for it.
        {
            const DbHandle handle = workspace.workspace().openHandle();
            ConnectionStore(handle.db()).setStatus(id, Connection::Status::Disconnected, {});
        }
        access.sync();
        QVERIFY(!access.tokens(id));
        QVERIFY(!access.details(id).signInLoaded);
    }

private:
    OidcPeer m_peer;
    TestBrowser m_browser;
    ProviderRegistry m_providers;
    SecretStore m_secrets;
};

QTEST_MAIN(TestConnectionAccess)
#include "tst_connectionaccess.moc"
