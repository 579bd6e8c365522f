#pragma once

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace storeloom::sandbox::shopify {

// Plain copies of catalog entries for tests: what to compare an import
// against and what to hand to addProduct / editProduct. Ids are the numeric
// part of the GIDs (ShopifyGid builds the strings); 0 means "assign one".

struct StockView
{
    qint64 locationId = 0;
    int available = 0;
    int onHand = 0;

    friend bool operator==(const StockView &, const StockView &) = default;
};

struct VariantView
{
    qint64 id = 0;
    qint64 inventoryItemId = 0;
    QString title; // read-only: Shopify derives it from the option values
    QString sku;
    QString barcode;        // null: none
    QString price;          // "12.50"
    QString compareAtPrice; // null: none
    int position = 1;
    QList<QPair<QString, QString>> selectedOptions; // option name, value
    QString weightUnit = QStringLiteral("GRAMS");
    double weight = 0;
    bool tracked = true;    // the inventory item's `tracked`
    QList<StockView> stock; // one per location

    friend bool operator==(const VariantView &, const VariantView &) = default;
};

struct MediaView
{
    qint64 id = 0;
    QString alt; // null: none
    QString url;

    friend bool operator==(const MediaView &, const MediaView &) = default;
};

struct ProductView
{
    qint64 id = 0;
    QString title;
    QString handle; // empty: derived from the title
    QString descriptionHtml;
    QString vendor;
    QString productType;
    QString status = QStringLiteral("ACTIVE");
    QStringList tags;
    QStringList options; // option names in position order
    QList<VariantView> variants;
    QList<MediaView> media;
    QList<qint64> collectionIds;
    QDateTime createdAt;
    QDateTime updatedAt;

    friend bool operator==(const ProductView &, const ProductView &) = default;
};

struct LocationView
{
    qint64 id = 0;
    QString name;
    bool active = true;

    friend bool operator==(const LocationView &, const LocationView &) = default;
};

struct CollectionView
{
    qint64 id = 0;
    QString title;
    QString handle;
    QList<qint64> productIds;

    friend bool operator==(const CollectionView &, const CollectionView &) = default;
};

struct ShopView
{
    qint64 id = 0;
    QString name;
    QString domain;
    QString currency;
};

// "gid://shopify/Product/123" and back.
struct ShopifyGid
{
    static QString make(const QString &type, qint64 id)
    {
        return QStringLiteral("gid://shopify/%1/%2").arg(type).arg(id);
    }
    static QString product(qint64 id) { return make(QStringLiteral("Product"), id); }
    static QString variant(qint64 id) { return make(QStringLiteral("ProductVariant"), id); }
    static QString inventoryItem(qint64 id) { return make(QStringLiteral("InventoryItem"), id); }
    static QString location(qint64 id) { return make(QStringLiteral("Location"), id); }
    static QString collection(qint64 id) { return make(QStringLiteral("Collection"), id); }
    static QString media(qint64 id) { return make(QStringLiteral("MediaImage"), id); }
    // The type name and numeric id of a GID; false when `gid` is not one.
    static bool parse(const QString &gid, QString *type, qint64 *id);
};

} // namespace storeloom::sandbox::shopify
