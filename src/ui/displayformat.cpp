#include "displayformat.h"

#include <QDateTime>
#include <QLocale>
#include <QSet>

namespace storeloom {

int DisplayFormat::minorUnitDigits(const QString &currency)
{
    static const QSet<QString> none{
        QStringLiteral("BIF"), QStringLiteral("CLP"), QStringLiteral("DJF"), QStringLiteral("GNF"),
        QStringLiteral("ISK"), QStringLiteral("JPY"), QStringLiteral("KMF"), QStringLiteral("KRW"),
        QStringLiteral("PYG"), QStringLiteral("RWF"), QStringLiteral("UGX"), QStringLiteral("UYI"),
        QStringLiteral("VND"), QStringLiteral("VUV"), QStringLiteral("XAF"), QStringLiteral("XOF"),
        QStringLiteral("XPF")};
    static const QSet<QString> three{QStringLiteral("BHD"), QStringLiteral("IQD"),
                                     QStringLiteral("JOD"), QStringLiteral("KWD"),
                                     QStringLiteral("LYD"), QStringLiteral("OMR"),
                                     QStringLiteral("TND")};
    const QString code = currency.toUpper();
    if (none.contains(code))
        return 0;
    if (three.contains(code))
        return 3;
    return 2;
}

namespace {

QString amountText(qint64 minorUnits, int digits)
{
    const QLocale locale;
    qint64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    const bool negative = minorUnits < 0;
    // Work on the magnitude as unsigned so the most negative value cannot overflow.
    const quint64 magnitude = negative ? 0 - quint64(minorUnits) : quint64(minorUnits);
    QString text = locale.toString(magnitude / quint64(scale));
    if (digits > 0) {
        text += locale.decimalPoint();
        text += QStringLiteral("%1").arg(magnitude % quint64(scale), digits, 10, QLatin1Char('0'));
    }
    return negative ? locale.negativeSign() + text : text;
}

} // namespace

QString DisplayFormat::money(const Money &amount)
{
    const QString number = amountText(amount.minorUnits, minorUnitDigits(amount.currency));
    return amount.currency.isEmpty() ? number : number + QLatin1Char(' ') + amount.currency;
}

QString DisplayFormat::priceRange(const Money &min, const Money &max)
{
    if (min.currency.isEmpty() && max.currency.isEmpty())
        return {};
    if (min == max)
        return money(min);
    if (min.currency != max.currency)
        return money(min) + QChar(0x2013) + money(max);
    const int digits = minorUnitDigits(min.currency);
    return amountText(min.minorUnits, digits) + QChar(0x2013) +
           amountText(max.minorUnits, digits) + QLatin1Char(' ') + min.currency;
}

QString DisplayFormat::dateTime(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch), QLocale::ShortFormat);
}

QString DisplayFormat::relativeTime(qint64 msSinceEpoch, qint64 nowMs)
{
    if (msSinceEpoch <= 0)
        return {};
    const qint64 seconds = (nowMs - msSinceEpoch) / 1000;
    if (seconds < 60)
        return tr("just now");
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min ago").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return tr("%1 h ago").arg(hours);
    const qint64 days = hours / 24;
    if (days < 7)
        return days == 1 ? tr("yesterday") : tr("%1 days ago").arg(days);
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch).date(),
                              QLocale::ShortFormat);
}

QString DisplayFormat::progress(qint64 done, qint64 total)
{
    return QStringLiteral("%1/%2").arg(done).arg(total);
}

} // namespace storeloom
