#pragma once

#include "catalog.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace storeloom {

// Digits after the decimal point in an ISO 4217 currency (0 for JPY, 3 for KWD, else 2).
int currencyDigits(const QString &currency);
// "12.50 EUR", "1625 JPY".
QString moneyText(const Money &money);

// An exact decimal, e.g. the rate "1.0842": mantissa 10842, scale 4. Rates
// and percentages are kept so, never as a double, so what the merchant typed
// is what is applied.
struct Decimal
{
    qint64 mantissa = 0;
    int scale = 0;

    static std::optional<Decimal> parse(const QString &text);
    QString toString() const;
    friend bool operator==(const Decimal &, const Decimal &) = default;
};

// How a channel's prices follow the catalog's: a merchant-set exchange rate
// (1 `from` = `rate` `to`), then a markup or markdown (a percentage, then a
// fixed amount in `to`), then rounding, all in integer minor units.
class PriceRule
{
public:
    enum class Rounding { None, Whole, Ends99, Ends95 };

    struct Result
    {
        Money price;
        bool floored = false; // a markdown would have taken it to zero or below
    };

    QString from;
    QString to;
    Decimal rate{1, 0};
    Decimal percent{0, 0};      // +10 is a 10% markup, -15 a 15% markdown
    qint64 amountMinorUnits = 0; // in `to`; negative marks down
    Rounding rounding = Rounding::None;

    // `price` in the channel's currency; an error if it is not in `from`.
    std::optional<Result> apply(const Money &price, QString *error = nullptr) const;

    // "from=EUR to=USD rate=1.0842 adjust=+10% round=.99" (spaces or commas
    // between parts; adjust also "-0.50" for an amount in `to`).
    static std::optional<PriceRule> fromSpec(const QString &spec, QString *error);
    QString spec() const;
    // Stored in the channel settings as strings, exactly as given.
    QJsonObject toJson() const;
    static std::optional<PriceRule> fromJson(const QJsonObject &json);

    friend bool operator==(const PriceRule &, const PriceRule &) = default;
};

} // namespace storeloom
