// Disconnecting or deleting a connection removes its secret from the real
// keychain (the fixture's gnome-keyring) before the workspace lets go of it.
#include "auditlog.h"
#include "connectionretirement.h"
#include "connectionstore.h"
#include "keychainwait.h"
#include "peers.h"
#include "secretstore.h"
#include "testworkspace.h"
#include "workspaceerror.h"

#include <QSignalSpy>
#include <QTest>

using namespace storeloom;

class TestConnectionRetirement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer()); }

    void init()
    {
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_handle = std::make_unique<DbHandle>(m_workspace->workspace().openHandle());
        Connection connection;
        connection.provider = QStringLiteral("woocommerce");
        connection.externalShopId = QStringLiteral("https://wool.example");
        connection.name = QStringLiteral("Wool Corner");
        ConnectionStore store(m_handle->db());
        m_id = store.beginAuthorization(connection);
        store.completeAuthorization(m_id, connection.externalShopId, connection.name,
                                    QStringLiteral("wool.example"), {});
        m_key = store.get(m_id).secretKey;
        QVERIFY(test::awaitKeychain([&](auto done) {
                    m_secrets.write(m_key, "ck_1234567890:cs_abcdefghij", done);
                }).ok());
    }

    void cleanup()
    {
        m_handle.reset();
        m_workspace.reset();
    }

    void disconnectRemovesTheSecretThenMarksTheConnection()
    {
        ConnectionRetirement retirement(m_workspace->workspace(), m_secrets);
        std::optional<QString> error;
        retirement.retire(m_id, ConnectionRetirement::Mode::Disconnect,
                          [&](const QString &e) { error = e; });
        QTRY_VERIFY(error.has_value());
        QCOMPARE(*error, QString());
        QCOMPARE(ConnectionStore(m_handle->db()).get(m_id).status,
                 Connection::Status::Disconnected);
        QCOMPARE(test::awaitKeychain([&](auto done) { m_secrets.read(m_key, done); }).error,
                 SecretStore::Error::NotFound);

        try {
            retirement.retire(m_id, ConnectionRetirement::Mode::Disconnect, [](const QString &) {});
            QFAIL("disconnected a connection twice");
        } catch (const WorkspaceError &e) {
            QCOMPARE(e.kind(), WorkspaceError::Kind::InvalidState);
        }
    }

    void deleteRemovesTheSecretAndTheConnection()
    {
        ConnectionRetirement retirement(m_workspace->workspace(), m_secrets);
        std::optional<QString> error;
        retirement.retire(m_id, ConnectionRetirement::Mode::Delete,
                          [&](const QString &e) { error = e; });
        QTRY_VERIFY(error.has_value());
        QCOMPARE(*error, QString());
        QVERIFY(!ConnectionStore(m_handle->db()).find(m_id));
        QCOMPARE(test::awaitKeychain([&](auto done) { m_secrets.read(m_key, done); }).error,
                 SecretStore::Error::NotFound);
        QCOMPARE(AuditLog(m_handle->db()).recent(1).value(0).kind,
                 QStringLiteral("connection.deleted"));
    }

    void unknownConnectionIsRefusedAtOnce()
    {
        ConnectionRetirement retirement(m_workspace->workspace(), m_secrets);
        try {
            retirement.retire(9999, ConnectionRetirement::Mode::Delete, [](const QString &) {});
            QFAIL("retired an unknown connection");
        } catch (const WorkspaceError &e) {
            QCOMPARE(e.kind(), WorkspaceError::Kind::NotFound);
        }
        QVERIFY(
            test::awaitKeychain([&](auto done) { m_secrets.read(m_key, done); }).ok()); // untouched
    }

private:
    SecretStore m_secrets;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    std::unique_ptr<DbHandle> m_handle;
    qint64 m_id = 0;
    QString m_key;
};

QTEST_GUILESS_MAIN(TestConnectionRetirement)
#include "tst_connectionretirement.moc"
