// TextOutput's channel-settings text: the fields as a table, then each
// field's choices ("VALUE  LABEL", every one, however long the list), or
// after --set the settings as saved.
#include "channelpricing.h"
#include "commandline.h"
#include "pricerule.h"
#include "textoutput.h"
#include "texttable.h"

#include <algorithm>

namespace storeloom::cli {

namespace {

QString target(const ChannelSettingsReport &report)
{
    return QStringLiteral("%1 (%2, connection %3)")
        .arg(report.connection.name, report.platform)
        .arg(report.connection.id);
}

bool choicesLoaded(const ChannelSettingsReport &report)
{
    return report.choicesError.isEmpty();
}

// "i_did (I did)"; "-" when not set; a value the shop no longer offers says so.
QString valueText(const ChannelSettingsReport &report, const ChannelSettingField &field)
{
    const QString value = settingText(report.settings, field.key);
    if (value.isEmpty())
        return QStringLiteral("-");
    const QString label = choiceLabel(report, field.key, value);
    if (!label.isEmpty())
        return QStringLiteral("%1 (%2)").arg(value, label);
    if (choicesLoaded(report) && report.choices.contains(field.key))
        return QStringLiteral("%1 (not offered by the shop any more)").arg(value);
    return value;
}

QString fieldTable(const ChannelSettingsReport &report)
{
    TextTable table({{QStringLiteral("KEY")},
                     {QStringLiteral("FIELD")},
                     {QStringLiteral("REQUIRED")},
                     {QStringLiteral("VALUE")}});
    for (const ChannelSettingField &field : report.fields)
        table.addRow({field.key, field.label,
                      field.required ? QStringLiteral("yes") : QStringLiteral("no"),
                      valueText(report, field)});
    return table.toString();
}

QString choiceList(const ChannelSettingsReport &report, const ChannelSettingField &field)
{
    const QList<ChannelChoice> choices = report.choices.value(field.key);
    if (choices.isEmpty())
        return QStringLiteral("\nChoices for %1 (%2): none offered by the shop.\n")
            .arg(field.key, field.label);
    qsizetype width = 0;
    for (const ChannelChoice &choice : choices)
        width = std::max(width, choice.value.size());
    QString text = QStringLiteral("\nChoices for %1 (%2), %3:\n")
                       .arg(field.key, field.label)
                       .arg(choices.size());
    for (const ChannelChoice &choice : choices)
        text += QStringLiteral("  %1  %2\n")
                    .arg(choice.value.leftJustified(width), choice.label.simplified());
    return text;
}

// The required fields still unset: publishing refuses every product until they are.
QString missingLine(const ChannelSettingsReport &report)
{
    QStringList missing;
    for (const ChannelSettingField &field : report.fields) {
        if (field.required && settingText(report.settings, field.key).isEmpty())
            missing.append(field.key);
    }
    if (missing.isEmpty())
        return {};
    return QStringLiteral("\nNot set yet (every product needs them to be published): %1.\n")
        .arg(missing.join(QStringLiteral(", ")));
}

// The shop's currency and the price rule prices are converted with.
QString pricingLines(const ChannelSettingsReport &report)
{
    const QString currency = report.settings.value(pricingkeys::channelCurrency).toString();
    const auto rule = PriceRule::fromJson(report.settings.value(pricingkeys::priceRule).toObject());
    const bool hasRule = report.settings.value(pricingkeys::priceRule).isObject() && rule;
    return QStringLiteral("\nShop currency: %1\nPrice rule: %2\n")
        .arg(currency.isEmpty() ? QStringLiteral("not known yet (learned when planning a publish)")
                                : currency,
             hasRule ? rule->spec() : QStringLiteral("none (prices are sent as they are)"));
}

} // namespace

QString TextOutput::channelSettings(const ChannelSettingsReport &report) const
{
    if (report.saved)
        return QStringLiteral("Saved the channel settings of %1:\n\n%2")
                   .arg(target(report), fieldTable(report)) +
               pricingLines(report) + missingLine(report);

    QString text =
        QStringLiteral("Channel settings of %1:\n\n%2").arg(target(report), fieldTable(report));
    text += pricingLines(report) + missingLine(report);
    if (!choicesLoaded(report)) {
        text += QStringLiteral("\nCould not load the shop's choices: %1\n")
                    .arg(report.choicesError.simplified());
        return text;
    }
    for (const ChannelSettingField &field : report.fields)
        text += choiceList(report, field);
    text += QStringLiteral("\nChange one with: %1 channel-settings %2 --set KEY=VALUE\n"
                           "Set a price rule with: %1 channel-settings %2 --set \"price_rule=from=EUR "
                           "to=USD rate=1.0842 adjust=+10% round=.99\"\n")
                .arg(CommandLine::programName())
                .arg(report.connection.id);
    return text;
}

} // namespace storeloom::cli
