// storeloom-cli publish and what it offers, for real against the Etsy
// sandbox: only active products by default — drafts, archived products and
// products gone from their store are counted as not offered (each one named
// when given by id) and never sent, unless --include names them — and a SKU
// other products share is a plan warning naming them.
#include "channelmappings.h"
#include "clirunner.h"
#include "etsypublishfixture.h"
#include "peers.h"
#include "secretstore.h"
#include "testworkspace.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;
using sandbox::etsy::EtsySandbox;

class TestCliPublishOffer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STORELOOM_REQUIRE_PEER(storeloom::test::keyringPeer());
        m_sandbox = std::make_unique<EtsySandbox>();
        QVERIFY(m_sandbox->listen());
    }

    void init()
    {
        m_workspace = std::make_unique<test::TestWorkspace>();
        m_connection = test::addEtsyChannel(m_workspace->workspace(), m_secrets, *m_sandbox);
        QVERIFY(m_connection > 0);
    }

    void cleanup() { m_workspace.reset(); }

    void allOffersActiveProductsAndCountsTheOthers()
    {
        const qint64 active = addProduct(u"Oak board"_s);
        const qint64 draft = addProduct(u"Draft board"_s);
        const qint64 archived = addProduct(u"Archived board"_s);
        const qint64 gone = addProduct(u"Gone board"_s);
        setStatus(draft, u"draft"_s);
        setStatus(archived, u"archived"_s);
        markGone(gone);

        const auto plan = publishCli({u"--all"_s});
        QVERIFY2(plan.exitCode == 0, qPrintable(plan.err));
        QVERIFY2(plan.out.contains(u"Create 1 · Update 0 · Unchanged 0 (skipped) · Cannot publish "
                                   "0 · Not offered 3\n"_s),
                 qPrintable(plan.out));
        QVERIFY2(plan.out.contains(u"Not offered 3: 1 draft · 1 archived · 1 gone from the store "
                                   "(not sent; --include draft,archived,gone offers them)."_s),
                 qPrintable(plan.out));
        QVERIFY(!plan.out.contains(u"Draft board"_s)); // --all: counted, not listed

        const auto published = publishCli({u"--all"_s, u"--yes"_s, u"--json"_s});
        QVERIFY2(published.exitCode == 0, qPrintable(published.err));
        const QJsonObject publish = published.json().value(u"publish"_s).toObject();
        QCOMPARE(publish.value(u"created"_s).toInt(), 1);
        QCOMPARE(publish.value(u"not_offered"_s).toArray().size(), 3);
        QCOMPARE(listingsTitled(u"Oak board"_s).size(), 1);
        for (const QString &title : {u"Draft board"_s, u"Archived board"_s, u"Gone board"_s})
            QVERIFY2(listingsTitled(title).isEmpty(), qPrintable(title)); // never sent
        QVERIFY(!listingUrl(active).isEmpty());

        // Included deliberately: the draft is published, the others still are not.
        const auto withDrafts = publishCli({u"--all"_s, u"--include"_s, u"draft"_s, u"--yes"_s});
        QVERIFY2(withDrafts.exitCode == 0, qPrintable(withDrafts.err));
        QCOMPARE(listingsTitled(u"Draft board"_s).size(), 1);
        QVERIFY(listingsTitled(u"Archived board"_s).isEmpty());
        QVERIFY(listingsTitled(u"Gone board"_s).isEmpty());
        QVERIFY2(withDrafts.out.contains(u"Not offered 2: 1 archived · 1 gone from the store"_s),
                 qPrintable(withDrafts.out));

        const auto bad = publishCli({u"--all"_s, u"--include"_s, u"deleted"_s});
        QCOMPARE(bad.exitCode, 2);
    }

    void aNamedProductThatIsNotActiveIsSaidSo()
    {
        const qint64 draft = addProduct(u"Unfinished quilt"_s);
        setStatus(draft, u"draft"_s);
        const auto result = publishCli({u"--product"_s, QString::number(draft), u"--yes"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(u"  #%1 Unfinished quilt: draft\n"_s.arg(draft)),
                 qPrintable(result.out));
        QVERIFY(result.out.contains(u"--include draft offers them"_s));
        QVERIFY(listingsTitled(u"Unfinished quilt"_s).isEmpty());

        const auto json = publishCli({u"--product"_s, QString::number(draft), u"--json"_s});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject entry = json.json().value(u"notOffered"_s).toArray().first().toObject();
        QCOMPARE(entry.value(u"productId"_s).toInteger(), draft);
        QCOMPARE(entry.value(u"reason"_s).toString(), u"draft"_s);
    }

    void aSharedSkuIsAPlanWarningAndStillPublishes()
    {
        const qint64 mug = addProduct(u"Blue mug"_s);
        const qint64 copy = addProduct(u"Blue mug copy"_s);
        QCOMPARE(m_workspace->scalar(u"SELECT COUNT(*) FROM variants WHERE product_id = %1"_s.arg(
                     copy)),
                 1);
        setSku(copy, u"BLUEMUG-1"_s); // the mug's own SKU
        const auto plan = publishCli({u"--product"_s, QString::number(mug)});
        QVERIFY2(plan.exitCode == 0, qPrintable(plan.err));
        QVERIFY2(plan.out.contains(u"Publishes with warnings (1):"_s), qPrintable(plan.out));
        QVERIFY2(plan.out.contains(
                     u"SKU \"BLUEMUG-1\" is shared with #%1 Blue mug copy."_s.arg(copy)),
                 qPrintable(plan.out));

        const auto published = publishCli({u"--product"_s, QString::number(mug), u"--yes"_s});
        QVERIFY2(published.exitCode == 0, qPrintable(published.err));
        QCOMPARE(listingsTitled(u"Blue mug"_s).size(), 1);
    }

private:
    test::CliResult publishCli(const QStringList &extra)
    {
        const QStringList arguments{u"--workspace"_s, m_workspace->path(), u"publish"_s, u"--to"_s,
                                    QString::number(m_connection)};
        return test::runCli(arguments + extra, m_home.path(),
                            test::etsyCliEnvironment(*m_sandbox));
    }

    qint64 addProduct(const QString &title)
    {
        return test::addPublishableProduct(m_workspace->workspace(), title, 1, 2, m_sandbox->url());
    }

    QList<QJsonObject> listingsTitled(const QString &title) const
    {
        return test::listingsTitled(*m_sandbox, title);
    }

    QString listingUrl(qint64 productId) const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        return ChannelMappings(handle.db()).state(m_connection, productId).url;
    }

    void execute(const QString &sql) const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        QSqlQuery query(handle.db());
        if (!query.exec(sql))
            qFatal("%s failed", qPrintable(sql));
    }
    void setStatus(qint64 productId, const QString &status) const
    {
        execute(u"UPDATE products SET status = '%1' WHERE id = %2"_s.arg(status).arg(productId));
    }
    void markGone(qint64 productId) const
    {
        execute(u"UPDATE products SET source_deleted_at = 1 WHERE id = %1"_s.arg(productId));
    }
    void setSku(qint64 productId, const QString &sku) const
    {
        execute(u"UPDATE variants SET sku = '%1' WHERE product_id = %2"_s.arg(sku).arg(productId));
    }

    SecretStore m_secrets;
    QTemporaryDir m_home;
    std::unique_ptr<EtsySandbox> m_sandbox;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    qint64 m_connection = 0;
};

QTEST_GUILESS_MAIN(TestCliPublishOffer)
#include "tst_cli_publishoffer.moc"
