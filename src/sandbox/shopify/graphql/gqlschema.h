#pragma once

#include "gqlast.h"

#include <QHash>
#include <QStringList>

namespace storeloom::sandbox::graphql {

struct ArgumentDef
{
    QString name;
    TypeRef type;
    std::optional<Value> defaultValue;
};

struct FieldDef
{
    // What a field returns, as far as execution and cost care: a leaf
    // (scalar, enum or a list of them), one object, a list of objects, or a
    // Relay connection (an object type named "…Connection").
    enum class Shape { Leaf, Object, ObjectList, Connection };

    QString name;
    TypeRef type;
    std::vector<ArgumentDef> arguments;
    QString requiredScope; // from @access(scope: "read_products"); empty: none
    Shape shape = Shape::Leaf;
    QString namedType; // the innermost named type

    const ArgumentDef *argument(const QString &argumentName) const;
};

struct TypeDef
{
    enum class Kind { Scalar, Enum, Object, Interface };

    QString name;
    Kind kind = Kind::Object;
    std::vector<FieldDef> fields;
    QStringList interfaces;
    QStringList enumValues;
    bool isConnection = false;

    const FieldDef *field(const QString &fieldName) const;
    bool isLeaf() const { return kind == Kind::Scalar || kind == Kind::Enum; }
    bool isAbstract() const { return kind == Kind::Interface; }

    QHash<QString, qsizetype> fieldIndex; // filled by Schema
};

// Types read from SDL (`type`, `interface`, `enum`, `scalar`, field
// arguments with defaults, an `@access(scope:)` directive on fields). A
// referenced `XConnection` / `XEdge` that the SDL leaves out is generated
// with `edges`, `nodes`, `pageInfo` and `cursor`, `node`.
class Schema
{
public:
    // Empty schema and a message when the SDL does not read.
    static Schema fromSdl(const QString &sdl, QString *error);

    const TypeDef *type(const QString &name) const;
    const TypeDef *queryType() const { return type(QStringLiteral("QueryRoot")); }
    const TypeDef *mutationType() const { return type(QStringLiteral("Mutation")); }
    // `concrete` is `abstract` or implements it.
    bool isSubtype(const QString &concrete, const QString &abstract) const;
    // A field of `typeName`, or for an interface of a type implementing it
    // (a field selected through an inline fragment on that type).
    const FieldDef *findField(const QString &typeName, const QString &fieldName) const;
    // A fragment on `condition` can apply to a value of type `parent`.
    bool overlaps(const QString &parent, const QString &condition) const;

private:
    void addConnectionTypes(const QString &nodeType);
    void finish();

    QHash<QString, TypeDef> m_types;
};

} // namespace storeloom::sandbox::graphql
