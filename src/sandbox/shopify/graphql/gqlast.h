#pragma once

#include <QString>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

// The executable-document subset of GraphQL (October 2021 spec): operations,
// fragments, selections, arguments, variables and directives.
namespace storeloom::sandbox::graphql {

struct SourceLocation
{
    int line = 0;
    int column = 0;
};

struct Value
{
    enum class Kind { Null, Int, Float, String, Boolean, Enum, List, Object, Variable };
    Kind kind = Kind::Null;
    QString text; // Int/Float literal, String content, Enum name, Variable name
    bool boolean = false;
    std::vector<Value> items;                      // List
    std::vector<std::pair<QString, Value>> fields; // Object
    SourceLocation location;
};

// `Int!`, `[String!]`: a named type, or a list of `ofType`, maybe non-null.
struct TypeRef
{
    QString name;
    bool nonNull = false;
    std::shared_ptr<const TypeRef> ofType;

    bool isList() const { return bool(ofType); }
    QString toString() const
    {
        const QString inner = ofType ? u'[' + ofType->toString() + u']' : name;
        return nonNull ? inner + u'!' : inner;
    }
};

struct Argument
{
    QString name;
    Value value;
    SourceLocation location;
};

struct Directive
{
    QString name;
    std::vector<Argument> arguments;
    SourceLocation location;
};

struct Selection
{
    enum class Kind { Field, FragmentSpread, InlineFragment };
    Kind kind = Kind::Field;
    SourceLocation location;
    QString alias;         // Field
    QString name;          // Field name, or the spread fragment's name
    QString typeCondition; // InlineFragment; empty when it has none
    std::vector<Argument> arguments;
    std::vector<Directive> directives;
    std::vector<Selection> selections;

    QString responseKey() const { return alias.isEmpty() ? name : alias; }
    const Argument *argument(const QString &argumentName) const
    {
        for (const Argument &a : arguments) {
            if (a.name == argumentName)
                return &a;
        }
        return nullptr;
    }
};
using SelectionSet = std::vector<Selection>;

struct VariableDefinition
{
    QString name;
    TypeRef type;
    std::optional<Value> defaultValue;
    SourceLocation location;
};

struct Operation
{
    enum class Type { Query, Mutation, Subscription };
    Type type = Type::Query;
    QString name;
    std::vector<VariableDefinition> variables;
    std::vector<Directive> directives;
    SelectionSet selections;
    SourceLocation location;

    // graphql-ruby's first path element in validation errors: "query Name".
    QString pathName() const
    {
        const QString keyword = type == Type::Mutation       ? QStringLiteral("mutation")
                                : type == Type::Subscription ? QStringLiteral("subscription")
                                                             : QStringLiteral("query");
        return name.isEmpty() ? keyword : keyword + u' ' + name;
    }
};

struct Fragment
{
    QString name;
    QString typeCondition;
    std::vector<Directive> directives;
    SelectionSet selections;
    SourceLocation location;
};

struct Document
{
    std::vector<Operation> operations;
    std::vector<Fragment> fragments;

    const Fragment *fragment(const QString &name) const
    {
        for (const Fragment &f : fragments) {
            if (f.name == name)
                return &f;
        }
        return nullptr;
    }
};

} // namespace storeloom::sandbox::graphql
