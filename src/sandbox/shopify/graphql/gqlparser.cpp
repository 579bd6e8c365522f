#include "gqlparser.h"

namespace storeloom::sandbox::graphql {

using namespace Qt::StringLiterals;

namespace {
constexpr int MaxDepth = 64;
} // namespace

Parser::Parser(const QString &source) : m_source(source), m_lexer(m_source)
{
    advance();
}

void Parser::advance()
{
    m_token = m_lexer.next();
}

bool Parser::fail(const QString &message)
{
    if (!m_failed) {
        m_failed = true;
        m_error = {u"syntax error, %1 at [%2, %3]"_s.arg(message)
                       .arg(m_token.location.line)
                       .arg(m_token.location.column),
                   m_token.location};
    }
    return false;
}

bool Parser::unexpected()
{
    if (m_token.type == Token::Type::Invalid)
        return fail(m_token.text);
    return fail(u"unexpected "_s + m_token.describe());
}

bool Parser::expect(QStringView punctuator)
{
    if (!m_token.is(punctuator))
        return unexpected();
    advance();
    return true;
}

bool Parser::expectKeyword(QStringView keyword)
{
    if (!m_token.isName(keyword))
        return unexpected();
    advance();
    return true;
}

bool Parser::parseName(QString *name)
{
    if (m_token.type != Token::Type::Name)
        return unexpected();
    *name = m_token.text;
    advance();
    return true;
}

std::variant<Document, SyntaxError> Parser::parseDocument()
{
    Document document;
    if (m_token.type == Token::Type::End) {
        fail(u"unexpected end of file"_s);
        return m_error;
    }
    while (m_token.type != Token::Type::End) {
        if (!parseDefinition(&document))
            return m_error;
    }
    return document;
}

bool Parser::parseDefinition(Document *document)
{
    if (m_token.is(u"{"))
        return parseOperation(document);
    if (m_token.isName(u"fragment"))
        return parseFragment(document);
    if (m_token.isName(u"query") || m_token.isName(u"mutation") || m_token.isName(u"subscription"))
        return parseOperation(document);
    return unexpected();
}

bool Parser::parseOperation(Document *document)
{
    Operation operation;
    operation.location = m_token.location;
    if (!m_token.is(u"{")) {
        operation.type = m_token.text == u"mutation"_s       ? Operation::Type::Mutation
                         : m_token.text == u"subscription"_s ? Operation::Type::Subscription
                                                             : Operation::Type::Query;
        advance();
        if (m_token.type == Token::Type::Name && !parseName(&operation.name))
            return false;
        if (m_token.is(u"(") && !parseVariableDefinitions(&operation.variables))
            return false;
        if (!parseDirectives(false, &operation.directives))
            return false;
    }
    if (!parseSelectionSet(&operation.selections))
        return false;
    document->operations.push_back(std::move(operation));
    return true;
}

bool Parser::parseFragment(Document *document)
{
    Fragment fragment;
    fragment.location = m_token.location;
    advance(); // "fragment"
    if (m_token.isName(u"on"))
        return unexpected();
    if (!parseName(&fragment.name) || !expectKeyword(u"on") || !parseName(&fragment.typeCondition) ||
        !parseDirectives(false, &fragment.directives) || !parseSelectionSet(&fragment.selections))
        return false;
    document->fragments.push_back(std::move(fragment));
    return true;
}

bool Parser::parseVariableDefinitions(std::vector<VariableDefinition> *variables)
{
    advance(); // "("
    do {
        VariableDefinition variable;
        variable.location = m_token.location;
        if (!expect(u"$") || !parseName(&variable.name) || !expect(u":") || !parseType(&variable.type))
            return false;
        if (m_token.is(u"=")) {
            advance();
            Value value;
            if (!parseValue(true, &value))
                return false;
            variable.defaultValue = std::move(value);
        }
        std::vector<Directive> ignored;
        if (!parseDirectives(true, &ignored))
            return false;
        variables->push_back(std::move(variable));
    } while (!m_token.is(u")"));
    return expect(u")");
}

bool Parser::parseType(TypeRef *type)
{
    if (m_token.is(u"[")) {
        advance();
        auto inner = std::make_shared<TypeRef>();
        if (++m_depth > MaxDepth)
            return fail(u"type nested too deeply"_s);
        const bool ok = parseType(inner.get()) && expect(u"]");
        --m_depth;
        if (!ok)
            return false;
        type->ofType = std::move(inner);
    } else if (!parseName(&type->name)) {
        return false;
    }
    if (m_token.is(u"!")) {
        type->nonNull = true;
        advance();
    }
    return true;
}

bool Parser::parseSelectionSet(SelectionSet *selections)
{
    if (!expect(u"{"))
        return false;
    if (++m_depth > MaxDepth)
        return fail(u"selections nested too deeply"_s);
    do {
        Selection selection;
        if (!parseSelection(&selection))
            return false;
        selections->push_back(std::move(selection));
    } while (!m_token.is(u"}"));
    --m_depth;
    return expect(u"}");
}

bool Parser::parseSelection(Selection *selection)
{
    selection->location = m_token.location;
    if (m_token.is(u"...")) {
        advance();
        if (m_token.type == Token::Type::Name && !m_token.isName(u"on")) {
            selection->kind = Selection::Kind::FragmentSpread;
            return parseName(&selection->name) && parseDirectives(false, &selection->directives);
        }
        selection->kind = Selection::Kind::InlineFragment;
        if (m_token.isName(u"on")) {
            advance();
            if (!parseName(&selection->typeCondition))
                return false;
        }
        return parseDirectives(false, &selection->directives) &&
               parseSelectionSet(&selection->selections);
    }
    selection->kind = Selection::Kind::Field;
    if (!parseName(&selection->name))
        return false;
    if (m_token.is(u":")) {
        advance();
        selection->alias = selection->name;
        if (!parseName(&selection->name))
            return false;
    }
    if (m_token.is(u"(") && !parseArguments(false, &selection->arguments))
        return false;
    if (!parseDirectives(false, &selection->directives))
        return false;
    if (m_token.is(u"{"))
        return parseSelectionSet(&selection->selections);
    return true;
}

bool Parser::parseArguments(bool constant, std::vector<Argument> *arguments)
{
    if (!expect(u"("))
        return false;
    do {
        Argument argument;
        argument.location = m_token.location;
        if (!parseName(&argument.name) || !expect(u":") || !parseValue(constant, &argument.value))
            return false;
        arguments->push_back(std::move(argument));
    } while (!m_token.is(u")"));
    return expect(u")");
}

bool Parser::parseDirectives(bool constant, std::vector<Directive> *directives)
{
    while (m_token.is(u"@")) {
        Directive directive;
        directive.location = m_token.location;
        advance();
        if (!parseName(&directive.name))
            return false;
        if (m_token.is(u"(") && !parseArguments(constant, &directive.arguments))
            return false;
        directives->push_back(std::move(directive));
    }
    return true;
}

bool Parser::parseValue(bool constant, Value *value)
{
    value->location = m_token.location;
    switch (m_token.type) {
    case Token::Type::Int:
    case Token::Type::Float:
        value->kind = m_token.type == Token::Type::Int ? Value::Kind::Int : Value::Kind::Float;
        value->text = m_token.text;
        advance();
        return true;
    case Token::Type::String:
        value->kind = Value::Kind::String;
        value->text = m_token.text;
        advance();
        return true;
    case Token::Type::Name:
        if (m_token.text == u"true"_s || m_token.text == u"false"_s) {
            value->kind = Value::Kind::Boolean;
            value->boolean = m_token.text == u"true"_s;
        } else if (m_token.text == u"null"_s) {
            value->kind = Value::Kind::Null;
        } else {
            value->kind = Value::Kind::Enum;
            value->text = m_token.text;
        }
        advance();
        return true;
    default:
        break;
    }
    if (m_token.is(u"$") && !constant) {
        advance();
        value->kind = Value::Kind::Variable;
        return parseName(&value->text);
    }
    if (++m_depth > MaxDepth)
        return fail(u"value nested too deeply"_s);
    bool ok = true;
    if (m_token.is(u"[")) {
        value->kind = Value::Kind::List;
        advance();
        while (ok && !m_token.is(u"]")) {
            Value item;
            ok = parseValue(constant, &item);
            value->items.push_back(std::move(item));
        }
        ok = ok && expect(u"]");
    } else if (m_token.is(u"{")) {
        value->kind = Value::Kind::Object;
        advance();
        while (ok && !m_token.is(u"}")) {
            QString name;
            Value field;
            ok = parseName(&name) && expect(u":") && parseValue(constant, &field);
            value->fields.push_back({name, std::move(field)});
        }
        ok = ok && expect(u"}");
    } else {
        ok = unexpected();
    }
    --m_depth;
    return ok;
}

} // namespace storeloom::sandbox::graphql
