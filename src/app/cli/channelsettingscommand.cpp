#include "channelsettingscommand.h"

#include "appservices.h"
#include "builtinproviders.h"
#include "channelpricing.h"
#include "clierror.h"
#include "clilogging.h"
#include "connectionaccess.h"
#include "eventwait.h"
#include "pricerule.h"
#include "publishservice.h"
#include "publishtarget.h"

namespace storeloom::cli {

namespace {

constexpr int kChoicesTimeoutMs = 120000; // the category tree is a large answer

QString quoted(const QString &text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString keysOf(const QList<ChannelSettingField> &fields)
{
    QStringList keys;
    for (const ChannelSettingField &field : fields)
        keys.append(field.key);
    return keys.join(QStringLiteral(", "));
}

const ChannelSettingField &fieldNamed(const QList<ChannelSettingField> &fields, const QString &key,
                                      const QString &platform)
{
    for (const ChannelSettingField &field : fields) {
        if (field.key == key)
            return field;
    }
    throw usageError(QStringLiteral("%1 has no setting %2; the settings are: %3.")
                         .arg(platform, quoted(key), keysOf(fields)));
}

// The shop's choices, or why they could not be loaded.
void loadChoices(PublishService &service, qint64 connectionId, ChannelSettingsReport &report)
{
    std::optional<std::pair<ChannelChoices, QString>> loaded;
    QObject context;
    QObject::connect(&service, &PublishService::choicesLoaded, &context,
                     [&](qint64 id, const ChannelChoices &choices, const QString &error) {
                         if (id == connectionId)
                             loaded.emplace(choices, error);
                     });
    service.loadChoices(connectionId);
    switch (waitUntil([&] { return loaded.has_value(); }, kChoicesTimeoutMs)) {
    case Waited::Done:
        report.choices = loaded->first;
        report.choicesError = loaded->second;
        return;
    case Waited::Interrupted:
        throw CliError(ExitCode::Interrupted,
                       QStringLiteral("Stopped by Ctrl+C; nothing was changed."));
    case Waited::TimedOut:
        report.choicesError = QStringLiteral("%1 did not answer within %2 seconds.")
                                  .arg(report.platform)
                                  .arg(kChoicesTimeoutMs / 1000);
        return;
    }
}

// The choice `text` names: its value, or its label when exactly one choice
// is labelled so (any case). Throws a usage error naming how to list them.
QString choiceFor(const ChannelSettingsReport &report, const ChannelSettingField &field,
                  const QString &text)
{
    const QList<ChannelChoice> choices = report.choices.value(field.key);
    QStringList byLabel;
    for (const ChannelChoice &choice : choices) {
        if (choice.value == text)
            return choice.value;
        if (choice.label.compare(text, Qt::CaseInsensitive) == 0)
            byLabel.append(choice.value);
    }
    if (byLabel.size() == 1)
        return byLabel.first();
    const QString list = QStringLiteral("%1 channel-settings %2 --field %3")
                             .arg(CommandLine::programName())
                             .arg(report.connection.id)
                             .arg(field.key);
    if (byLabel.size() > 1)
        throw usageError(QStringLiteral("%1 choices for %2 are labelled %3 (%4): give the value "
                                        "instead; nothing was changed.")
                             .arg(byLabel.size())
                             .arg(field.key, quoted(text), byLabel.join(QStringLiteral(", "))));
    if (choices.isEmpty())
        throw usageError(QStringLiteral("The shop offers no choices for %1 (%2); nothing was "
                                        "changed.")
                             .arg(field.key, field.label));
    throw usageError(QStringLiteral("%1 is not one of the choices for %2 (%3); nothing was "
                                    "changed. List them with: %4")
                         .arg(quoted(text), field.key, field.label, list));
}

// The hub's price rule, from its spec; "none" removes it.
void setPriceRule(QJsonObject &settings, const QString &spec)
{
    if (spec.trimmed().isEmpty() || spec.trimmed() == QLatin1String("none")) {
        settings.remove(pricingkeys::priceRule);
        return;
    }
    QString error;
    const auto rule = PriceRule::fromSpec(spec, &error);
    if (!rule)
        throw usageError(error + QStringLiteral(" Nothing was changed."));
    settings.insert(pricingkeys::priceRule, rule->toJson());
}

// The stored settings with --set laid over them; ids are stored as numbers,
// as the app's Channel settings… stores them.
QJsonObject merged(const ChannelSettingsReport &report,
                   const QList<std::pair<QString, QString>> &changes)
{
    QJsonObject settings = report.settings; // keys without a field are the adapter's
    for (const auto &[key, text] : changes) {
        if (key == pricingkeys::priceRule) {
            setPriceRule(settings, text);
            continue;
        }
        const QString value =
            choiceFor(report, fieldNamed(report.fields, key, report.platform), text);
        bool number = false;
        const qint64 id = key.endsWith(QLatin1String("_id")) ? value.toLongLong(&number) : 0;
        if (number)
            settings.insert(key, id);
        else
            settings.insert(key, value);
    }
    return settings;
}

} // namespace

QString ChannelSettingsCommand::run(const Workspace &workspace) const
{
    ChannelSettingsReport report;
    report.connection = findConnection(workspace, m_invocation.id);
    report.platform = platformName(report.connection);
    const bool changing = !m_invocation.settingsToSet.isEmpty();

    InterruptGuard interrupts;
    AppServices services(workspace, builtInProviders());
    ConnectionAccess &access = services.access();
    PublishService &service = services.publishing();
    requirePublishable(service, report.connection,
                       refusalFor(QStringLiteral("Cannot open the channel settings of connection"),
                                  report.connection));
    report.fields = service.settingFields(report.connection.id);
    // Unknown keys are refused before anything is asked of the keychain or the shop.
    for (const auto &change : m_invocation.settingsToSet) {
        if (change.first != pricingkeys::priceRule) // the hub's, on every channel
            fieldNamed(report.fields, change.first, report.platform);
    }
    if (!m_invocation.settingsField.isEmpty())
        report.fields = {fieldNamed(report.fields, m_invocation.settingsField, report.platform)};
    report.settings = service.settings(report.connection.id);

    try {
        awaitSignIn(access, report.connection, QStringLiteral("nothing was changed."));
        loadChoices(service, report.connection.id, report);
    } catch (const CliError &error) {
        if (changing || error.code() != ExitCode::Keychain)
            throw;
        report.choicesError = error.message(); // the settings themselves are still shown
    }
    if (!report.choicesError.isEmpty())
        qCInfo(lcCli) << "choices of connection" << report.connection.id
                      << "not loaded:" << report.choicesError;
    if (!changing)
        return m_output.channelSettings(report);

    if (!report.choicesError.isEmpty())
        throw CliError(ExitCode::Platform,
                       QStringLiteral("Could not load the shop's choices, so the values cannot "
                                      "be checked; nothing was changed. %1")
                           .arg(report.choicesError));
    service.saveSettings(report.connection.id, merged(report, m_invocation.settingsToSet));
    qCInfo(lcCli) << "channel settings of connection" << report.connection.id << "saved";
    report.settings = service.settings(report.connection.id);
    report.saved = true;
    return m_output.channelSettings(report);
}

} // namespace storeloom::cli
