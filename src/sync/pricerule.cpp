#include "pricerule.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace storeloom {

namespace {

// A price times a rate's mantissa and powers of ten overflows 64 bits.
__extension__ typedef __int128 Wide;

QString tr(const char *text)
{
    return QCoreApplication::translate("PriceRule", text);
}

Wide pow10(int exponent)
{
    Wide value = 1;
    for (int i = 0; i < exponent; ++i)
        value *= 10;
    return value;
}

// numerator / denominator, halves away from zero (denominator > 0).
Wide roundedDiv(Wide numerator, Wide denominator)
{
    const Wide magnitude = (numerator < 0 ? -numerator : numerator) * 2 + denominator;
    const Wide quotient = magnitude / (denominator * 2);
    return numerator < 0 ? -quotient : quotient;
}

constexpr std::pair<PriceRule::Rounding, const char *> kRoundings[] = {
    {PriceRule::Rounding::None, "none"},
    {PriceRule::Rounding::Whole, "whole"},
    {PriceRule::Rounding::Ends99, ".99"},
    {PriceRule::Rounding::Ends95, ".95"},
};

std::optional<PriceRule::Rounding> roundingFrom(QString text)
{
    if (text.startsWith(QLatin1String("0.")))
        text.remove(0, 1);
    for (const auto &[rounding, name] : kRoundings) {
        if (text == QLatin1String(name))
            return rounding;
    }
    return std::nullopt;
}

QString roundingName(PriceRule::Rounding rounding)
{
    for (const auto &[candidate, name] : kRoundings) {
        if (candidate == rounding)
            return QString::fromLatin1(name);
    }
    return {};
}

Wide rounded(Wide minor, PriceRule::Rounding rounding, int digits)
{
    const Wide unit = pow10(digits);
    switch (rounding) {
    case PriceRule::Rounding::None:
        return minor;
    case PriceRule::Rounding::Whole:
        return roundedDiv(minor, unit) * unit;
    case PriceRule::Rounding::Ends99:
    case PriceRule::Rounding::Ends95: {
        if (digits < 2) // a currency without cents has no .99 to end on
            return minor;
        // Up to the next price with that ending: 10.00 → 10.99, 10.96 → 11.95.
        const Wide ending = (rounding == PriceRule::Rounding::Ends99 ? 99 : 95) * pow10(digits - 2);
        const Wide whole = minor >= 0 ? minor / unit : (minor - unit + 1) / unit;
        const Wide candidate = whole * unit + ending;
        return candidate >= minor ? candidate : candidate + unit;
    }
    }
    return minor;
}

// "-0.50" in `currency`'s minor units; nullopt with more decimals than it has.
std::optional<qint64> minorUnitsOf(const QString &text, const QString &currency)
{
    const auto decimal = Decimal::parse(text);
    const int digits = currencyDigits(currency);
    if (!decimal || decimal->scale > digits)
        return std::nullopt;
    return qint64(decimal->mantissa * pow10(digits - decimal->scale));
}

QString amountText(qint64 minor, const QString &currency)
{
    const QString text = moneyText({minor, currency});
    return text.left(text.lastIndexOf(QLatin1Char(' ')));
}

} // namespace

int currencyDigits(const QString &currency)
{
    static const QStringList none{QStringLiteral("BIF"), QStringLiteral("CLP"), QStringLiteral("DJF"), QStringLiteral("GNF"), QStringLiteral("ISK"), QStringLiteral("JPY"), QStringLiteral("KMF"), QStringLiteral("KRW"), QStringLiteral("PYG"), QStringLiteral("RWF"), QStringLiteral("UGX"), QStringLiteral("UYI"), QStringLiteral("VND"), QStringLiteral("VUV"), QStringLiteral("XAF"), QStringLiteral("XOF"), QStringLiteral("XPF")};
    static const QStringList three{QStringLiteral("BHD"), QStringLiteral("IQD"), QStringLiteral("JOD"), QStringLiteral("KWD"), QStringLiteral("LYD"), QStringLiteral("OMR"), QStringLiteral("TND")};
    return none.contains(currency) ? 0 : three.contains(currency) ? 3 : 2;
}

QString moneyText(const Money &money)
{
    const int digits = currencyDigits(money.currency);
    const qint64 unit = qint64(pow10(digits));
    const qint64 magnitude = std::abs(money.minorUnits);
    QString text = (money.minorUnits < 0 ? QStringLiteral("-") : QString()) +
                   QString::number(magnitude / unit);
    if (digits > 0)
        text += QLatin1Char('.') + QStringLiteral("%1").arg(magnitude % unit, digits, 10, QLatin1Char('0'));
    return text + QLatin1Char(' ') + money.currency;
}

std::optional<Decimal> Decimal::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([+-]?)(\\d{1,12})(?:\\.(\\d{1,9}))?$"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QString fraction = match.captured(3);
    Decimal decimal{(match.captured(2) + fraction).toLongLong(), int(fraction.size())};
    if (match.captured(1) == QLatin1String("-"))
        decimal.mantissa = -decimal.mantissa;
    return decimal;
}

QString Decimal::toString() const
{
    QString digits = QString::number(std::abs(mantissa)).rightJustified(scale + 1, QLatin1Char('0'));
    if (scale > 0)
        digits.insert(digits.size() - scale, QLatin1Char('.'));
    return (mantissa < 0 ? QStringLiteral("-") : QString()) + digits;
}

