#pragma once

#include "gqlschema.h"

#include <QJsonObject>
#include <QJsonValue>

namespace storeloom::sandbox::graphql {

// Input values against their declared types: JSON variables coerced as the
// spec says (a single value where a list is expected becomes a list of one),
// literals checked, and both turned into the JSON resolvers read.
class InputCoercion
{
public:
    explicit InputCoercion(const Schema &schema) : m_schema(schema) {}

    // False with graphql-ruby's explanation ("Expected value to not be null").
    bool coerceVariable(const TypeRef &type, const QJsonValue &input, QJsonValue *output,
                        QString *explanation) const;
    // A literal fits its type; variables inside it are checked elsewhere.
    bool literalFits(const TypeRef &type, const Value &literal) const;

    // A literal as JSON, variables replaced by their (coerced) values.
    static QJsonValue toJson(const Value &literal, const QJsonObject &variables);
    // A field's arguments as resolvers read them: given ones, else defaults.
    static QJsonObject fieldArguments(const FieldDef &def, const Selection &selection,
                                      const QJsonObject &variables);
    // How graphql-ruby prints a literal in messages: 300, "abc", [1, 2].
    static QString print(const Value &literal);

private:
    bool coerceNamed(const QString &typeName, const QJsonValue &input, QJsonValue *output,
                     QString *explanation) const;

    const Schema &m_schema;
};

} // namespace storeloom::sandbox::graphql
