#pragma once

#include "catalog.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace storeloom {

// A store's catalog as an adapter hands it to the hub, normalized but not yet
// in the workspace. External ids are the platform's own ids; the workspace
// keeps them only in `mappings`, never as catalog keys.

struct ImportedLocation
{
    QString externalId;
    QString name;
    bool active = true;

    friend bool operator==(const ImportedLocation &, const ImportedLocation &) = default;
};

struct ImportedCollection
{
    QString externalId;
    QString title;
    QString handle;

    friend bool operator==(const ImportedCollection &, const ImportedCollection &) = default;
};

struct ImportedMedia
{
    QString externalId;
    QString url;
    QString altText;
    QString mimeType;

    friend bool operator==(const ImportedMedia &, const ImportedMedia &) = default;
};

struct ImportedStock
{
    QString locationExternalId;
    qint64 available = 0;
    qint64 onHand = 0;

    friend bool operator==(const ImportedStock &, const ImportedStock &) = default;
};

struct ImportedVariant
{
    QString externalId;
    QString inventoryItemExternalId; // the platform's id for the variant's stock, if separate
    QString title;
    QString sku;
    QString barcode;
    Money price;
    std::optional<qint64> compareAtMinorUnits;
    std::optional<qint64> weightGrams;
    QStringList optionValues; // in the order of the product's options
    QList<ImportedStock> stock;

    friend bool operator==(const ImportedVariant &, const ImportedVariant &) = default;
};

struct ImportedProduct
{
    QString externalId;
    QString title;
    QString description;
    QString vendor;
    QString productType;
    QString status = QStringLiteral("active"); // active, draft or archived
    QStringList tags;
    QStringList optionNames;
    QList<ImportedVariant> variants;
    QList<ImportedMedia> media;
    QStringList collectionExternalIds;

    friend bool operator==(const ImportedProduct &, const ImportedProduct &) = default;
};

} // namespace storeloom
