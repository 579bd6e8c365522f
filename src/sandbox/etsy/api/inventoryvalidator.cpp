#include "inventoryvalidator.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QtEndian>

#include <cmath>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxProperties = 2;
constexpr int MaxValuesPerProperty = 70;
constexpr int MaxSkuLength = 32;

// Etsy numbers custom option values itself; the sandbox derives them from the text.
qint64 valueIdFor(qint64 propertyId, const QString &value)
{
    const QByteArray digest = QCryptographicHash::hash(QByteArray::number(propertyId) + ':' + value.toLower().toUtf8(),
                                                       QCryptographicHash::Sha1);
    return 1000000000LL + qFromBigEndian<quint32>(digest.constData()) % 1000000000LL;
}

QString valueOf(const QJsonObject &product, qint64 propertyId)
{
    for (const QJsonValue &value : product[u"property_values"_s].toArray()) {
        if (value[u"property_id"_s].toInteger() == propertyId)
            return value[u"values"_s][0].toString().toLower();
    }
    return {};
}

} // namespace

QJsonObject InventoryValidator::product(const QJsonValue &value, int index, QString *error)
{
    const QJsonObject input = value.toObject();
    const QString where = u"products[%1]"_s.arg(index);
    if (!value.isObject()) {
        *error = where + u" must be an object"_s;
        return {};
    }
    const QString sku = input[u"sku"_s].toString();
    if (sku.size() > MaxSkuLength) {
        *error = u"%1.sku must be %2 characters or fewer"_s.arg(where).arg(MaxSkuLength);
        return {};
    }
    const QJsonArray offerings = input[u"offerings"_s].toArray();
    if (offerings.size() != 1) {
        *error = where + u".offerings must contain exactly one offering"_s;
        return {};
    }
    const QJsonObject offering = offerings.first().toObject();
    const QJsonValue price = offering[u"price"_s];
    const QJsonValue quantity = offering[u"quantity"_s];
    if (!price.isDouble() || !(price.toDouble() > 0) || price.toDouble() > 50000) {
        *error = where + u".offerings[0].price must be a number greater than 0 and at most 50000"_s;
        return {};
    }
    if (!quantity.isDouble() || quantity.toDouble() != std::floor(quantity.toDouble()) || quantity.toInt() < 0 ||
        quantity.toInt() > 999) {
        *error = where + u".offerings[0].quantity must be an integer between 0 and 999"_s;
        return {};
    }
    if (!offering[u"is_enabled"_s].isBool()) {
        *error = where + u".offerings[0].is_enabled must be true or false"_s;
        return {};
    }
    QJsonArray propertyValues;
    QSet<qint64> seen;
    for (const QJsonValue &entry : input[u"property_values"_s].toArray()) {
        const qint64 propertyId = entry[u"property_id"_s].toInteger();
        const QJsonArray values = entry[u"values"_s].toArray();
        if (propertyId < 1) {
            *error = where + u".property_values: property_id must be a positive integer"_s;
            return {};
        }
        if (values.size() != 1 || values.first().toString().trimmed().isEmpty()) {
            *error = u"%1.property_values: property %2 needs exactly one value"_s.arg(where).arg(propertyId);
            return {};
        }
        const QString text = values.first().toString();
        if (text.contains(u'(') || text.contains(u')')) {
            *error = u"%1.property_values: \"%2\" may not contain parentheses"_s.arg(where, text);
            return {};
        }
        if (seen.contains(propertyId)) {
            *error = u"%1.property_values: property %2 appears twice"_s.arg(where).arg(propertyId);
            return {};
        }
        seen.insert(propertyId);
        const QJsonArray givenIds = entry[u"value_ids"_s].toArray();
        propertyValues.append(QJsonObject{
            {u"property_id"_s, propertyId},
            {u"property_name"_s, entry[u"property_name"_s].toString()},
            {u"scale_id"_s, entry[u"scale_id"_s].isDouble() ? entry[u"scale_id"_s] : QJsonValue()},
            {u"scale_name"_s, QJsonValue()},
            {u"value_ids"_s, givenIds.isEmpty() ? QJsonArray{valueIdFor(propertyId, text)} : givenIds},
            {u"values"_s, QJsonArray{text}}});
    }
    return {{u"sku"_s, sku},
            {u"property_values"_s, propertyValues},
            {u"offerings"_s, QJsonArray{QJsonObject{{u"price"_s, std::llround(price.toDouble() * 100)},
                                                    {u"quantity"_s, quantity.toInt()},
                                                    {u"is_enabled"_s, offering[u"is_enabled"_s].toBool()}}}}};
}

