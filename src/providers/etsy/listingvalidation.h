#pragma once

#include "catalog.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace storeloom::etsy {

// What a catalog product would become on Etsy, with the channel's defaults
// (who made it, when, category, shipping and processing profiles) applied.
struct ListingDraft
{
    QString title;
    QString description;
    Money price;        // the lowest variant price
    Money highestPrice; // the highest: every offering must be within Etsy's range
    qint64 quantity = 0; // stock available across locations
    QStringList tags;
    int imageCount = 0;
    QStringList variationProperties; // the product's option names
    int variationCount = 0;          // variants, i.e. property value combinations
    QStringList variationValues;     // every option value the variations use
    QStringList skus;                // every offering's SKU
    QString whoMade;    // i_did, someone_else, collective
    QString whenMade;   // made_to_order, 2020_2025, …
    std::optional<qint64> taxonomyId;
    std::optional<qint64> shippingProfileId;
    std::optional<qint64> readinessStateId;
};

// One reason Etsy would refuse the listing (Error) or would take it but the
// merchant would regret it (Warning), with what to do about it.
struct ListingIssue
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString field; // "title", "tags", "price", …
    QString message;
    QString fixHint;

    friend bool operator==(const ListingIssue &, const ListingIssue &) = default;
};

// Etsy's own rules for a listing (its OpenAPI file and documentation),
// checked before anything is sent, on the NFC form of the text: titles of
// 1 to 140 allowed characters with %, :, & and + at most once each; a
// description; at most 13 tags of at most 20 allowed characters, no
// duplicates; every price above 0 and at most 50,000.00; a quantity of 1 to
// 999; SKUs of at most 32 characters; at most 10 images; at most 2
// variation properties and 70 variations, option values without
// parentheses; who_made and when_made from Etsy's lists; the required
// fields present. A refused character is named by code point, not printed.
QList<ListingIssue> validateListing(const ListingDraft &draft);
bool hasErrors(const QList<ListingIssue> &issues);

// Etsy's limits, for the adapter and its tests.
constexpr int kMaxTitleLength = 140;
constexpr int kMaxTags = 13;
constexpr int kMaxTagLength = 20;
constexpr qint64 kMaxQuantity = 999;
constexpr int kMaxImages = 10;
constexpr int kMaxSkuLength = 32;
constexpr qint64 kMaxPriceWhole = 50000; // in the shop's currency

// Digits after the decimal point in `currency` (0 for JPY, 2 for most).
int fractionDigits(const QString &currency);
// Etsy's highest price in `currency`'s minor units: 50,000.00.
qint64 maxPriceMinorUnits(const QString &currency);
// The Unicode NFC form Etsy checks and stores (e + U+0301 becomes é).
QString etsyText(const QString &text);

} // namespace storeloom::etsy