std::optional<PriceRule::Result> PriceRule::apply(const Money &price, QString *error) const
{
    if (!from.isEmpty() && price.currency != from) {
        if (error)
            *error = tr("The price rule converts from %1, but the prices are in %2.")
                         .arg(from, price.currency);
        return std::nullopt;
    }
    const QString target = to.isEmpty() ? price.currency : to;
    const int inDigits = currencyDigits(price.currency);
    const int outDigits = currencyDigits(target);
    // price × rate, moved from the source's precision to the target's.
    Wide minor = roundedDiv(Wide(price.minorUnits) * rate.mantissa * pow10(outDigits),
                            pow10(rate.scale + inDigits));
    const Wide hundred = 100 * pow10(percent.scale);
    minor = roundedDiv(minor * (hundred + percent.mantissa), hundred);
    minor = rounded(minor + amountMinorUnits, rounding, outDigits);
    Result result;
    // A markdown never gives a listing away: the smallest price the currency has.
    result.floored = minor < 1;
    result.price = {result.floored ? 1 : qint64(minor), target};
    return result;
}

std::optional<PriceRule> PriceRule::fromSpec(const QString &spec, QString *error)
{
    QJsonObject json;
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    for (const QString &part : spec.split(separators, Qt::SkipEmptyParts)) {
        const qsizetype equals = part.indexOf(QLatin1Char('='));
        const QString key = part.left(equals).toLower();
        QString value = part.mid(equals + 1);
        if (equals < 0 || !QStringList{QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("rate"), QStringLiteral("adjust"), QStringLiteral("round")}.contains(key)) {
            if (error)
                *error = tr("'%1' is not part of a price rule: give from=EUR to=USD rate=1.0842 "
                            "adjust=+10% round=.99 (adjust and round are optional).")
                             .arg(part);
            return std::nullopt;
        }
        if (key == QLatin1String("adjust") && value.endsWith(QLatin1Char('%')))
            json.insert(QStringLiteral("percent"), value.chopped(1));
        else if (key == QLatin1String("adjust"))
            json.insert(QStringLiteral("amount"), value);
        else
            json.insert(key == QLatin1String("round") ? QStringLiteral("rounding") : key,
                        key == QLatin1String("from") || key == QLatin1String("to") ? value.toUpper()
                                                                                   : value);
    }
    const auto rule = fromJson(json);
    if (!rule && error)
        *error = tr("The price rule '%1' is incomplete or not exact: a rate above 0 with from and "
                    "to currencies (three letters), an adjustment like +10%, -5% or -0.50 (no "
                    "more decimals than the currency has), rounding none, whole, .99 or .95.")
                     .arg(spec);
    return rule;
}

QString PriceRule::spec() const
{
    QStringList parts;
    if (!from.isEmpty())
        parts << QStringLiteral("from=%1 to=%2 rate=%3").arg(from, to, rate.toString());
    if (percent.mantissa != 0)
        parts << QStringLiteral("adjust=%1%2%").arg(percent.mantissa > 0 ? QStringLiteral("+") : QString(), percent.toString());
    if (amountMinorUnits != 0)
        parts << QStringLiteral("adjust=%1%2").arg(amountMinorUnits > 0 ? QStringLiteral("+") : QString(),
                                                   amountText(amountMinorUnits, to));
    if (rounding != Rounding::None)
        parts << QStringLiteral("round=%1").arg(roundingName(rounding));
    return parts.join(QLatin1Char(' '));
}

QJsonObject PriceRule::toJson() const
{
    QJsonObject json{{QStringLiteral("rate"), rate.toString()},
                     {QStringLiteral("percent"), percent.toString()},
                     {QStringLiteral("rounding"), roundingName(rounding)}};
    if (!from.isEmpty()) {
        json.insert(QStringLiteral("from"), from);
        json.insert(QStringLiteral("to"), to);
    }
    if (amountMinorUnits != 0)
        json.insert(QStringLiteral("amount"), amountText(amountMinorUnits, to));
    return json;
}

std::optional<PriceRule> PriceRule::fromJson(const QJsonObject &json)
{
    static const QRegularExpression code(QStringLiteral("^[A-Z]{3}$"));
    PriceRule rule;
    rule.from = json.value(QStringLiteral("from")).toString();
    rule.to = json.value(QStringLiteral("to")).toString();
    const bool converts = !rule.from.isEmpty() || !rule.to.isEmpty();
    if (converts && (!code.match(rule.from).hasMatch() || !code.match(rule.to).hasMatch()))
        return std::nullopt;
    const auto rate = Decimal::parse(json.value(QStringLiteral("rate")).toString(QStringLiteral("1")));
    const auto percent =
        Decimal::parse(json.value(QStringLiteral("percent")).toString(QStringLiteral("0")));
    const auto rounding =
        roundingFrom(json.value(QStringLiteral("rounding")).toString(QStringLiteral("none")));
    if (!rate || rate->mantissa <= 0 || !percent || !rounding)
        return std::nullopt;
    if (!converts && *rate != Decimal{1, 0}) // a rate needs the currencies it is between
        return std::nullopt;
    rule.rate = *rate;
    rule.percent = *percent;
    rule.rounding = *rounding;
    if (json.contains(QStringLiteral("amount"))) {
        if (!converts) // a fixed amount needs the currency it is in
            return std::nullopt;
        const auto amount = minorUnitsOf(json.value(QStringLiteral("amount")).toString(), rule.to);
        if (!amount)
            return std::nullopt;
        rule.amountMinorUnits = *amount;
    }
    return rule;
}

} // namespace storeloom
