#pragma once

#include "fieldcollector.h"
#include "gqlerror.h"
#include "jsonwriter.h"

#include <functional>
#include <map>
#include <memory>

namespace storeloom::sandbox::graphql {

// A value of an object type during execution: its runtime type and whatever
// the resolvers need to find it again (pointers into the catalog, which
// stays read-locked while a document executes, plus two numbers).
struct ObjRef
{
    const TypeDef *type = nullptr;
    const void *ptr = nullptr;
    const void *owner = nullptr;
    qint64 a = 0;
    qint64 b = 0;

    explicit operator bool() const { return type != nullptr; }
    template<typename T> const T *as() const { return static_cast<const T *>(ptr); }
    template<typename T> const T *ownerAs() const { return static_cast<const T *>(owner); }
};

// One page of a connection. The executor answers edges, nodes, pageInfo,
// cursor and node from it; resolvers only build it.
struct ConnectionPage
{
    std::vector<ObjRef> nodes;
    std::function<QString(size_t)> cursorAt; // built on demand: bulk exports never ask
    bool hasNextPage = false;
    bool hasPreviousPage = false;
};

// Keeps values resolvers create (pages, snapshots) alive for one execution.
class Arena
{
public:
    template<typename T> T *make(T value)
    {
        auto owned = std::make_shared<T>(std::move(value));
        m_items.push_back(owned);
        return owned.get();
    }

private:
    std::vector<std::shared_ptr<void>> m_items;
};

struct Resolved
{
    enum class Kind { Leaf, Text, Object, List };
    Kind kind = Kind::Leaf;
    QJsonValue leaf;
    QString text; // Text: the common case, kept out of QJsonValue (which allocates)
    ObjRef object;
    std::vector<ObjRef> list;

    static Resolved value(QJsonValue v) { return {Kind::Leaf, std::move(v), {}, {}, {}}; }
    static Resolved value(QString s) { return {Kind::Text, {}, std::move(s), {}, {}}; }
    static Resolved value(bool b) { return value(QJsonValue(b)); }
    static Resolved value(int n) { return value(QJsonValue(n)); }
    static Resolved value(qint64 n) { return value(QJsonValue(n)); }
    static Resolved value(double d) { return value(QJsonValue(d)); }
    static Resolved null() { return {Kind::Leaf, QJsonValue::Null, {}, {}, {}}; }
    static Resolved of(ObjRef o) { return {Kind::Object, {}, {}, o, {}}; }
    static Resolved listOf(std::vector<ObjRef> l) { return {Kind::List, {}, {}, {}, std::move(l)}; }
    QJsonValue json() const { return kind == Kind::Text ? QJsonValue(text) : leaf; }
};

class Executor;

// What a resolver gets: the parent value, the field, its arguments (JSON,
// defaults applied) and a way to report an error at this field.
struct FieldContext
{
    const ObjRef &parent;
    const FieldDef &field;
    const QJsonObject &arguments;
    Arena &arena;
    std::vector<Error> *errors;
    const Executor *executor = nullptr; // for the error's path; null outside an execution
    SourceLocation location;

    Resolved fail(const QString &message, const QJsonObject &extensions = {});
};

class Resolvers
{
public:
    virtual ~Resolvers() = default;
    virtual Resolved resolve(FieldContext &context) = 0;
};

// Executes a validated operation, writing its data as JSON in document
// order, and counts the actual cost the same way QueryCost counts the
// requested one (see querycost.h).
class Executor
{
public:
    Executor(const Schema &schema, const Document &document, const QJsonObject &variables,
             Resolvers &resolvers);

    void execute(const Operation &operation, JsonWriter *out);
    // Writes `object` with these selections (used by bulk exports per line).
    void writeObject(const ObjRef &object, const std::vector<const SelectionSet *> &sets,
                     JsonWriter *out);
    // Bulk mode: connection fields are not written but handed to `hook`.
    using ConnectionHook = std::function<void(const ObjRef &parent, const CollectedField &field)>;
    void deferConnections(ConnectionHook hook) { m_deferConnections = std::move(hook); }

    // The arguments of a field as resolvers see them.
    QJsonObject arguments(const FieldDef &def, const Selection &selection) const;
    Resolved resolve(const ObjRef &parent, const FieldDef &def, const CollectedField &field);

    qint64 actualCost() const { return m_actualCost; }
    const std::vector<Error> &errors() const { return m_errors; }
    std::vector<Error> &errors() { return m_errors; }
    Arena &arena() { return m_arena; }
    const FieldCollector &collector() const { return m_collector; }
    const Schema &schema() const { return m_schema; }
    // The response path of the field being resolved, for errors.
    QJsonArray path() const;

private:
    void writeField(const ObjRef &parent, const CollectedField &field, JsonWriter *out);
    const std::vector<CollectedField> &fieldsOf(const TypeDef *type, const std::vector<const SelectionSet *> &sets);
    Resolved resolveBuiltIn(const ObjRef &parent, const FieldDef &def, bool *handled);
    void charge(const ObjRef &parent, const FieldDef &def, const Resolved &value);

    const Schema &m_schema;
    const QJsonObject &m_variables;
    Resolvers &m_resolvers;
    FieldCollector m_collector;
    Arena m_arena;
    // Field collection depends only on the type and the selections (the
    // variables are fixed), so a page or an export collects each shape once.
    using ShapeKey = std::pair<const TypeDef *, std::vector<const SelectionSet *>>;
    using ShapeView = std::pair<const TypeDef *, const std::vector<const SelectionSet *> *>;
    struct ShapeLess
    {
        using is_transparent = void;
        static ShapeView view(const ShapeKey &k) { return {k.first, &k.second}; }
        static ShapeView view(const ShapeView &v) { return v; }
        template<typename A, typename B> bool operator()(const A &a, const B &b) const
        {
            const ShapeView x = view(a);
            const ShapeView y = view(b);
            return x.first != y.first ? x.first < y.first : *x.second < *y.second;
        }
    };
    std::map<ShapeKey, std::vector<CollectedField>, ShapeLess> m_collected;
    std::vector<Error> m_errors;
    struct PathStep
    {
        QString key;
        qint64 index = -1;
    };
    std::vector<PathStep> m_path;
    ConnectionHook m_deferConnections;
    qint64 m_actualCost = 0;
    int m_freeDepth = 0; // inside a mutation's payload: already paid for
    const TypeDef *m_pageInfo = nullptr;
};

} // namespace storeloom::sandbox::graphql
