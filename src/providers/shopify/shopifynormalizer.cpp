#include "shopifynormalizer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <cmath>

namespace storeloom::shopify {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ShopifyNormalizer", text);
}

QString string(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

// A connection's nodes, whether the reply used `nodes` or `edges { node }`.
QJsonArray nodesOf(const QJsonValue &connection)
{
    const QJsonObject object = connection.toObject();
    if (object.contains(QLatin1String("nodes")))
        return object.value(QLatin1String("nodes")).toArray();
    QJsonArray nodes;
    for (const QJsonValue &edge : object.value(QLatin1String("edges")).toArray())
        nodes.append(edge.toObject().value(QLatin1String("node")));
    return nodes;
}

} // namespace

int currencyExponent(const QString &currency)
{
    static const QStringList none{
        QStringLiteral("BIF"), QStringLiteral("CLP"), QStringLiteral("DJF"), QStringLiteral("GNF"),
        QStringLiteral("ISK"), QStringLiteral("JPY"), QStringLiteral("KMF"), QStringLiteral("KRW"),
        QStringLiteral("PYG"), QStringLiteral("RWF"), QStringLiteral("UGX"), QStringLiteral("VND"),
        QStringLiteral("VUV"), QStringLiteral("XAF"), QStringLiteral("XOF"), QStringLiteral("XPF")};
    static const QStringList three{QStringLiteral("BHD"), QStringLiteral("IQD"),
                                   QStringLiteral("JOD"), QStringLiteral("KWD"),
                                   QStringLiteral("LYD"), QStringLiteral("OMR"),
                                   QStringLiteral("TND")};
    if (none.contains(currency))
        return 0;
    return three.contains(currency) ? 3 : 2;
}

// Reads ^(-?)(\d{1,15})(?:\.(\d{1,6}))?$ (ASCII digits) by hand: the regular
// expression it replaces was a twentieth of assembling a bulk export's products.
std::optional<qint64> minorUnits(const QString &decimal, const QString &currency)
{
    const QStringView text = QStringView(decimal).trimmed();
    const auto digitsFrom = [&text](qsizetype at) {
        while (at < text.size() && text[at] >= u'0' && text[at] <= u'9')
            ++at;
        return at;
    };
    const bool negative = text.startsWith(u'-');
    const qsizetype wholeBegin = negative ? 1 : 0;
    const qsizetype wholeEnd = digitsFrom(wholeBegin);
    if (wholeEnd == wholeBegin || wholeEnd - wholeBegin > 15)
        return std::nullopt;
    qsizetype fractionBegin = wholeEnd;
    qsizetype fractionEnd = wholeEnd;
    if (wholeEnd < text.size()) {
        if (text[wholeEnd] != u'.')
            return std::nullopt;
        fractionBegin = wholeEnd + 1;
        fractionEnd = digitsFrom(fractionBegin);
        if (fractionEnd == fractionBegin || fractionEnd - fractionBegin > 6 ||
            fractionEnd != text.size())
            return std::nullopt;
    }
    const int exponent = currencyExponent(currency);
    // Shopify sends at most the currency's precision; anything past it must be zeros.
    for (qsizetype at = fractionBegin + exponent; at < fractionEnd; ++at) {
        if (text[at] != u'0')
            return std::nullopt;
    }
    qint64 units = 0;
    for (qsizetype at = wholeBegin; at < wholeEnd; ++at)
        units = units * 10 + (text[at].unicode() - u'0');
    for (qsizetype at = fractionBegin; at < fractionBegin + exponent; ++at)
        units = units * 10 + (at < fractionEnd ? text[at].unicode() - u'0' : 0);
    return negative ? -units : units;
}

std::optional<qint64> grams(double value, const QString &unit)
{
    double factor = 0;
    if (unit == QLatin1String("GRAMS"))
        factor = 1;
    else if (unit == QLatin1String("KILOGRAMS"))
        factor = 1000;
    else if (unit == QLatin1String("OUNCES"))
        factor = 28.349523125;
    else if (unit == QLatin1String("POUNDS"))
        factor = 453.59237;
    if (factor == 0 || !std::isfinite(value))
        return std::nullopt;
    return qint64(std::llround(value * factor));
}

