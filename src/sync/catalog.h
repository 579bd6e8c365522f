#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace storeloom {

// Money is an integer amount in minor units plus an ISO 4217 currency.
struct Money
{
    qint64 minorUnits = 0;
    QString currency;

    friend bool operator==(const Money &, const Money &) = default;
};

struct Variant
{
    qint64 id = 0;
    QString title;
    QString sku;
    QString barcode;
    Money price;
    std::optional<qint64> compareAtMinorUnits;
    std::optional<qint64> weightGrams;
    QStringList optionValues; // in the order of the product's options
};

struct Product
{
    qint64 id = 0;
    QString title;
    QString description;
    QString vendor;
    QString productType;
    QString status = QStringLiteral("active");
    QStringList tags;
    qint64 sourceConnectionId = 0;
    QStringList optionNames;
    QList<Variant> variants;
};

// One row of the Catalog page.
struct ProductSummary
{
    qint64 id = 0;
    QString title;
    QStringList skus;
    int variantCount = 0;
    Money minPrice;
    Money maxPrice;
    qint64 totalAvailable = 0;
    QString sourceName; // name of the connection it came from; empty if made here
};

} // namespace storeloom
