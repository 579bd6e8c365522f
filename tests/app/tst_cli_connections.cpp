// storeloom-cli's view of the connected stores: what it shows of each
// connection, and what it never shows.

#include "clirunner.h"
#include "connectionstore.h"
#include "keychainwait.h"
#include "peers.h"
#include "secretstore.h"
#include "testworkspace.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom;

class TestCliConnections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        m_workspace = std::make_unique<test::TestWorkspace>();
    }
    void cleanup()
    {
        m_workspace.reset();
        m_home.reset();
    }

    void noConnectionsSaysSo()
    {
        const auto result = cli({QStringLiteral("connections")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QStringLiteral("No stores connected yet.\n"));
        QCOMPARE(cli({QStringLiteral("--json"), QStringLiteral("connections")})
                     .json()
                     .value(QStringLiteral("connections"))
                     .toArray()
                     .size(),
                 0);
    }

    void connectionsShowStatusReasonAndScopesButNoSecretKey()
    {
        const auto [live, failed] = populate();
        const QString liveKey = connection(live).secretKey;
        const QString failedKey = connection(failed).secretKey;

        const auto text = cli({QStringLiteral("connections")});
        QCOMPARE(text.exitCode, 0);
        QCOMPARE(text.outLines().size(), 3); // header and two connections
        const QString liveLine = text.outLines().at(1);
        QVERIFY2(liveLine.contains(QLatin1String("Linen & Loom")), qPrintable(liveLine));
        QVERIFY(liveLine.contains(QLatin1String("linen.myshopify.com")));
        QVERIFY(liveLine.contains(QLatin1String("live")));
        QVERIFY(liveLine.contains(QLatin1String("read_products write_products")));
        QVERIFY(text.outLines().at(2).contains(QLatin1String("failed: The shop revoked access.")));

        const auto json = cli({QStringLiteral("connections"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray rows = json.json().value(QStringLiteral("connections")).toArray();
        QCOMPARE(rows.size(), 2);
        const QJsonObject first = rows.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("id")).toInteger(), live);
        QCOMPARE(first.value(QStringLiteral("provider")).toString(), QStringLiteral("shopify"));
        QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("live"));
        QCOMPARE(first.value(QStringLiteral("scopes")).toArray().size(), 2);
        QVERIFY(first.value(QStringLiteral("status_reason")).isNull());
        QCOMPARE(rows.at(1).toObject().value(QStringLiteral("status_reason")).toString(),
                 QStringLiteral("The shop revoked access."));

        for (const QString &output : {text.out, json.out}) {
            QVERIFY(!output.contains(liveKey));
            QVERIFY(!output.contains(failedKey));
            QVERIFY(!output.contains(QLatin1String("connection/")));
        }
    }

    void disconnectRemovesTheKeysThenTheConnection()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        const auto [live, failed] = populate();
        const QString key = connection(live).secretKey;
        QVERIFY(test::awaitKeychain([&](auto done) {
                    m_secrets.write(key, "shpat_0123456789abcdef", done);
                }).ok());

        // A keychain that cannot be reached changes nothing.
        const auto noKeychain = cli({QStringLiteral("disconnect"), QString::number(live)},
                                    {{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                                      QStringLiteral("unix:path=/nonexistent")}});
        QCOMPARE(noKeychain.exitCode, 6);
        QCOMPARE(noKeychain.errLines().size(), 1);
        QVERIFY2(noKeychain.err.contains(QLatin1String("keyring")), qPrintable(noKeychain.err));
        QCOMPARE(connection(live).status, Connection::Status::Live);
        QVERIFY(test::awaitKeychain([&](auto done) { m_secrets.read(key, done); }).ok());

        const auto done = cli({QStringLiteral("disconnect"), QString::number(live)});
        QCOMPARE(done.exitCode, 0);
        QCOMPARE(done.out,
                 QStringLiteral(
                     "Disconnected Linen & Loom; its keys were removed from the keychain.\n"));
        QCOMPARE(connection(live).status, Connection::Status::Disconnected);
        QCOMPARE(test::awaitKeychain([&](auto d) { m_secrets.read(key, d); }).error,
                 SecretStore::Error::NotFound);

        QCOMPARE(cli({QStringLiteral("disconnect"), QString::number(live)}).exitCode, 5);
        QCOMPARE(cli({QStringLiteral("disconnect"), QStringLiteral("4242")}).exitCode, 3);

        const auto deleted = cli({QStringLiteral("disconnect"), QString::number(failed),
                                  QStringLiteral("--delete"), QStringLiteral("--json")});
        QCOMPARE(deleted.exitCode, 0);
        QCOMPARE(deleted.json().value(QStringLiteral("status")).toString(),
                 QStringLiteral("deleted"));
        const DbHandle handle = m_workspace->workspace().openHandle();
        QVERIFY(!ConnectionStore(handle.db()).find(failed));
    }

private:
    test::CliResult cli(const QStringList &arguments,
                        const QHash<QString, QString> &environment = {}) const
    {
        return test::runCli(QStringList{QStringLiteral("--workspace"), m_workspace->path()} +
                                arguments,
                            m_home->path(), environment);
    }

    Connection connection(qint64 id) const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        return ConnectionStore(handle.db()).get(id);
    }

    std::pair<qint64, qint64> populate() const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        ConnectionStore store(handle.db());
        Connection shopify;
        shopify.provider = QStringLiteral("shopify");
        shopify.externalShopId = QStringLiteral("linen.myshopify.com");
        const qint64 live = store.beginAuthorization(shopify);
        store.completeAuthorization(
            live, shopify.externalShopId, QStringLiteral("Linen & Loom"),
            QStringLiteral("linen.myshopify.com"),
            {QStringLiteral("read_products"), QStringLiteral("write_products")});
        Connection woo;
        woo.provider = QStringLiteral("woocommerce");
        woo.externalShopId = QStringLiteral("https://wool.example");
        woo.name = QStringLiteral("Wool Corner");
        const qint64 failed = store.beginAuthorization(woo);
        store.setStatus(failed, Connection::Status::Failed,
                        QStringLiteral("The shop revoked access."));
        return {live, failed};
    }

    SecretStore m_secrets;
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<test::TestWorkspace> m_workspace;
};

QTEST_GUILESS_MAIN(TestCliConnections)
#include "tst_cli_connections.moc"
