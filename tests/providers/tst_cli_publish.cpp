// storeloom-cli publish, for real: the sign-in comes from the fixture's
// keychain, the channel is the Etsy sandbox (in this process, on its own
// thread). Without --yes only the plan is printed and nothing is sent; with
// --yes the listings appear in the sandbox and their addresses are printed;
// products Etsy would refuse are listed with their reasons and never sent.
// When some products fail, every product's result is still printed and
// stderr says in one line how to list the failures; a workspace that cannot
// be written is exit 4 and nothing is sent. storeloom-cli unpublish
// deactivates listings there (state "inactive").
#include "channelmappings.h"
#include "channelsettings.h"
#include "clirunner.h"
#include "etsypublishfixture.h"
#include "peers.h"
#include "readonlypath.h"
#include "secretstore.h"
#include "testworkspace.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace storeloom;
using namespace Qt::StringLiterals;
using sandbox::etsy::EtsySandbox;

class TestCliPublish : public QObject
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
        const Workspace &workspace = m_workspace->workspace();
        m_connection = test::addEtsyChannel(workspace, m_secrets, *m_sandbox);
        QVERIFY(m_connection > 0);
    }

    void cleanup() { m_workspace.reset(); }

    void planOnlyPrintsThePlanAndSendsNothing()
    {
        const qint64 apron = addProduct(u"Linen apron"_s);
        const qint64 tooLong = addProduct(QString(152, u'a'));
        const int listingsBefore = int(m_sandbox->listings().size());

        const auto result = publishCli(
            {u"--product"_s, QString::number(apron), u"--product"_s, QString::number(tooLong)});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(
                     u"Create 1 · Update 0 · Unchanged 0 (skipped) · Cannot publish 1\n"_s),
                 qPrintable(result.out));
        QVERIFY2(result.out.contains(u"API calls needed: 4 · Etsy allows "_s),
                 qPrintable(result.out));
        QVERIFY(result.out.contains(u"Cannot publish (1):\n  #%1 "_s.arg(tooLong)));
        QVERIFY(result.out.contains(u"The title has 152 characters; Etsy allows 140."_s));
        QVERIFY(result.out.contains(u"Fix: "_s));
        QVERIFY(result.out.endsWith(u"Run again with --yes to publish.\n"_s));
        QCOMPARE(m_sandbox->listings().size(), listingsBefore);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs"_s), 0);
        QCOMPARE(
            scalar(u"SELECT COUNT(*) FROM mappings WHERE connection_id = %1"_s.arg(m_connection)),
            0);
    }

    void planAsJson()
    {
        const qint64 apron = addProduct(u"Waxed canvas tote"_s);
        addProduct(QString(152, u'b'));
        const auto result = publishCli({u"--all"_s, u"--json"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject plan = result.json();
        QCOMPARE(plan.value(u"confirmed"_s).toBool(true), false);
        QCOMPARE(plan.value(u"connectionId"_s).toInteger(), m_connection);
        QCOMPARE(plan.value(u"create"_s).toInt(), 1);
        QCOMPARE(plan.value(u"invalid"_s).toInt(), 1);
        QCOMPARE(plan.value(u"apiCalls"_s).toInt(), 4);
        QVERIFY(plan.value(u"remainingToday"_s).toInteger() > 0);
        const QJsonArray entries = plan.value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.first().toObject().value(u"productId"_s).toInteger(), apron);
        QCOMPARE(entries.first().toObject().value(u"action"_s).toString(), u"create"_s);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs"_s), 0);
    }

    void aPriceRuleShowsOldAndNewPrices()
    {
        const qint64 apron = addProduct(u"Linen apron"_s); // 12.50 USD
        {
            const DbHandle handle = m_workspace->workspace().openHandle();
            ChannelSettingsStore store(handle.db());
            QJsonObject settings = store.settings(m_connection);
            settings.insert(u"price_rule"_s,
                            QJsonObject{{u"percent"_s, u"10"_s}, {u"rounding"_s, u".99"_s}});
            store.setSettings(m_connection, settings);
        }
        const auto text = publishCli({u"--product"_s, QString::number(apron)});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        // 12.50 + 10% = 13.75, up to 13.99.
        QVERIFY2(text.out.contains(u"\nPrices with the price rule:\n  #%1 Linen apron: "
                                   "12.50 USD → 13.99 USD\n"_s.arg(apron)),
                 qPrintable(text.out));
        const auto json = publishCli({u"--product"_s, QString::number(apron), u"--json"_s});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject entry = json.json()[u"entries"_s][0].toObject();
        QCOMPARE(entry[u"priceChange"_s].toString(), u"12.50 USD → 13.99 USD"_s);
        QCOMPARE(entry[u"priceAfter"_s][u"minorUnits"_s].toInteger(), 1399);
    }

    void yesPublishesThenLeavesUnchangedAlone()
    {
        const qint64 candle = addProduct(u"Beeswax taper candle"_s);
        const qint64 tooLong = addProduct(QString(152, u'c'));

        const auto result = publishCli({u"--all"_s, u"--yes"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(listingsTitled(u"Beeswax taper candle"_s).size(), 1);
        QVERIFY(listingsTitled(QString(152, u'c')).isEmpty()); // never sent
        const QString url = listingUrl(candle);
        QVERIFY(url.startsWith(u"https://www.etsy.com/listing/"_s));
        QVERIFY2(result.out.contains(u"1 created, 0 updated, 0 unchanged, 1 cannot be published "
                                     "(not sent)."_s),
                 qPrintable(result.out));
        QVERIFY(result.out.contains(u"created  "_s + url));
        QVERIFY(result.out.contains(u"Cannot publish (1):\n  #%1 "_s.arg(tooLong)));
        QVERIFY(!result.out.contains(u"\r"_s)); // no progress bar off a terminal

        const auto again = publishCli({u"--all"_s, u"--yes"_s, u"--json"_s});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        const QJsonObject publish = again.json().value(u"publish"_s).toObject();
        QVERIFY(publish.value(u"run_id"_s).isNull()); // nothing to send: no run
        QCOMPARE(publish.value(u"unchanged"_s).toInt(), 1);
        QCOMPARE(publish.value(u"created"_s).toInt(), 0);
        QCOMPARE(publish.value(u"invalid"_s).toInt(), 1);
        const QJsonArray products = publish.value(u"products"_s).toArray();
        QCOMPARE(products.size(), 2);
        QCOMPARE(products.at(0).toObject().value(u"url"_s).toString(), url);
        QCOMPARE(products.at(0).toObject().value(u"result"_s).toString(), u"unchanged"_s);
        QCOMPARE(products.at(1).toObject().value(u"error"_s).toString(),
                 u"The title has 152 characters; Etsy allows 140."_s);
        QCOMPARE(listingsTitled(u"Beeswax taper candle"_s).size(), 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs"_s), 1);
    }

    // Etsy created the listing but the reply was lost: the retry finds it,
    // and the summary says so instead of claiming a create.
    void aListingFoundAfterALostReplyIsNotReportedCreated()
    {
        const qint64 bowl = addProduct(u"Clay bowl"_s);
        m_sandbox->commitThenLoseReply("POST", u"/v3/application/shops/*/listings"_s);
        const auto result =
            publishCli({u"--product"_s, QString::number(bowl), u"--yes"_s, u"--json"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(listingsTitled(u"Clay bowl"_s).size(), 1);
        const QJsonObject publish = result.json().value(u"publish"_s).toObject();
        QCOMPARE(publish.value(u"created"_s).toInt(), 0);
        const QJsonObject product = publish.value(u"products"_s).toArray().first().toObject();
        QCOMPARE(product.value(u"result"_s).toString(), u"found and linked"_s);
        QCOMPARE(product.value(u"url"_s).toString(), listingUrl(bowl));
    }

    void yesAsJsonListsEachListing()
    {
        const qint64 scarf = addProduct(u"Merino scarf"_s);
        const auto result =
            publishCli({u"--product"_s, QString::number(scarf), u"--yes"_s, u"--json"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject publish = result.json().value(u"publish"_s).toObject();
        QVERIFY(publish.value(u"run_id"_s).toInteger() > 0);
        QCOMPARE(publish.value(u"status"_s).toString(), u"succeeded"_s);
        QCOMPARE(publish.value(u"created"_s).toInt(), 1);
        const QJsonObject product = publish.value(u"products"_s).toArray().first().toObject();
        QCOMPARE(product.value(u"id"_s).toInteger(), scarf);
        QCOMPARE(product.value(u"state"_s).toString(), u"synced"_s);
        QCOMPARE(product.value(u"url"_s).toString(), listingUrl(scarf));
        QVERIFY(product.value(u"error"_s).isNull());
    }

    void aRefusedProductFailsWithEtsysReasonAndPublishingAgainRetries()
    {
        const qint64 ring = addProduct(u"Silver ring"_s);
        m_sandbox->failNext("POST", u"/v3/application/shops/*/listings"_s, 400);
        const auto failed = publishCli({u"--product"_s, QString::number(ring), u"--yes"_s});
        QVERIFY2(failed.exitCode == 8, qPrintable(failed.out + failed.err));
        // Each product's result on stdout, also when some failed.
        QVERIFY2(failed.out.contains(u"0 created, 0 updated, 0 unchanged, 1 failed"_s),
                 qPrintable(failed.out));
        QVERIFY2(failed.out.contains(u"failed"_s) && failed.out.contains(u"Etsy"_s),
                 qPrintable(failed.out));
        QCOMPARE(failed.errLines().size(), 1);
        QVERIFY2(failed.err.contains(u"1 of 1 products could not be published to Etsy"_s),
                 qPrintable(failed.err));
        QVERIFY(!failed.err.contains(u"--product"_s)); // no flag per product
        QVERIFY(listingsTitled(u"Silver ring"_s).isEmpty());

        // The command stderr names lists the failure.
        const QStringList items = listCommandIn(failed.err);
        QVERIFY2(!items.isEmpty(), qPrintable(failed.err));
        const auto listed = test::runCli(
            QStringList{u"--workspace"_s, m_workspace->path()} + items + QStringList{u"--json"_s},
            m_home.path(), environment());
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        const QJsonArray listedItems = listed.json().value(u"items"_s).toArray();
        QCOMPARE(listedItems.size(), 1);
        QCOMPARE(listedItems.first().toObject().value(u"operation"_s).toString(),
                 u"listing.create"_s);

        const auto again = publishCli({u"--product"_s, QString::number(ring), u"--yes"_s});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains(u"1 created"_s), qPrintable(again.out));
        QCOMPARE(listingsTitled(u"Silver ring"_s).size(), 1);

        const auto third = publishCli({u"--product"_s, QString::number(ring), u"--yes"_s});
        QVERIFY2(third.exitCode == 0, qPrintable(third.err));
        QVERIFY2(third.out.startsWith(u"Nothing to publish to SandboxCrafts (Etsy, connection "
                                      "%1): 1 unchanged.\n"_s.arg(m_connection)),
                 qPrintable(third.out));
        QVERIFY(third.out.contains(u"unchanged  https://www.etsy.com/listing/"_s));
    }

    void jsonListsEveryProductsResultAlsoWhenSomeFailed()
    {
        const qint64 bowl = addProduct(u"Ash bowl"_s);
        const qint64 spoon = addProduct(u"Cherry spoon"_s);
        const qint64 tooLong = addProduct(QString(152, u'd'));
        // The first create is refused for good; the other goes through.
        m_sandbox->failNext("POST", u"/v3/application/shops/*/listings"_s, 400);
        const auto result = publishCli({u"--all"_s, u"--yes"_s, u"--json"_s});
        QCOMPARE(result.exitCode, 8);
        const QJsonObject publish = result.json().value(u"publish"_s).toObject();
        QCOMPARE(publish.value(u"created"_s).toInt(), 1);
        QCOMPARE(publish.value(u"failed"_s).toInt(), 1);
        QCOMPARE(publish.value(u"invalid"_s).toInt(), 1);
        QHash<qint64, QJsonObject> byId;
        for (const QJsonValue &value : publish.value(u"products"_s).toArray())
            byId.insert(value.toObject().value(u"id"_s).toInteger(), value.toObject());
        QCOMPARE(byId.size(), 3);
        QStringList results{byId.value(bowl).value(u"result"_s).toString(),
                            byId.value(spoon).value(u"result"_s).toString()};
        results.sort();
        QCOMPARE(results, (QStringList{u"created"_s, u"failed"_s}));
        const QJsonObject failedOne =
            byId.value(bowl).value(u"result"_s).toString() == u"failed"_s ? byId.value(bowl)
                                                                         : byId.value(spoon);
        QVERIFY(!failedOne.value(u"error"_s).toString().isEmpty()); // with the reason
        QCOMPARE(byId.value(tooLong).value(u"result"_s).toString(), u"not sent"_s);
        QCOMPARE(result.errLines().size(), 1);
        QVERIFY2(result.err.contains(u"1 of 2 products could not be published"_s),
                 qPrintable(result.err));
        QVERIFY2(result.err.contains(u"items --run %1 --state "_s.arg(
                     publish.value(u"run_id"_s).toInteger())),
                 qPrintable(result.err));
        QVERIFY(result.err.size() < 400); // a summary, not a line per product
        QCOMPARE(listingsTitled(u"Ash bowl"_s).size() + listingsTitled(u"Cherry spoon"_s).size(),
                 1);
    }

    void aWorkspaceThatCannotBeWrittenIsSaidSoAndNothingIsSent()
    {
        addProduct(u"Birch tray"_s);
        test::ReadOnlyPath readOnly(m_workspace->path());
        if (!readOnly.holds())
            QSKIP("cannot make a file read-only here (neither permissions nor chattr)");
        const auto result = publishCli({u"--all"_s, u"--yes"_s});
        QVERIFY2(result.exitCode == 4, qPrintable(result.out + result.err)); // not 8, not 1
        QCOMPARE(result.out, QString());
        QCOMPARE(result.errLines().size(), 1);
        QVERIFY2(result.err.contains(u"Cannot write to the workspace: permission denied"_s),
                 qPrintable(result.err));
        for (const char *sql : {"UPDATE ", "INSERT ", "SELECT ", "(in:"})
            QVERIFY2(!result.err.contains(QLatin1String(sql)), qPrintable(result.err));
        QVERIFY(listingsTitled(u"Birch tray"_s).isEmpty());
    }

    void ctrlCStopsAfterTheProductsInFlightAndPublishingAgainContinues()
    {
        QStringList titles;
        for (int i = 1; i <= 8; ++i) {
            titles.append(u"Clay bowl %1"_s.arg(i));
            addProduct(titles.last());
        }
        // Creates held long enough that some are in flight and the rest wait.
        m_sandbox->delayNext("POST", u"/v3/application/shops/*/listings"_s, 1500, 8);
        QProcess cli;
        startCli(cli, {u"--all"_s, u"--yes"_s});
        QTRY_VERIFY_WITH_TIMEOUT(
            scalar(u"SELECT COUNT(*) FROM sync_items WHERE state = 'running'"_s) > 0, 60000);
        ::kill(pid_t(cli.processId()), SIGINT);
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 130);
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(err.contains(u"Stopped by Ctrl+C"_s), qPrintable(err));
        QVERIFY(err.contains(u"Publishing again continues with them."_s));
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_items WHERE state = 'running'"_s), 0);

        m_sandbox->clearFaults();
        const auto again = publishCli({u"--all"_s, u"--yes"_s, u"--json"_s});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        for (const QString &title : std::as_const(titles))
            QCOMPARE(listingsTitled(title).size(), 1); // each exactly once
    }

    void unpublishDeactivatesTheListingOnEtsy()
    {
        const qint64 vase = addProduct(u"Stoneware vase"_s);
        const auto published = publishCli({u"--product"_s, QString::number(vase), u"--yes"_s});
        QVERIFY2(published.exitCode == 0, qPrintable(published.err));
        const qint64 listingId = listingIdOf(vase);
        QCOMPARE(m_sandbox->listing(listingId)->value(u"state"_s).toString(), u"draft"_s);

        // Without --yes: what would happen, and nothing sent.
        const auto plan = unpublishCli({u"--product"_s, QString::number(vase)});
        QVERIFY2(plan.exitCode == 0, qPrintable(plan.err));
        QVERIFY2(plan.out.contains(u"listing %1"_s.arg(listingId)), qPrintable(plan.out));
        QVERIFY(plan.out.contains(u"Nothing was sent"_s));
        QCOMPARE(m_sandbox->listing(listingId)->value(u"state"_s).toString(), u"draft"_s);
        const auto planJson = unpublishCli({u"--product"_s, QString::number(vase), u"--json"_s});
        QVERIFY2(planJson.exitCode == 0, qPrintable(planJson.err));
        QCOMPARE(planJson.json().value(u"sent"_s).toBool(true), false);
        QCOMPARE(planJson.json()
                     .value(u"deactivate"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"listing"_s)
                     .toString(),
                 QString::number(listingId));

        const auto result = unpublishCli({u"--product"_s, QString::number(vase), u"--yes"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(u"inactive"_s), qPrintable(result.out));
        QCOMPARE(m_sandbox->listing(listingId)->value(u"state"_s).toString(), u"inactive"_s);
        QCOMPARE(listingsTitled(u"Stoneware vase"_s).size(), 1); // kept, not deleted
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM mappings WHERE internal_id = %1 "
                        "AND state = 'inactive'"_s.arg(vase)),
                 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_items WHERE operation = "
                        "'listing.deactivate' AND state = 'succeeded'"_s),
                 1);
    }

    void unpublishingAProductWithoutAListingIsRefused()
    {
        const qint64 bowl = addProduct(u"Never published bowl"_s);
        const auto result = unpublishCli({u"--product"_s, QString::number(bowl), u"--yes"_s});
        QCOMPARE(result.exitCode, 5);
        QCOMPARE(result.out, QString());
        QVERIFY2(result.err.contains(u"Product %1 (Never published bowl) has no listing on Etsy "
                                     "connection %2"_s.arg(bowl).arg(m_connection)),
                 qPrintable(result.err));
        QVERIFY(result.err.contains(u"nothing to unpublish"_s));
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sync_runs"_s), 0);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no --to") << QStringList{u"publish"_s, u"--all"_s};
        QTest::newRow("--product and --all")
            << QStringList{u"publish"_s, u"--to"_s, u"1"_s, u"--product"_s, u"1"_s, u"--all"_s};
        QTest::newRow("no products") << QStringList{u"publish"_s, u"--to"_s, u"1"_s};
        QTest::newRow("bad id") << QStringList{u"publish"_s, u"--to"_s, u"one"_s, u"--all"_s};
        QTest::newRow("unpublish without --from")
            << QStringList{u"unpublish"_s, u"--product"_s, u"1"_s};
        QTest::newRow("unpublish without products")
            << QStringList{u"unpublish"_s, u"--from"_s, u"1"_s};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const auto result =
            test::runCli(QStringList{u"--workspace"_s, m_workspace->path()} + arguments,
                         m_home.path(), environment());
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.out, QString());
        QCOMPARE(result.errLines().size(), 1);
    }

    void unknownConnectionOrProductIsNotFound()
    {
        const auto connection = publishCli({u"--all"_s}, 9999);
        QCOMPARE(connection.exitCode, 3);
        QCOMPARE(connection.out, QString());
        const auto product = publishCli({u"--product"_s, u"4242"_s});
        QCOMPARE(product.exitCode, 3);
        QVERIFY(product.err.contains(u"There is no product 4242."_s));
    }

    void aStoreThatCannotTakeListingsSaysWhichCan()
    {
        const qint64 woo = test::addWooCommerceConnection(m_workspace->workspace());
        const auto result = publishCli({u"--all"_s}, woo);
        QCOMPARE(result.exitCode, 5);
        QVERIFY2(
            result.err.contains(u"Connections you can publish to: %1 (Etsy"_s.arg(m_connection)),
            qPrintable(result.err));
    }

private:
    QHash<QString, QString> environment() const { return test::etsyCliEnvironment(*m_sandbox); }

    test::CliResult publishCli(const QStringList &extra, qint64 connection = 0)
    {
        const QStringList arguments{u"--workspace"_s, m_workspace->path(), u"publish"_s, u"--to"_s,
                                    QString::number(connection ? connection : m_connection)};
        return test::runCli(arguments + extra, m_home.path(), environment());
    }

    test::CliResult unpublishCli(const QStringList &extra)
    {
        const QStringList arguments{u"--workspace"_s, m_workspace->path(), u"unpublish"_s,
                                    u"--from"_s, QString::number(m_connection)};
        return test::runCli(arguments + extra, m_home.path(), environment());
    }

    qint64 listingIdOf(qint64 productId) const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        return ChannelMappings(handle.db()).state(m_connection, productId).externalId.toLongLong();
    }

    void startCli(QProcess &cli, const QStringList &extra)
    {
        test::startCli(cli,
                       QStringList{u"--workspace"_s, m_workspace->path(), u"publish"_s, u"--to"_s,
                                   QString::number(m_connection)} +
                           extra,
                       m_home.path(), environment());
        QVERIFY(cli.waitForStarted());
    }

    qint64 addProduct(const QString &title)
    {
        return test::addPublishableProduct(m_workspace->workspace(), title, 1, 2, m_sandbox->url());
    }

    QList<QJsonObject> listingsTitled(const QString &title) const
    {
        return test::listingsTitled(*m_sandbox, title);
    }

    qint64 scalar(const QString &sql) const { return m_workspace->scalar(sql); }

    // "… List them: storeloom-cli items --run 3 --state dead. …" → {items, --run, 3, --state, dead}
    static QStringList listCommandIn(const QString &err)
    {
        static const QRegularExpression command(u"storeloom-cli (items --run \\d+ --state \\w+)"_s);
        const QRegularExpressionMatch match = command.match(err);
        return match.hasMatch() ? match.captured(1).split(u' ') : QStringList();
    }

    QString listingUrl(qint64 productId) const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        return ChannelMappings(handle.db()).state(m_connection, productId).url;
    }

    SecretStore m_secrets;
    QTemporaryDir m_home;
    std::unique_ptr<EtsySandbox> m_sandbox;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    qint64 m_connection = 0;
};

QTEST_GUILESS_MAIN(TestCliPublish)
#include "tst_cli_publish.moc"
