#pragma once

#include "catalog.h"

#include <QCoreApplication>
#include <QString>

namespace storeloom {

// How the screens write money, times and counts. Uses the default QLocale.
class DisplayFormat
{
    Q_DECLARE_TR_FUNCTIONS(DisplayFormat)

public:
    // Digits after the decimal point for an ISO 4217 currency (JPY 0, KWD 3, most 2).
    static int minorUnitDigits(const QString &currency);

    // "12.50 EUR"; exact: integer arithmetic on minor units, never a double.
    static QString money(const Money &amount);

    // "12.50–19.00 EUR", or one price when both ends are equal; empty when no
    // currency is known (a product without variants).
    static QString priceRange(const Money &min, const Money &max);

    // Local date and time in the locale's short format; empty for 0.
    static QString dateTime(qint64 msSinceEpoch);

    // "just now", "2 min ago", "3 h ago", "yesterday", "4 days ago", then the date.
    static QString relativeTime(qint64 msSinceEpoch, qint64 nowMs);

    // "done/total"
    static QString progress(qint64 done, qint64 total);
};

} // namespace storeloom
