#include "importedcatalogjson.h"

#include <QJsonArray>

namespace storeloom {

namespace {

QJsonValue optionalValue(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

std::optional<qint64> optionalFrom(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    return value.toInteger();
}

QStringList stringsFrom(const QJsonValue &value)
{
    QStringList strings;
    for (const QJsonValue &item : value.toArray())
        strings.append(item.toString());
    return strings;
}

QJsonObject toJson(const ImportedVariant &variant)
{
    QJsonArray stock;
    for (const ImportedStock &level : variant.stock)
        stock.append(QJsonObject{{QStringLiteral("location"), level.locationExternalId},
                                 {QStringLiteral("available"), level.available},
                                 {QStringLiteral("onHand"), level.onHand}});
    return {{QStringLiteral("id"), variant.externalId},
            {QStringLiteral("inventoryItem"), variant.inventoryItemExternalId},
            {QStringLiteral("title"), variant.title},
            {QStringLiteral("sku"), variant.sku},
            {QStringLiteral("barcode"), variant.barcode},
            {QStringLiteral("price"), variant.price.minorUnits},
            {QStringLiteral("currency"), variant.price.currency},
            {QStringLiteral("compareAt"), optionalValue(variant.compareAtMinorUnits)},
            {QStringLiteral("weightGrams"), optionalValue(variant.weightGrams)},
            {QStringLiteral("optionValues"), QJsonArray::fromStringList(variant.optionValues)},
            {QStringLiteral("stock"), stock}};
}

ImportedVariant variantFromJson(const QJsonObject &object)
{
    ImportedVariant variant;
    variant.externalId = object.value(QStringLiteral("id")).toString();
    variant.inventoryItemExternalId = object.value(QStringLiteral("inventoryItem")).toString();
    variant.title = object.value(QStringLiteral("title")).toString();
    variant.sku = object.value(QStringLiteral("sku")).toString();
    variant.barcode = object.value(QStringLiteral("barcode")).toString();
    variant.price = {object.value(QStringLiteral("price")).toInteger(),
                     object.value(QStringLiteral("currency")).toString()};
    variant.compareAtMinorUnits = optionalFrom(object.value(QStringLiteral("compareAt")));
    variant.weightGrams = optionalFrom(object.value(QStringLiteral("weightGrams")));
    variant.optionValues = stringsFrom(object.value(QStringLiteral("optionValues")));
    for (const QJsonValue &item : object.value(QStringLiteral("stock")).toArray()) {
        const QJsonObject level = item.toObject();
        variant.stock.append({level.value(QStringLiteral("location")).toString(),
                              level.value(QStringLiteral("available")).toInteger(),
                              level.value(QStringLiteral("onHand")).toInteger()});
    }
    return variant;
}

} // namespace

QJsonObject toJson(const ImportedProduct &product)
{
    QJsonArray variants;
    for (const ImportedVariant &variant : product.variants)
        variants.append(toJson(variant));
    QJsonArray media;
    for (const ImportedMedia &item : product.media)
        media.append(QJsonObject{{QStringLiteral("id"), item.externalId},
                                 {QStringLiteral("url"), item.url},
                                 {QStringLiteral("altText"), item.altText},
                                 {QStringLiteral("mimeType"), item.mimeType}});
    return {
        {QStringLiteral("id"), product.externalId},
        {QStringLiteral("title"), product.title},
        {QStringLiteral("description"), product.description},
        {QStringLiteral("vendor"), product.vendor},
        {QStringLiteral("productType"), product.productType},
        {QStringLiteral("status"), product.status},
        {QStringLiteral("tags"), QJsonArray::fromStringList(product.tags)},
        {QStringLiteral("optionNames"), QJsonArray::fromStringList(product.optionNames)},
        {QStringLiteral("variants"), variants},
        {QStringLiteral("media"), media},
        {QStringLiteral("collections"), QJsonArray::fromStringList(product.collectionExternalIds)}};
}

ImportedProduct importedProductFromJson(const QJsonObject &object)
{
    ImportedProduct product;
    product.externalId = object.value(QStringLiteral("id")).toString();
    product.title = object.value(QStringLiteral("title")).toString();
    product.description = object.value(QStringLiteral("description")).toString();
    product.vendor = object.value(QStringLiteral("vendor")).toString();
    product.productType = object.value(QStringLiteral("productType")).toString();
    product.status = object.value(QStringLiteral("status")).toString();
    product.tags = stringsFrom(object.value(QStringLiteral("tags")));
    product.optionNames = stringsFrom(object.value(QStringLiteral("optionNames")));
    for (const QJsonValue &item : object.value(QStringLiteral("variants")).toArray())
        product.variants.append(variantFromJson(item.toObject()));
    for (const QJsonValue &item : object.value(QStringLiteral("media")).toArray()) {
        const QJsonObject media = item.toObject();
        product.media.append({media.value(QStringLiteral("id")).toString(),
                              media.value(QStringLiteral("url")).toString(),
                              media.value(QStringLiteral("altText")).toString(),
                              media.value(QStringLiteral("mimeType")).toString()});
    }
    product.collectionExternalIds = stringsFrom(object.value(QStringLiteral("collections")));
    return product;
}

} // namespace storeloom
