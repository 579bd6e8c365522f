#include "gqlinput.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace storeloom::sandbox::graphql {

using namespace Qt::StringLiterals;

namespace {

bool isInt32(double value)
{
    return std::isfinite(value) && std::floor(value) == value && value >= -2147483648.0 &&
           value <= 2147483647.0;
}

} // namespace

bool InputCoercion::coerceVariable(const TypeRef &type, const QJsonValue &input, QJsonValue *output,
                                   QString *explanation) const
{
    if (input.isNull() || input.isUndefined()) {
        if (type.nonNull) {
            *explanation = u"Expected value to not be null"_s;
            return false;
        }
        *output = QJsonValue::Null;
        return true;
    }
    if (!type.isList())
        return coerceNamed(type.name, input, output, explanation);
    QJsonArray items;
    const QJsonArray inputs = input.isArray() ? input.toArray() : QJsonArray{input};
    for (const QJsonValue &item : inputs) {
        QJsonValue coerced;
        if (!coerceVariable(*type.ofType, item, &coerced, explanation))
            return false;
        items.append(coerced);
    }
    *output = items;
    return true;
}

bool InputCoercion::coerceNamed(const QString &typeName, const QJsonValue &input, QJsonValue *output,
                                QString *explanation) const
{
    const TypeDef *type = m_schema.type(typeName);
    bool ok = true;
    if (typeName == u"Int"_s) {
        ok = input.isDouble() && isInt32(input.toDouble());
    } else if (typeName == u"Float"_s) {
        ok = input.isDouble();
    } else if (typeName == u"String"_s) {
        ok = input.isString();
    } else if (typeName == u"ID"_s) {
        ok = input.isString() || (input.isDouble() && std::floor(input.toDouble()) == input.toDouble());
        if (ok && input.isDouble()) {
            *output = QString::number(qint64(input.toDouble()));
            return true;
        }
    } else if (typeName == u"Boolean"_s) {
        ok = input.isBool();
    } else if (type && type->kind == TypeDef::Kind::Enum) {
        ok = input.isString() && type->enumValues.contains(input.toString());
        if (!ok) {
            *explanation = u"Expected \"%1\" to be one of: %2"_s.arg(input.toVariant().toString(),
                                                                   type->enumValues.join(u", "_s));
            return false;
        }
    }
    if (!ok) {
        *explanation = u"Could not coerce value %1 to %2"_s.arg(
            QString::fromUtf8(QJsonDocument(QJsonArray{input}).toJson(QJsonDocument::Compact)).mid(1).chopped(1),
            typeName);
        return false;
    }
    *output = input;
    return true;
}

bool InputCoercion::literalFits(const TypeRef &type, const Value &literal) const
{
    if (literal.kind == Value::Kind::Variable)
        return true;
    if (literal.kind == Value::Kind::Null)
        return !type.nonNull;
    if (type.isList()) {
        if (literal.kind != Value::Kind::List)
            return literalFits(*type.ofType, literal);
        for (const Value &item : literal.items) {
            if (!literalFits(*type.ofType, item))
                return false;
        }
        return true;
    }
    const QString &name = type.name;
    const TypeDef *def = m_schema.type(name);
    if (name == u"Int"_s)
        return literal.kind == Value::Kind::Int && isInt32(literal.text.toDouble());
    if (name == u"Float"_s)
        return literal.kind == Value::Kind::Int || literal.kind == Value::Kind::Float;
    if (name == u"String"_s)
        return literal.kind == Value::Kind::String;
    if (name == u"ID"_s)
        return literal.kind == Value::Kind::String || literal.kind == Value::Kind::Int;
    if (name == u"Boolean"_s)
        return literal.kind == Value::Kind::Boolean;
    if (def && def->kind == TypeDef::Kind::Enum)
        return literal.kind == Value::Kind::Enum && def->enumValues.contains(literal.text);
    return true;
}

QJsonObject InputCoercion::fieldArguments(const FieldDef &def, const Selection &selection,
                                          const QJsonObject &variables)
{
    QJsonObject values;
    for (const ArgumentDef &argument : def.arguments) {
        const Argument *given = selection.argument(argument.name);
        // A variable the request left out falls back to the argument's default.
        const bool absentVariable = given && given->value.kind == Value::Kind::Variable &&
                                    !variables.contains(given->value.text);
        if (given && !absentVariable)
            values.insert(argument.name, toJson(given->value, variables));
        else if (argument.defaultValue)
            values.insert(argument.name, toJson(*argument.defaultValue, {}));
    }
    return values;
}

QJsonValue InputCoercion::toJson(const Value &literal, const QJsonObject &variables)
{
    switch (literal.kind) {
    case Value::Kind::Null: return QJsonValue::Null;
    case Value::Kind::Int: return literal.text.toDouble();
    case Value::Kind::Float: return literal.text.toDouble();
    case Value::Kind::String:
    case Value::Kind::Enum: return literal.text;
    case Value::Kind::Boolean: return literal.boolean;
    case Value::Kind::Variable: return variables.value(literal.text);
    case Value::Kind::List: {
        QJsonArray items;
        for (const Value &item : literal.items)
            items.append(toJson(item, variables));
        return items;
    }
    case Value::Kind::Object: {
        QJsonObject object;
        for (const auto &[name, value] : literal.fields)
            object.insert(name, toJson(value, variables));
        return object;
    }
    }
    return QJsonValue::Null;
}

QString InputCoercion::print(const Value &literal)
{
    switch (literal.kind) {
    case Value::Kind::Null: return u"null"_s;
    case Value::Kind::String: return u'"' + literal.text + u'"';
    case Value::Kind::Boolean: return literal.boolean ? u"true"_s : u"false"_s;
    case Value::Kind::Variable: return u'$' + literal.text;
    case Value::Kind::List: {
        QStringList items;
        for (const Value &item : literal.items)
            items.append(print(item));
        return u'[' + items.join(u", "_s) + u']';
    }
    case Value::Kind::Object: {
        QStringList fields;
        for (const auto &[name, value] : literal.fields)
            fields.append(name + u": "_s + print(value));
        return u'{' + fields.join(u", "_s) + u'}';
    }
    default: return literal.text;
    }
}

} // namespace storeloom::sandbox::graphql
