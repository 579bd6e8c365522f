#include "querycost.h"

#include "gqlinput.h"

namespace storeloom::sandbox::graphql {

using namespace Qt::StringLiterals;

QueryCost::QueryCost(const Schema &schema, const Document &document, const QJsonObject &variables)
    : m_schema(schema), m_variables(variables), m_collector(schema, document, variables)
{
}

qint64 QueryCost::requested(const Operation &operation, std::vector<Error> *errors)
{
    m_errors = errors;
    if (operation.type == Operation::Type::Mutation) {
        const TypeDef *root = m_schema.mutationType();
        const auto fields = m_collector.collect(root->name, {&operation.selections}, false);
        return qint64(fields.size()) * MutationCost;
    }
    return selectionCost(m_schema.queryType()->name, {&operation.selections});
}

qint64 QueryCost::selectionCost(const QString &typeName, const std::vector<const SelectionSet *> &sets)
{
    if (sets.empty())
        return 0;
    qint64 cost = 0;
    for (const CollectedField &field : m_collector.collect(typeName, sets, false)) {
        const FieldDef *def = m_schema.findField(typeName, field.first->name);
        if (!def)
            continue; // __typename, or an unknown field validation reports
        m_path.push_back(field.responseKey);
        cost += fieldCost(*def, field);
        m_path.pop_back();
    }
    return cost;
}

qint64 QueryCost::fieldCost(const FieldDef &def, const CollectedField &field)
{
    switch (def.shape) {
    case FieldDef::Shape::Leaf:
        return 0;
    case FieldDef::Shape::Object:
    case FieldDef::Shape::ObjectList:
        return 1 + selectionCost(def.namedType, field.subSelections);
    case FieldDef::Shape::Connection:
        return connectionCost(def, field);
    }
    return 0;
}

qint64 QueryCost::connectionCost(const FieldDef &def, const CollectedField &field)
{
    const QJsonObject args = InputCoercion::fieldArguments(def, *field.first, m_variables);
    const QJsonValue first = args.value(u"first"_s);
    const QJsonValue last = args.value(u"last"_s);
    const QString sizeArgument = first.isDouble() ? u"first"_s : u"last"_s;
    const QJsonValue size = first.isDouble() ? first : last;
    if (!size.isDouble()) {
        pagingError(field, u"you must provide one of first or last"_s, {});
        return 0;
    }
    const qint64 n = qint64(size.toDouble());
    if (n > MaxPageSize || n < 0) {
        pagingError(field,
                    u"The '%1' argument on field '%2' must be between 0 and %3 (was %4)."_s
                        .arg(sizeArgument, def.name)
                        .arg(MaxPageSize)
                        .arg(n),
                    {{u"code"_s, u"MAX_PAGE_SIZE_EXCEEDED"_s},
                     {u"argumentName"_s, sizeArgument},
                     {u"maxPageSize"_s, MaxPageSize}});
        return 0;
    }
    const TypeDef *connection = m_schema.type(def.namedType);
    qint64 cost = 1;
    for (const CollectedField &part : m_collector.collect(connection->name, field.subSelections, false)) {
        const FieldDef *partDef = connection->field(part.first->name);
        if (!partDef)
            continue;
        m_path.push_back(part.responseKey);
        if (partDef->name == u"nodes"_s)
            cost += n * (1 + selectionCost(partDef->namedType, part.subSelections));
        else if (partDef->name == u"edges"_s)
            cost += n * selectionCost(partDef->namedType, part.subSelections);
        else
            cost += fieldCost(*partDef, part);
        m_path.pop_back();
    }
    return cost;
}

void QueryCost::pagingError(const CollectedField &field, const QString &message,
                            const QJsonObject &extensions)
{
    Error error;
    error.message = message;
    error.locations = {field.first->location};
    for (const QJsonValue &step : m_path)
        error.path.append(step);
    error.extensions = extensions;
    m_errors->push_back(std::move(error));
}

} // namespace storeloom::sandbox::graphql
