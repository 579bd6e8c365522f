// storeloom-cli's view of the connected stores: what it shows of each
// connection, and what it never shows.

#include "clirunner.h"
#include "connectionstore.h"
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

private:
    test::CliResult cli(const QStringList &arguments) const
    {
        return test::runCli(QStringList{QStringLiteral("--workspace"), m_workspace->path()} +
                                arguments,
                            m_home->path());
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

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<test::TestWorkspace> m_workspace;
};

QTEST_GUILESS_MAIN(TestCliConnections)
#include "tst_cli_connections.moc"