std::optional<ImportedStock> normalizeLevel(const QJsonObject &level)
{
    ImportedStock stock;
    stock.locationExternalId =
        level.value(QLatin1String("location")).toObject().value(QLatin1String("id")).toString();
    if (stock.locationExternalId.isEmpty())
        return std::nullopt;
    for (const QJsonValue &quantity : level.value(QLatin1String("quantities")).toArray()) {
        const QJsonObject q = quantity.toObject();
        const QString name = string(q, "name");
        const qint64 amount = q.value(QLatin1String("quantity")).toInteger();
        if (name == QLatin1String("available"))
            stock.available = amount;
        else if (name == QLatin1String("on_hand"))
            stock.onHand = amount;
    }
    return stock;
}

ImportedVariant normalizeVariant(const QJsonObject &node, const QString &currency,
                                 const QStringList &optionNames, QString *problem)
{
    ImportedVariant variant;
    variant.externalId = string(node, "id");
    variant.title = string(node, "title");
    variant.sku = string(node, "sku");
    variant.barcode = string(node, "barcode");
    const auto price = minorUnits(string(node, "price"), currency);
    if (variant.externalId.isEmpty() || !price) {
        *problem = tr("variant %1 has no id or an unreadable price (%2)")
                       .arg(variant.externalId, string(node, "price"));
        return variant;
    }
    variant.price = {*price, currency};
    const QJsonValue compareAt = node.value(QLatin1String("compareAtPrice"));
    if (!compareAt.isNull() && !compareAt.isUndefined())
        variant.compareAtMinorUnits = minorUnits(compareAt.toString(), currency);

    QHash<QString, QString> selected;
    for (const QJsonValue &option : node.value(QLatin1String("selectedOptions")).toArray())
        selected.insert(string(option.toObject(), "name"), string(option.toObject(), "value"));
    for (const QString &name : optionNames)
        variant.optionValues.append(selected.value(name));

    const QJsonObject item = node.value(QLatin1String("inventoryItem")).toObject();
    variant.inventoryItemExternalId = string(item, "id");
    const QJsonObject weight = item.value(QLatin1String("measurement"))
                                   .toObject()
                                   .value(QLatin1String("weight"))
                                   .toObject();
    if (!weight.isEmpty())
        variant.weightGrams =
            grams(weight.value(QLatin1String("value")).toDouble(), string(weight, "unit"));
    for (const QJsonValue &level : nodesOf(item.value(QLatin1String("inventoryLevels")))) {
        if (const auto stock = normalizeLevel(level.toObject()))
            variant.stock.append(*stock);
    }
    return variant;
}

ImportedProduct normalizeProduct(const QJsonObject &node, const QString &currency,
                                 QString *problem)
{
    problem->clear();
    ImportedProduct product;
    product.externalId = string(node, "id");
    product.title = string(node, "title");
    if (product.externalId.isEmpty() || product.title.isEmpty()) {
        *problem = tr("a product came without its id or title");
        return product;
    }
    product.description = string(node, "descriptionHtml");
    product.vendor = string(node, "vendor");
    product.productType = string(node, "productType");
    product.status = string(node, "status").toLower();
    for (const QJsonValue &tag : node.value(QLatin1String("tags")).toArray())
        product.tags.append(tag.toString());

    QList<std::pair<int, QString>> options;
    for (const QJsonValue &option : node.value(QLatin1String("options")).toArray())
        options.append({option.toObject().value(QLatin1String("position")).toInt(),
                        string(option.toObject(), "name")});
    std::stable_sort(options.begin(), options.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &option : options)
        product.optionNames.append(option.second);

    for (const QJsonValue &variantNode : nodesOf(node.value(QLatin1String("variants")))) {
        QString variantProblem;
        product.variants.append(
            normalizeVariant(variantNode.toObject(), currency, product.optionNames, &variantProblem));
        if (!variantProblem.isEmpty()) {
            *problem = tr("%1: %2").arg(product.title, variantProblem);
            return product;
        }
    }
    for (const QJsonValue &mediaNode : nodesOf(node.value(QLatin1String("media")))) {
        const QJsonObject media = mediaNode.toObject();
        const QString url =
            media.value(QLatin1String("image")).toObject().value(QLatin1String("url")).toString();
        if (url.isEmpty())
            continue; // videos and 3D models: the catalog keeps images
        product.media.append({string(media, "id"), url, string(media, "alt"),
                              QStringLiteral("image")});
    }
    for (const QJsonValue &collection : nodesOf(node.value(QLatin1String("collections"))))
        product.collectionExternalIds.append(string(collection.toObject(), "id"));
    return product;
}

} // namespace storeloom::shopify