QString InventoryValidator::onPropertyError(const QJsonArray &products, const QJsonObject &body, const QString &list,
                                            const QString &field)
{
    // Products the listed properties do not tell apart must agree on the field.
    QList<qint64> properties;
    for (const QJsonValue &id : body[list].toArray())
        properties.append(id.toInteger());
    QHash<QString, QJsonValue> byKey;
    for (const QJsonValue &value : products) {
        const QJsonObject product = value.toObject();
        QString key;
        for (qint64 property : std::as_const(properties))
            key += valueOf(product, property) + u'\x1f';
        const QJsonValue fieldValue = field == u"sku"_s ? product[u"sku"_s] : product[u"offerings"_s][0][field];
        if (byKey.contains(key) && byKey.value(key) != fieldValue)
            return u"%1 differs between products, but %2 does not name the properties it varies by"_s.arg(field, list);
        byKey.insert(key, fieldValue);
    }
    return {};
}

QJsonObject InventoryValidator::validate(const QJsonObject &body, bool draft, QString *error)
{
    const QJsonArray input = body[u"products"_s].toArray();
    if (input.isEmpty()) {
        *error = u"products must contain at least one product"_s;
        return {};
    }
    QJsonArray products;
    QHash<qint64, QSet<QString>> valuesByProperty;
    QSet<qint64> firstProperties;
    QSet<QString> combinations;
    bool anythingForSale = false;
    for (int i = 0; i < input.size(); ++i) {
        const QJsonObject normalized = product(input.at(i), i, error);
        if (normalized.isEmpty())
            return {};
        QSet<qint64> properties;
        QStringList combination;
        for (const QJsonValue &entry : normalized[u"property_values"_s].toArray()) {
            const qint64 property = entry[u"property_id"_s].toInteger();
            properties.insert(property);
            valuesByProperty[property].insert(entry[u"values"_s][0].toString().toLower());
            combination.append(u"%1=%2"_s.arg(property).arg(entry[u"values"_s][0].toString().toLower()));
        }
        if (i == 0)
            firstProperties = properties;
        else if (properties != firstProperties) {
            *error = u"products[%1] must use the same properties as every other product"_s.arg(i);
            return {};
        }
        combination.sort();
        if (combinations.contains(combination.join(u'&'))) {
            *error = u"products[%1] duplicates the property values of another product"_s.arg(i);
            return {};
        }
        combinations.insert(combination.join(u'&'));
        const QJsonObject offering = normalized[u"offerings"_s][0].toObject();
        anythingForSale = anythingForSale || (offering[u"is_enabled"_s].toBool() && offering[u"quantity"_s].toInt() > 0);
        products.append(normalized);
    }
    if (valuesByProperty.size() > MaxProperties) {
        *error = u"products may vary by at most %1 properties (got %2)"_s.arg(MaxProperties).arg(valuesByProperty.size());
        return {};
    }
    for (auto it = valuesByProperty.cbegin(); it != valuesByProperty.cend(); ++it) {
        if (it->size() > MaxValuesPerProperty) {
            *error = u"property %1 has %2 values; at most %3 are allowed"_s.arg(it.key()).arg(it->size()).arg(
                MaxValuesPerProperty);
            return {};
        }
    }
    if (!anythingForSale && !draft) {
        *error = u"At least one offering must be enabled and have a quantity greater than 0"_s;
        return {};
    }
    for (const auto &[list, field] : {std::pair{u"price_on_property"_s, u"price"_s},
                                      std::pair{u"quantity_on_property"_s, u"quantity"_s},
                                      std::pair{u"sku_on_property"_s, u"sku"_s}}) {
        for (const QJsonValue &id : body[list].toArray()) {
            if (!valuesByProperty.contains(id.toInteger())) {
                *error = u"%1 names property %2, which no product has"_s.arg(list).arg(id.toInteger());
                return {};
            }
        }
        if (*error = onPropertyError(products, body, list, field); !error->isEmpty())
            return {};
    }
    return {{u"products"_s, products},
            {u"price_on_property"_s, body[u"price_on_property"_s].toArray()},
            {u"quantity_on_property"_s, body[u"quantity_on_property"_s].toArray()},
            {u"sku_on_property"_s, body[u"sku_on_property"_s].toArray()}};
}

} // namespace storeloom::sandbox::etsy
