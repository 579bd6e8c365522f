// Connecting a WooCommerce store with pasted keys, against the WooCommerce
// sandbox (OAuth 1.0a over local http, WooCommerce's own refusals) and the
// fixture's keychain.
#include "apikeyconnectsession.h"
#include "connectionstore.h"
#include "credentials.h"
#include "keychainwait.h"
#include "peers.h"
#include "secretstore.h"
#include "testworkspace.h"
#include "woocommerce/woocommerceprovider.h"
#include "woocommerce/woorequestsigner.h"
#include "woocommerce/woosandbox.h"

#include <QSignalSpy>
#include <QTest>

using namespace storeloom;

namespace {
const QString kKey = QStringLiteral("ck_") + QString(40, QLatin1Char('a'));
const QString kSecret = QStringLiteral("cs_") + QString(40, QLatin1Char('b'));
} // namespace

class TestWooCommerceConnect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        QVERIFY(m_store.listen());
    }

    void init() { m_workspace = std::make_unique<test::TestWorkspace>(); }

    void rightKeysMakeALiveConnectionWithTheKeysInTheKeychain()
    {
        const auto [connected, failed] = connect(kKey, kSecret);
        QCOMPARE(failed, QString());
        const Connection connection = store().get(connected);
        QCOMPARE(connection.status, Connection::Status::Live);
        QCOMPARE(connection.provider, QStringLiteral("woocommerce"));
        QCOMPARE(connection.name, QStringLiteral("Wool Corner"));
        QCOMPARE(connection.externalShopId, m_store.url().toString());
        const auto stored =
            test::awaitKeychain([&](auto done) { m_secrets.read(connection.secretKey, done); });
        const auto credentials = Credentials::decode(stored.secret);
        QVERIFY(credentials);
        QCOMPARE(credentials->fields.value(QStringLiteral("consumer_secret")), kSecret);
    }

    void refusedKeysSayWhyAndLeaveNothing_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("reason");
        QTest::newRow("wrong secret")
            << kKey << QStringLiteral("cs_") + QString(40, QLatin1Char('c'))
            << QStringLiteral("Invalid signature");
        QTest::newRow("unknown key") << QStringLiteral("ck_") + QString(40, QLatin1Char('d'))
                                     << kSecret << QStringLiteral("Consumer key is invalid.");
    }

    void refusedKeysSayWhyAndLeaveNothing()
    {
        QFETCH(QString, key);
        QFETCH(QString, secret);
        QFETCH(QString, reason);
        const auto [connected, failed] = connect(key, secret);
        QCOMPARE(connected, 0);
        QVERIFY2(failed.contains(reason), qPrintable(failed));
        QVERIFY(failed.contains(QLatin1String("refused these keys")));
        QVERIFY(store().list().isEmpty());
    }

    void newKeysRefusedForAConnectedStoreMarkItFailed()
    {
        const qint64 id = connect(kKey, kSecret).first;
        QVERIFY(id > 0);
        const auto [again, failed] =
            connect(kKey, QStringLiteral("cs_") + QString(40, QLatin1Char('e')));
        QCOMPARE(again, 0);
        const Connection connection = store().get(id);
        QCOMPARE(connection.status, Connection::Status::Failed);
        QCOMPARE(connection.statusReason, failed);
    }

    void nobodyAtTheAddressIsSaidPlainly()
    {
        WooCommerceProvider woo;
        ApiKeyConnectSession session(
            m_workspace->workspace(), m_secrets, woo,
            {{QStringLiteral("store_url"), QStringLiteral("http://127.0.0.1:9")},
             {QStringLiteral("consumer_key"), kKey},
             {QStringLiteral("consumer_secret"), kSecret}});
        QSignalSpy failed(&session, &ConnectSession::failed);
        session.start();
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.first().first().toString().contains(
            QLatin1String("No WooCommerce store answered")));
        QVERIFY(store().list().isEmpty());
    }

    void theSandboxRefusesAReplayedRequest()
    {
        const QUrl signedUrl =
            wooSignedGet(
                m_store.url().resolved(QUrl(QStringLiteral("/wp-json/wc/v3/system_status"))), kKey,
                kSecret)
                .url();
        QCOMPARE(m_store.authenticationError(signedUrl, "GET"), QString());
        QCOMPARE(m_store.authenticationError(signedUrl, "GET"),
                 QStringLiteral("Invalid nonce - nonce has already been used."));
    }

private:
    std::pair<qint64, QString> connect(const QString &key, const QString &secret)
    {
        WooCommerceProvider woo;
        ApiKeyConnectSession session(
            m_workspace->workspace(), m_secrets, woo,
            {{QStringLiteral("store_url"), m_store.url().toString() + QLatin1Char('/')},
             {QStringLiteral("consumer_key"), key},
             {QStringLiteral("consumer_secret"), secret}});
        QSignalSpy connected(&session, &ConnectSession::connected);
        QSignalSpy failed(&session, &ConnectSession::failed);
        session.start();
        if (!QTest::qWaitFor([&] { return !connected.isEmpty() || !failed.isEmpty(); }, 20000))
            return {0, QStringLiteral("timeout")};
        if (!failed.isEmpty())
            return {0, failed.first().first().toString()};
        return {connected.first().first().toLongLong(), QString()};
    }

    ConnectionStore store()
    {
        m_handle = std::make_unique<DbHandle>(m_workspace->workspace().openHandle());
        return ConnectionStore(m_handle->db());
    }

    sandbox::WooSandbox m_store{{QStringLiteral("Wool Corner"), kKey, kSecret}};
    SecretStore m_secrets;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    std::unique_ptr<DbHandle> m_handle;
};

QTEST_GUILESS_MAIN(TestWooCommerceConnect)
#include "tst_woocommerceconnect.moc"
