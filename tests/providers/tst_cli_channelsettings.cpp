// storeloom-cli channel-settings against the Etsy sandbox (in this process,
// on its own thread), the sign-in in the fixture's keychain: the fields with
// the shop's choices, --set checked against them and saved as the app saves
// them, after which publish plans listings instead of refusing the products.
#include "channelsettings.h"
#include "clirunner.h"
#include "etsypublishfixture.h"
#include "peers.h"
#include "secretstore.h"
#include "testworkspace.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;
using sandbox::etsy::EtsySandbox;

namespace {

const QStringList kKeys{u"who_made"_s, u"when_made"_s, u"taxonomy_id"_s, u"shipping_profile_id"_s,
                        u"readiness_state_id"_s};

} // namespace

class TestCliChannelSettings : public QObject
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
        m_connection =
            test::addEtsyConnectionWithSignIn(m_workspace->workspace(), m_secrets, *m_sandbox);
        QVERIFY(m_connection > 0);
        m_sandbox->clearFaults();
    }

    void cleanup() { m_workspace.reset(); }

    void listsTheFieldsWithTheShopsChoices()
    {
        const auto result = settingsCli({});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(result.err, QString());
        const QString &out = result.out;
        QVERIFY2(out.startsWith(u"Channel settings of SandboxCrafts (Etsy, connection %1):\n"_s.arg(
                     m_connection)),
                 qPrintable(out));
        QVERIFY(out.contains(u"KEY "_s) && out.contains(u"REQUIRED"_s));
        for (const QString &key : kKeys) {
            QVERIFY2(out.contains(u"\nChoices for %1 ("_s.arg(key)), qPrintable(key));
            QVERIFY(out.contains(u"Not set yet"_s));
        }
        QVERIFY(out.contains(u"Who made it"_s));
        QVERIFY(out.contains(u"  i_did         I did\n"_s));
        QVERIFY(out.contains(u"  made_to_order  Made to order\n"_s));
        QVERIFY(out.contains(u"Standard shipping\n"_s)); // the sandbox's shipping profiles
        QVERIFY(out.contains(u"Made to order shipping\n"_s));
        QVERIFY(out.contains(u" › "_s)); // category paths
        QVERIFY(!out.contains(u"Could not load"_s));
        QVERIFY(out.contains(
            u"Change one with: storeloom-cli channel-settings %1 --set KEY=VALUE\n"_s.arg(
                m_connection)));
        QVERIFY(out.contains(u"\nPrice rule: none (prices are sent as they are)\n"_s));
        QVERIFY(out.endsWith(u"Set a price rule with: storeloom-cli channel-settings %1 --set "
                             "\"price_rule=from=EUR to=USD rate=1.0842 adjust=+10% round=.99\"\n"_s
                                 .arg(m_connection)));
    }

    void setsAndClearsThePriceRule()
    {
        const auto set = settingsCli(
            {u"--set"_s, u"price_rule=from=EUR to=USD rate=1.0842 adjust=-5% round=.95"_s});
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        const QJsonObject rule = storedSettings().value(u"price_rule"_s).toObject();
        QCOMPARE(rule.value(u"rate"_s).toString(), u"1.0842"_s); // exactly as typed
        QCOMPARE(rule.value(u"percent"_s).toString(), u"-5"_s);
        QCOMPARE(rule.value(u"rounding"_s).toString(), u".95"_s);
        QVERIFY2(set.out.contains(
                     u"\nPrice rule: from=EUR to=USD rate=1.0842 adjust=-5% round=.95\n"_s),
                 qPrintable(set.out));

        const auto bad = settingsCli({u"--set"_s, u"price_rule=from=EUR to=USD rate=1,08"_s});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(u"Nothing was changed."_s), qPrintable(bad.err));
        QCOMPARE(storedSettings().value(u"price_rule"_s).toObject(), rule);

        const auto cleared = settingsCli({u"--set"_s, u"price_rule=none"_s});
        QVERIFY2(cleared.exitCode == 0, qPrintable(cleared.err));
        QVERIFY(!storedSettings().contains(u"price_rule"_s));
    }

    void fieldShowsOneFieldsChoices()
    {
        const auto result = settingsCli({u"--field"_s, u"shipping_profile_id"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains(u"Choices for shipping_profile_id (Shipping profile), 2:\n"_s));
        QVERIFY(result.out.contains(u"Standard shipping"_s));
        QVERIFY(!result.out.contains(u"who_made"_s));

        const auto unknown = settingsCli({u"--field"_s, u"colour"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(u"who_made, when_made, taxonomy_id"_s),
                 qPrintable(unknown.err));
    }

    void setStoresTheValuesAndPublishingThenPlansListings()
    {
        const qint64 product = test::addPublishableProduct(
            m_workspace->workspace(), u"Linen apron"_s, 1, 1, m_sandbox->url());
        const auto before = publishPlan();
        QVERIFY2(before.exitCode == 0, qPrintable(before.err));
        QVERIFY2(before.out.contains(u"Cannot publish (1):\n  #%1 "_s.arg(product)),
                 qPrintable(before.out));
        QVERIFY(before.out.contains(u"or with storeloom-cli channel-settings"_s));

        // The first choice of each field, as a script would pick it.
        const QJsonArray fields = settingsCli({u"--json"_s}).json().value(u"fields"_s).toArray();
        QCOMPARE(fields.size(), kKeys.size());
        QStringList arguments;
        QHash<QString, QString> chosen;
        for (const QJsonValue &field : fields) {
            const QString key = field[u"key"_s].toString();
            const QJsonArray choices = field[u"choices"_s].toArray();
            QVERIFY2(!choices.isEmpty(), qPrintable(key));
            chosen.insert(key, choices.first()[u"value"_s].toString());
            arguments << u"--set"_s << key + u'=' + chosen.value(key);
        }
        const auto set = settingsCli(arguments);
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        QVERIFY2(set.out.startsWith(u"Saved the channel settings of SandboxCrafts (Etsy, "
                                    "connection %1):\n"_s.arg(m_connection)),
                 qPrintable(set.out));
        QVERIFY(set.out.contains(u"i_did (I did)"_s));
        QVERIFY(set.out.contains(u"(Standard shipping)"_s));
        QVERIFY(!set.out.contains(u"Not set yet"_s));
        QVERIFY(!set.out.contains(u"Choices for"_s));

        const QJsonObject stored = storedSettings();
        QCOMPARE(stored.value(u"who_made"_s).toString(), chosen.value(u"who_made"_s));
        QCOMPARE(stored.value(u"when_made"_s).toString(), chosen.value(u"when_made"_s));
        for (const QString &key :
             {u"taxonomy_id"_s, u"shipping_profile_id"_s, u"readiness_state_id"_s}) {
            QVERIFY2(stored.value(key).isDouble(), qPrintable(key)); // ids as numbers, as the app
            QCOMPARE(QString::number(stored.value(key).toInteger()), chosen.value(key));
        }

        const auto after = publishPlan();
        QVERIFY2(after.exitCode == 0, qPrintable(after.err));
        QVERIFY2(after.out.contains(
                     u"Create 1 · Update 0 · Unchanged 0 (skipped) · Cannot publish 0\n"_s),
                 qPrintable(after.out));
        QVERIFY(!after.out.contains(u"Cannot publish ("_s));
    }

    void setKeepsTheOtherSettingsAndTakesAnExactLabel()
    {
        {
            const DbHandle handle = m_workspace->workspace().openHandle();
            ChannelSettingsStore(handle.db())
                .setSettings(m_connection, {{u"who_made"_s, u"i_did"_s},
                                            {u"when_made"_s, u"made_to_order"_s},
                                            {u"adapter_note"_s, u"kept"_s}});
        }
        const auto result = settingsCli({u"--set"_s, u"who_made=collective"_s, u"--set"_s,
                                         u"shipping_profile_id=made to order shipping"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject stored = storedSettings();
        QCOMPARE(stored.value(u"who_made"_s).toString(), u"collective"_s);
        QCOMPARE(stored.value(u"when_made"_s).toString(), u"made_to_order"_s);
        QCOMPARE(stored.value(u"adapter_note"_s).toString(), u"kept"_s);
        QVERIFY(stored.value(u"shipping_profile_id"_s).toInteger() > 0);
        QVERIFY(result.out.contains(u"(Made to order shipping)"_s));
        QVERIFY(result.out.contains(u"Not set yet (every product needs them to be published): "
                                    "taxonomy_id, readiness_state_id.\n"_s));
    }

    void unknownKeyOrValueIsAUsageError()
    {
        const auto key = settingsCli({u"--set"_s, u"colour=red"_s});
        QCOMPARE(key.exitCode, 2);
        QCOMPARE(key.out, QString());
        QCOMPARE(key.errLines().size(), 1);
        QVERIFY2(key.err.contains(u"Etsy has no setting 'colour'; the settings are: who_made, "
                                  "when_made, taxonomy_id, shipping_profile_id, "
                                  "readiness_state_id."_s),
                 qPrintable(key.err));

        const auto value = settingsCli({u"--set"_s, u"who_made=robot"_s});
        QCOMPARE(value.exitCode, 2);
        QCOMPARE(value.out, QString());
        QVERIFY2(value.err.contains(u"'robot' is not one of the choices for who_made"_s),
                 qPrintable(value.err));
        QVERIFY(value.err.contains(
            u"storeloom-cli channel-settings %1 --field who_made"_s.arg(m_connection)));
        QVERIFY(storedSettings().isEmpty()); // nothing was saved

        const auto malformed = settingsCli({u"--set"_s, u"who_made"_s});
        QCOMPARE(malformed.exitCode, 2);
        QVERIFY(malformed.err.contains(u"--set needs KEY=VALUE"_s));
    }

    void choicesThatCannotBeLoaded()
    {
        m_sandbox->failNext("GET", u"/v3/application/shops/*/shipping-profiles"_s, 403, 2);
        const auto shown = settingsCli({});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        QVERIFY2(shown.out.contains(u"\nCould not load the shop's choices: "_s),
                 qPrintable(shown.out));
        QVERIFY(shown.out.contains(u"shipping_profile_id"_s));
        QVERIFY(!shown.out.contains(u"Choices for"_s));

        const auto set = settingsCli({u"--set"_s, u"who_made=i_did"_s});
        QCOMPARE(set.exitCode, 8);
        QCOMPARE(set.out, QString());
        QVERIFY2(set.err.contains(u"Could not load the shop's choices"_s), qPrintable(set.err));
        QVERIFY(storedSettings().isEmpty());
    }

    void json()
    {
        QVERIFY(settingsCli({u"--set"_s, u"who_made=i_did"_s}).exitCode == 0);
        const auto result = settingsCli({u"--json"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject document = result.json();
        QCOMPARE(document.value(u"connection"_s).toInteger(), m_connection);
        QVERIFY(document.value(u"choices_error"_s).isNull());
        const QJsonArray fields = document.value(u"fields"_s).toArray();
        QStringList keys;
        for (const QJsonValue &value : fields) {
            const QJsonObject field = value.toObject();
            keys.append(field.value(u"key"_s).toString());
            QVERIFY(!field.value(u"label"_s).toString().isEmpty());
            QVERIFY(field.value(u"required"_s).isBool());
            QVERIFY(field.value(u"choices"_s).isArray());
            for (const QJsonValue &choice : field.value(u"choices"_s).toArray()) {
                QVERIFY(choice[u"value"_s].isString());
                QVERIFY(choice[u"label"_s].isString());
            }
        }
        QCOMPARE(keys, kKeys);
        const QJsonObject whoMade = fields.first().toObject();
        QCOMPARE(whoMade.value(u"value"_s).toString(), u"i_did"_s);
        QCOMPARE(whoMade.value(u"value_label"_s).toString(), u"I did"_s);
        QCOMPARE(whoMade.value(u"choices"_s).toArray().size(), 3);
        QVERIFY(fields.at(1).toObject().value(u"value"_s).isNull());
        QStringList profiles;
        for (const QJsonValue &choice : fields.at(3).toObject().value(u"choices"_s).toArray())
            profiles.append(choice[u"label"_s].toString());
        QCOMPARE(profiles, (QStringList{u"Standard shipping"_s, u"Made to order shipping"_s}));
    }

    void unknownConnectionIsNotFound()
    {
        const auto result = settingsCli({}, 9999);
        QCOMPARE(result.exitCode, 3);
        QCOMPARE(result.out, QString());
        QVERIFY(result.err.contains(u"There is no connection 9999."_s));
    }

    void aStoreThatCannotTakeListingsSaysWhichCan()
    {
        const qint64 woo = test::addWooCommerceConnection(m_workspace->workspace());
        const auto result = settingsCli({}, woo);
        QCOMPARE(result.exitCode, 5);
        QCOMPARE(result.out, QString());
        QVERIFY2(result.err.contains(u"Cannot open the channel settings of connection %1 "
                                     "(WooCommerce Corner shop)"_s.arg(woo)),
                 qPrintable(result.err));
        QVERIFY(
            result.err.contains(u"Connections you can publish to: %1 (Etsy"_s.arg(m_connection)));
    }

private:
    QHash<QString, QString> environment() const { return test::etsyCliEnvironment(*m_sandbox); }

    test::CliResult settingsCli(const QStringList &extra, qint64 connection = 0)
    {
        const QStringList arguments{u"--workspace"_s, m_workspace->path(), u"channel-settings"_s,
                                    QString::number(connection ? connection : m_connection)};
        return test::runCli(arguments + extra, m_home.path(), environment());
    }

    test::CliResult publishPlan()
    {
        return test::runCli({u"--workspace"_s, m_workspace->path(), u"publish"_s, u"--to"_s,
                             QString::number(m_connection), u"--all"_s},
                            m_home.path(), environment());
    }

    QJsonObject storedSettings() const
    {
        const DbHandle handle = m_workspace->workspace().openHandle();
        return ChannelSettingsStore(handle.db()).settings(m_connection);
    }

    SecretStore m_secrets;
    QTemporaryDir m_home;
    std::unique_ptr<EtsySandbox> m_sandbox;
    std::unique_ptr<test::TestWorkspace> m_workspace;
    qint64 m_connection = 0;
};

QTEST_GUILESS_MAIN(TestCliChannelSettings)
#include "tst_cli_channelsettings.moc"
