#include "bulkquerycheck.h"

#include "shopify/api/shopifyschema.h"
#include "shopify/graphql/fieldcollector.h"
#include "shopify/graphql/gqlparser.h"
#include "shopify/graphql/gqlvalidator.h"

namespace storeloom::sandbox::shopify {

using namespace Qt::StringLiterals;
using namespace graphql;

namespace {

BulkUserError invalid(const QString &message)
{
    return {QJsonArray{u"query"_s}, message, u"INVALID"_s};
}

struct Walk
{
    const Schema &schema;
    const FieldCollector &collector;
    int connections = 0;
    bool tooDeep = false;
    QStringList parentsWithoutId;

    // The selections a connection's nodes get: `nodes { … }` and `edges { node { … } }`.
    std::vector<const SelectionSet *> nodeSelections(const FieldDef &def, const CollectedField &field) const
    {
        std::vector<const SelectionSet *> sets;
        const TypeDef *connection = schema.type(def.namedType);
        for (const CollectedField &part : collector.collect(connection->name, field.subSelections, false)) {
            if (part.first->name == u"nodes"_s) {
                sets.insert(sets.end(), part.subSelections.begin(), part.subSelections.end());
            } else if (part.first->name == u"edges"_s) {
                const TypeDef *edge = schema.type(connection->field(u"edges"_s)->namedType);
                for (const CollectedField &inner : collector.collect(edge->name, part.subSelections, false)) {
                    if (inner.first->name == u"node"_s)
                        sets.insert(sets.end(), inner.subSelections.begin(), inner.subSelections.end());
                }
            }
        }
        return sets;
    }

    void visit(const QString &typeName, const std::vector<const SelectionSet *> &sets, int depth,
               bool lineSelectsId)
    {
        for (const CollectedField &field : collector.collect(typeName, sets, false)) {
            const FieldDef *def = schema.findField(typeName, field.first->name);
            if (!def || def->shape == FieldDef::Shape::Leaf)
                continue;
            if (def->shape != FieldDef::Shape::Connection) {
                visit(def->namedType, field.subSelections, depth, lineSelectsId);
                continue;
            }
            ++connections;
            tooDeep = tooDeep || depth + 1 > BulkQueryCheck::MaxDepth;
            if (depth > 0 && !lineSelectsId)
                parentsWithoutId.append(def->name);
            const auto nodes = nodeSelections(*def, field);
            const QString nodeType = schema.type(def->namedType)->field(u"nodes"_s)->namedType;
            bool selectsId = false;
            for (const CollectedField &f : collector.collect(nodeType, nodes, false))
                selectsId = selectsId || (f.first->name == u"id"_s && f.first->alias.isEmpty());
            visit(nodeType, nodes, depth + 1, selectsId);
        }
    }
};

} // namespace

std::optional<Document> BulkQueryCheck::check(const QString &query, std::vector<BulkUserError> *errors)
{
    auto parsed = Parser(query).parseDocument();
    if (const auto *syntax = std::get_if<SyntaxError>(&parsed)) {
        errors->push_back(invalid(u"Invalid bulk query: "_s + syntax->message));
        return std::nullopt;
    }
    Document document = std::get<Document>(std::move(parsed));
    const Schema &schema = shopifySchema();
    if (document.operations.size() != 1 || document.operations.front().type != Operation::Type::Query) {
        errors->push_back(invalid(u"Invalid bulk query: the document must hold exactly one query operation."_s));
        return std::nullopt;
    }
    const std::vector<Error> validation = Validator(schema, document).validate();
    if (!validation.empty()) {
        errors->push_back(invalid(u"Invalid bulk query: "_s + validation.front().message));
        return std::nullopt;
    }
    const QJsonObject noVariables;
    const FieldCollector collector(schema, document, noVariables);
    const Operation &operation = document.operations.front();
    for (const CollectedField &field : collector.collect(schema.queryType()->name, {&operation.selections})) {
        const FieldDef *def = schema.queryType()->field(field.first->name);
        if (!def || def->shape != FieldDef::Shape::Connection) {
            errors->push_back(invalid(u"Bulk queries must start with a connection field; '%1' is not one."_s.arg(
                field.first->name)));
            return std::nullopt;
        }
    }
    Walk walk{schema, collector, 0, false, {}};
    walk.visit(schema.queryType()->name, {&operation.selections}, 0, true);
    if (walk.connections == 0)
        errors->push_back(invalid(u"Bulk queries must contain at least one connection."_s));
    if (walk.connections > MaxConnections) {
        errors->push_back(invalid(u"Bulk queries cannot contain more than %1 connections."_s.arg(MaxConnections)));
    }
    if (walk.tooDeep) {
        errors->push_back(invalid(
            u"Bulk queries cannot contain connections with a nesting depth greater than %1."_s.arg(MaxDepth)));
    }
    if (!walk.parentsWithoutId.isEmpty()) {
        errors->push_back(invalid(u"The parent 'node' field for a nested connection must select the 'id' field "
                                  "without an alias. Connection fields without 'id': %1."_s
                                      .arg(walk.parentsWithoutId.join(u", "_s))));
    }
    if (!errors->empty())
        return std::nullopt;
    return document;
}

QString BulkQueryCheck::missingScope(const Document &document, const QStringList &granted)
{
    const Schema &schema = shopifySchema();
    for (const Selection &selection : document.operations.front().selections) {
        const FieldDef *def = schema.queryType()->field(selection.name);
        if (!def || def->requiredScope.isEmpty())
            continue;
        const QString write = u"write_"_s + def->requiredScope.mid(5);
        if (!granted.contains(def->requiredScope) && !granted.contains(write))
            return def->requiredScope;
    }
    return {};
}

} // namespace storeloom::sandbox::shopify
