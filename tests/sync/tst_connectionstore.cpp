#include "auditlog.h"
#include "connectionstore.h"
#include "runstore.h"
#include "testworkspace.h"
#include "workspaceerror.h"

#include <QTest>

using namespace storeloom;
using Status = Connection::Status;

namespace QTest {
template<> inline char *toString(const Connection::Status &status)
{
    return qstrdup(qPrintable(nameOf(status)));
}
} // namespace QTest

namespace {
Connection shop(const QString &provider, const QString &shopId, const QString &name = {})
{
    Connection connection;
    connection.provider = provider;
    connection.externalShopId = shopId;
    connection.name = name.isEmpty() ? shopId : name;
    connection.domain = shopId;
    return connection;
}
} // namespace

class TestConnectionStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_handle = std::make_unique<DbHandle>(m_workspace->workspace().openHandle());
        m_store = std::make_unique<ConnectionStore>(m_handle->db());
    }
    void cleanup()
    {
        m_store.reset();
        m_handle.reset();
        m_workspace.reset();
    }

    void eachConnectionNamesItsOwnSecretKey()
    {
        const qint64 a = m_store->add(shop(QStringLiteral("woo"), QStringLiteral("a.example")));
        const qint64 b = m_store->add(shop(QStringLiteral("woo"), QStringLiteral("b.example")));
        const QString keyA = m_store->get(a).secretKey;
        QVERIFY(keyA.startsWith(QLatin1String("connection/")));
        QVERIFY(keyA != m_store->get(b).secretKey);
        QVERIFY(!keyA.contains(QLatin1String("a.example"))); // the key says nothing about the shop
    }

    void connectingAKnownShopAgainReauthorizesIt()
    {
        const qint64 first = m_store->beginAuthorization(
            shop(QStringLiteral("shopify"), QStringLiteral("linen.myshopify.com")));
        QCOMPARE(m_store->get(first).status, Status::Authorizing);
        m_store->completeAuthorization(
            first, QStringLiteral("linen.myshopify.com"), QStringLiteral("Linen"),
            QStringLiteral("linen.myshopify.com"), {QStringLiteral("read_products")});
        const QString key = m_store->get(first).secretKey;

        const qint64 again = m_store->beginAuthorization(
            shop(QStringLiteral("shopify"), QStringLiteral("linen.myshopify.com")));
        QCOMPARE(again, first);
        QCOMPARE(m_store->list().size(), 1);
        QCOMPARE(m_store->get(first).status, Status::Authorizing);
        QCOMPARE(m_store->get(first).secretKey,
                 key); // same keychain entry, overwritten by the new grant
    }

    void shopLearntFromTheGrantMergesIntoTheExistingConnection()
    {
        const qint64 existing =
            m_store->beginAuthorization(shop(QStringLiteral("etsy"), QString()));
        QCOMPARE(m_store->completeAuthorization(
                     existing, QStringLiteral("shop-77"), QStringLiteral("Wool Shop"),
                     QStringLiteral("etsy.com/shop/wool"), {QStringLiteral("listings_r")}),
                 existing);
        const qint64 placeholder =
            m_store->beginAuthorization(shop(QStringLiteral("etsy"), QString()));
        QVERIFY(placeholder != existing);
        QCOMPARE(m_store->list().size(), 2); // the placeholder while the merchant is in the browser

        const qint64 survivor = m_store->completeAuthorization(
            placeholder, QStringLiteral("shop-77"), QStringLiteral("Wool Shop"),
            QStringLiteral("etsy.com/shop/wool"),
            {QStringLiteral("listings_r"), QStringLiteral("listings_w")});
        QCOMPARE(survivor, existing);
        QCOMPARE(m_store->list().size(), 1);
        const Connection connection = m_store->get(existing);
        QCOMPARE(connection.status, Status::Live);
        QCOMPARE(connection.scopes,
                 (QStringList{QStringLiteral("listings_r"), QStringLiteral("listings_w")}));
        QVERIFY(connection.lastActiveAt.has_value());
    }

    void lifecycleRefusesMovesItDoesNotAllow()
    {
        const qint64 id =
            m_store->beginAuthorization(shop(QStringLiteral("woo"), QStringLiteral("c.example")));
        try {
            m_store->setStatus(id, Status::Expiring);
            QFAIL("an authorizing connection became Expiring");
        } catch (const WorkspaceError &error) {
            QCOMPARE(error.kind(), WorkspaceError::Kind::InvalidState);
        }
        m_store->completeAuthorization(id, QStringLiteral("c.example"), QStringLiteral("C"),
                                       QStringLiteral("c.example"), {});
        m_store->setStatus(id, Status::Expiring, QStringLiteral("refresh failing"));
        m_store->setStatus(id, Status::Failed,
                           QStringLiteral("The store revoked access (invalid_grant)."));
        const Connection failed = m_store->get(id);
        QCOMPARE(failed.status, Status::Failed);
        QCOMPARE(failed.statusReason, QStringLiteral("The store revoked access (invalid_grant)."));
        m_store->setStatus(id, Status::Disconnected);
        try {
            m_store->setStatus(id, Status::Live);
            QFAIL("a disconnected connection went Live without a grant");
        } catch (const WorkspaceError &error) {
            QCOMPARE(error.kind(), WorkspaceError::Kind::InvalidState);
        }
        m_store->setStatus(id, Status::Authorizing); // Reconnect
    }

    void transitionsAreAudited()
    {
        const qint64 id = m_store->beginAuthorization(
            shop(QStringLiteral("woo"), QStringLiteral("d.example"), QStringLiteral("Dee")));
        m_store->completeAuthorization(id, QStringLiteral("d.example"), QStringLiteral("Dee"),
                                       QStringLiteral("d.example"), {});
        m_store->setStatus(id, Status::Failed, QStringLiteral("keys revoked"));
        QStringList kinds;
        for (const AuditEvent &event : AuditLog(m_handle->db()).recent())
            kinds.prepend(event.kind);
        QCOMPARE(kinds,
                 (QStringList{QStringLiteral("connection.added"), QStringLiteral("connection.live"),
                              QStringLiteral("connection.failed")}));
    }

    void removingAConnectionKeepsItsRunsHistory()
    {
        const qint64 id = m_store->add(shop(QStringLiteral("woo"), QStringLiteral("e.example")));
        RunStore runs(m_handle->db());
        const qint64 runId = runs.create(QStringLiteral("import"), id, QStringLiteral("test"));
        m_store->remove(id);
        QVERIFY(!m_store->find(id));
        QVERIFY(m_store->list().isEmpty());
        const SyncRun run = runs.get(runId);
        QCOMPARE(run.kind, QStringLiteral("import"));
        QCOMPARE(run.connectionId, 0);
    }

private:
    std::unique_ptr<test::TestWorkspace> m_workspace;
    std::unique_ptr<DbHandle> m_handle;
    std::unique_ptr<ConnectionStore> m_store;
};

QTEST_GUILESS_MAIN(TestConnectionStore)
#include "tst_connectionstore.moc"
