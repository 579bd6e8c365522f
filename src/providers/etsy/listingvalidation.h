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
    qint64 quantity = 0; // stock available across locations
    QStringList tags;
    int imageCount = 0;
    QStringList variationProperties; // the product's option names
    int variationCount = 0;          // variants, i.e. property value combinations
    QStringList variationValues;     // every option value the variations use
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

// Etsy's own rules for a listing, checked before anything is sent: titles
// of at most 140 allowed characters with %, :, & and + at most once each;
// at most 13 tags of at most 20 allowed characters, no duplicates; a price
// above 0; a quantity of 1 to 999; at most 10 images; at most 2 variation
// properties and 70 variations; the required fields present.
QList<ListingIssue> validateListing(const ListingDraft &draft);
bool hasErrors(const QList<ListingIssue> &issues);

} // namespace storeloom::etsy
