#include "gqlschema.h"

#include "gqlparser.h"

namespace storeloom::sandbox::graphql {

using namespace Qt::StringLiterals;

const ArgumentDef *FieldDef::argument(const QString &argumentName) const
{
    for (const ArgumentDef &a : arguments) {
        if (a.name == argumentName)
            return &a;
    }
    return nullptr;
}

const FieldDef *TypeDef::field(const QString &fieldName) const
{
    const auto found = fieldIndex.constFind(fieldName);
    return found == fieldIndex.cend() ? nullptr : &fields[size_t(*found)];
}

namespace {

TypeRef named(const QString &name, bool nonNull)
{
    TypeRef type;
    type.name = name;
    type.nonNull = nonNull;
    return type;
}

TypeRef listOf(const QString &name)
{
    TypeRef type;
    type.nonNull = true;
    type.ofType = std::make_shared<TypeRef>(named(name, true));
    return type;
}

QString innermost(const TypeRef &type)
{
    return type.ofType ? innermost(*type.ofType) : type.name;
}

// Reads one field definition: name(args): Type @directives
bool readField(Parser &parser, FieldDef *field)
{
    if (!parser.parseName(&field->name))
        return false;
    if (parser.current().is(u"(")) {
        parser.advance();
        while (!parser.current().is(u")")) {
            ArgumentDef argument;
            if (!parser.parseName(&argument.name) || !parser.expect(u":") ||
                !parser.parseType(&argument.type))
                return false;
            if (parser.current().is(u"=")) {
                parser.advance();
                Value value;
                if (!parser.parseValue(true, &value))
                    return false;
                argument.defaultValue = std::move(value);
            }
            field->arguments.push_back(std::move(argument));
        }
        parser.advance();
    }
    std::vector<Directive> directives;
    if (!parser.expect(u":") || !parser.parseType(&field->type) ||
        !parser.parseDirectives(true, &directives))
        return false;
    for (const Directive &directive : directives) {
        if (directive.name == u"access"_s && !directive.arguments.empty())
            field->requiredScope = directive.arguments.front().value.text;
    }
    field->namedType = innermost(field->type);
    return true;
}

} // namespace

Schema Schema::fromSdl(const QString &sdl, QString *error)
{
    Schema schema;
    for (const QString &scalar : {u"Int"_s, u"Float"_s, u"String"_s, u"Boolean"_s, u"ID"_s})
        schema.m_types.insert(scalar, TypeDef{scalar, TypeDef::Kind::Scalar, {}, {}, {}, false, {}});
    Parser parser(sdl);
    while (parser.current().type != Token::Type::End && !parser.failed()) {
        TypeDef type;
        QString keyword;
        if (!parser.parseName(&keyword) || !parser.parseName(&type.name))
            break;
        if (keyword == u"scalar"_s) {
            type.kind = TypeDef::Kind::Scalar;
        } else if (keyword == u"enum"_s) {
            type.kind = TypeDef::Kind::Enum;
            if (!parser.expect(u"{"))
                break;
            QString value;
            while (!parser.current().is(u"}") && parser.parseName(&value))
                type.enumValues.append(value);
            parser.expect(u"}");
        } else if (keyword == u"type"_s || keyword == u"interface"_s) {
            type.kind = keyword == u"type"_s ? TypeDef::Kind::Object : TypeDef::Kind::Interface;
            if (parser.current().isName(u"implements")) {
                parser.advance();
                QString interface;
                while (parser.current().type == Token::Type::Name && parser.parseName(&interface)) {
                    type.interfaces.append(interface);
                    if (parser.current().is(u"&"))
                        parser.advance();
                }
            }
            if (!parser.expect(u"{"))
                break;
            while (!parser.current().is(u"}") && !parser.failed()) {
                FieldDef field;
                if (readField(parser, &field))
                    type.fields.push_back(std::move(field));
            }
            parser.expect(u"}");
        } else {
            parser.fail(u"unexpected definition "_s + keyword);
        }
        schema.m_types.insert(type.name, std::move(type));
    }
    if (parser.failed()) {
        *error = parser.error().message;
        return {};
    }
    schema.finish();
    return schema;
}

void Schema::addConnectionTypes(const QString &nodeType)
{
    const QString connection = nodeType + u"Connection"_s;
    const QString edge = nodeType + u"Edge"_s;
    if (!m_types.contains(edge)) {
        TypeDef type{edge, TypeDef::Kind::Object, {}, {}, {}, false, {}};
        type.fields.push_back({u"cursor"_s, named(u"String"_s, true), {}, {}, {}, {}});
        type.fields.push_back({u"node"_s, named(nodeType, true), {}, {}, {}, {}});
        m_types.insert(edge, std::move(type));
    }
    if (!m_types.contains(connection)) {
        TypeDef type{connection, TypeDef::Kind::Object, {}, {}, {}, true, {}};
        type.fields.push_back({u"edges"_s, listOf(edge), {}, {}, {}, {}});
        type.fields.push_back({u"nodes"_s, listOf(nodeType), {}, {}, {}, {}});
        type.fields.push_back({u"pageInfo"_s, named(u"PageInfo"_s, true), {}, {}, {}, {}});
        m_types.insert(connection, std::move(type));
    }
}

void Schema::finish()
{
    QStringList wanted;
    for (const TypeDef &type : std::as_const(m_types)) {
        for (const FieldDef &field : type.fields) {
            const QString name = innermost(field.type);
            if (name.endsWith(u"Connection"_s) && !m_types.contains(name))
                wanted.append(name.chopped(10));
        }
    }
    for (const QString &nodeType : std::as_const(wanted))
        addConnectionTypes(nodeType);
    for (TypeDef &type : m_types) {
        type.isConnection = type.kind == TypeDef::Kind::Object && type.name.endsWith(u"Connection"_s);
        type.fieldIndex.clear();
        for (qsizetype i = 0; i < qsizetype(type.fields.size()); ++i) {
            FieldDef &field = type.fields[size_t(i)];
            type.fieldIndex.insert(field.name, i);
            field.namedType = innermost(field.type);
            const TypeDef *target = this->type(field.namedType);
            if (!target || target->isLeaf())
                field.shape = FieldDef::Shape::Leaf;
            else if (field.type.isList() || (field.type.ofType && field.type.ofType->isList()))
                field.shape = FieldDef::Shape::ObjectList;
            else if (field.namedType.endsWith(u"Connection"_s))
                field.shape = FieldDef::Shape::Connection;
            else
                field.shape = FieldDef::Shape::Object;
        }
    }
}

const TypeDef *Schema::type(const QString &name) const
{
    const auto found = m_types.constFind(name);
    return found == m_types.cend() ? nullptr : &*found;
}

bool Schema::isSubtype(const QString &concrete, const QString &abstract) const
{
    if (concrete == abstract)
        return true;
    const TypeDef *type = this->type(concrete);
    return type && type->interfaces.contains(abstract);
}

const FieldDef *Schema::findField(const QString &typeName, const QString &fieldName) const
{
    const TypeDef *type = this->type(typeName);
    if (!type)
        return nullptr;
    if (const FieldDef *field = type->field(fieldName); field || !type->isAbstract())
        return field;
    for (const TypeDef &candidate : m_types) {
        if (candidate.interfaces.contains(typeName)) {
            if (const FieldDef *field = candidate.field(fieldName))
                return field;
        }
    }
    return nullptr;
}

bool Schema::overlaps(const QString &parent, const QString &condition) const
{
    if (isSubtype(parent, condition) || isSubtype(condition, parent))
        return true;
    // Two interfaces overlap when some object type implements both.
    for (const TypeDef &type : m_types) {
        if (type.kind == TypeDef::Kind::Object && isSubtype(type.name, parent) &&
            isSubtype(type.name, condition))
            return true;
    }
    return false;
}

} // namespace storeloom::sandbox::graphql
