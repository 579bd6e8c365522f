#include "gqlexecutor.h"

#include "gqlinput.h"
#include "querycost.h"

namespace storeloom::sandbox::graphql {

using namespace Qt::StringLiterals;

Resolved FieldContext::fail(const QString &message, const QJsonObject &extensions)
{
    Error error;
    error.message = message;
    error.locations = {location};
    if (executor)
        error.path = executor->path();
    error.extensions = extensions;
    errors->push_back(std::move(error));
    return Resolved::null();
}

QJsonArray Executor::path() const
{
    QJsonArray steps;
    for (const PathStep &step : m_path)
        steps.append(step.index < 0 ? QJsonValue(step.key) : QJsonValue(step.index));
    return steps;
}

Executor::Executor(const Schema &schema, const Document &document, const QJsonObject &variables,
                   Resolvers &resolvers)
    : m_schema(schema),
      m_variables(variables),
      m_resolvers(resolvers),
      m_collector(schema, document, variables),
      m_pageInfo(schema.type(u"PageInfo"_s))
{
}

void Executor::execute(const Operation &operation, JsonWriter *out)
{
    const bool mutation = operation.type == Operation::Type::Mutation;
    const TypeDef *root = mutation ? m_schema.mutationType() : m_schema.queryType();
    const ObjRef rootRef{root, nullptr, nullptr, 0, 0};
    out->beginObject();
    for (const CollectedField &field : m_collector.collect(root->name, {&operation.selections})) {
        if (mutation) {
            m_actualCost += QueryCost::MutationCost;
            ++m_freeDepth;
        }
        writeField(rootRef, field, out);
        if (mutation)
            --m_freeDepth;
    }
    out->endObject();
}

void Executor::writeObject(const ObjRef &object, const std::vector<const SelectionSet *> &sets,
                           JsonWriter *out)
{
    out->beginObject();
    for (const CollectedField &field : fieldsOf(object.type, sets))
        writeField(object, field, out);
    out->endObject();
}

const std::vector<CollectedField> &Executor::fieldsOf(const TypeDef *type,
                                                      const std::vector<const SelectionSet *> &sets)
{
    auto found = m_collected.find(ShapeView{type, &sets});
    if (found == m_collected.end())
        found = m_collected.emplace(ShapeKey{type, sets}, m_collector.collect(type->name, sets)).first;
    return found->second;
}

QJsonObject Executor::arguments(const FieldDef &def, const Selection &selection) const
{
    return InputCoercion::fieldArguments(def, selection, m_variables);
}

Resolved Executor::resolve(const ObjRef &parent, const FieldDef &def, const CollectedField &field)
{
    bool handled = false;
    Resolved value = resolveBuiltIn(parent, def, &handled);
    if (handled)
        return value;
    const QJsonObject args = arguments(def, *field.first);
    FieldContext context{parent, def, args, m_arena, &m_errors, this, field.first->location};
    return m_resolvers.resolve(context);
}

Resolved Executor::resolveBuiltIn(const ObjRef &parent, const FieldDef &def, bool *handled)
{
    *handled = true;
    const QString &name = def.name;
    if (parent.type->isConnection) {
        const auto *page = parent.as<ConnectionPage>();
        if (name == u"nodes"_s)
            return Resolved::listOf(page->nodes);
        if (name == u"pageInfo"_s)
            return Resolved::of({m_pageInfo, page, nullptr, 0, 0});
        if (name == u"edges"_s) {
            const TypeDef *edge = m_schema.type(def.namedType);
            std::vector<ObjRef> edges;
            edges.reserve(page->nodes.size());
            for (size_t i = 0; i < page->nodes.size(); ++i)
                edges.push_back({edge, page, nullptr, qint64(i), 0});
            return Resolved::listOf(std::move(edges));
        }
    } else if (parent.type == m_pageInfo) {
        const auto *page = parent.as<ConnectionPage>();
        if (name == u"hasNextPage"_s)
            return Resolved::value(page->hasNextPage);
        if (name == u"hasPreviousPage"_s)
            return Resolved::value(page->hasPreviousPage);
        const size_t count = page->nodes.size();
        if (name == u"startCursor"_s)
            return count == 0 ? Resolved::null() : Resolved::value(page->cursorAt(0));
        if (name == u"endCursor"_s)
            return count == 0 ? Resolved::null() : Resolved::value(page->cursorAt(count - 1));
    } else if (parent.type->name.endsWith(u"Edge"_s) && parent.ptr) {
        const auto *page = parent.as<ConnectionPage>();
        if (name == u"cursor"_s)
            return Resolved::value(page->cursorAt(size_t(parent.a)));
        if (name == u"node"_s)
            return Resolved::of(page->nodes[size_t(parent.a)]);
    }
    *handled = false;
    return {};
}

// Mirrors QueryCost: objects 1, connections 1, each node 1, edges free,
// lists of objects 1 however long, nothing inside a mutation's payload.
void Executor::charge(const ObjRef &parent, const FieldDef &def, const Resolved &value)
{
    if (m_freeDepth > 0 || def.shape == FieldDef::Shape::Leaf)
        return;
    if (value.kind == Resolved::Kind::Leaf)
        return; // null
    if (def.shape == FieldDef::Shape::ObjectList && parent.type->isConnection) {
        if (def.name == u"nodes"_s)
            m_actualCost += qint64(value.list.size());
        return;
    }
    m_actualCost += 1;
}

void Executor::writeField(const ObjRef &parent, const CollectedField &field, JsonWriter *out)
{
    const QString &name = field.first->name;
    if (name == u"__typename"_s) {
        out->key(field.responseKey);
        out->string(parent.type->name);
        return;
    }
    const FieldDef *def = parent.type->field(name);
    if (!def)
        return; // validation reported it
    if (def->shape == FieldDef::Shape::Connection && m_deferConnections) {
        m_deferConnections(parent, field);
        return;
    }
    m_path.push_back({field.responseKey, -1});
    Resolved value = resolve(parent, *def, field);
    if (value.kind == Resolved::Kind::Object && !value.object)
        value = Resolved::null();
    charge(parent, *def, value);
    out->key(field.responseKey);
    switch (value.kind) {
    case Resolved::Kind::Leaf:
        out->value(value.leaf);
        break;
    case Resolved::Kind::Text:
        out->string(value.text);
        break;
    case Resolved::Kind::Object:
        writeObject(value.object, field.subSelections, out);
        break;
    case Resolved::Kind::List:
        out->beginArray();
        for (size_t i = 0; i < value.list.size(); ++i) {
            m_path.push_back({QString(), qint64(i)});
            if (value.list[i])
                writeObject(value.list[i], field.subSelections, out);
            else
                out->null(); // nodes(ids:) with an unknown id
            m_path.pop_back();
        }
        out->endArray();
        break;
    }
    m_path.pop_back();
}

} // namespace storeloom::sandbox::graphql
