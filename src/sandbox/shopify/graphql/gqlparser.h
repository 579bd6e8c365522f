#pragma once

#include "gqlast.h"
#include "gqllexer.h"

#include <variant>

namespace storeloom::sandbox::graphql {

struct SyntaxError
{
    QString message; // "syntax error, unexpected RCURLY ("}") at [3, 5]"
    SourceLocation location;
};

// Recursive descent over the lexer's tokens, one token of lookahead. The
// token-level helpers are shared with the schema's SDL reader.
class Parser
{
public:
    explicit Parser(const QString &source);

    // An executable document, or the first syntax error in it.
    std::variant<Document, SyntaxError> parseDocument();

    // Shared helpers; each returns false after recording the error.
    const Token &current() const { return m_token; }
    bool failed() const { return m_failed; }
    SyntaxError error() const { return m_error; }
    void advance();
    bool expect(QStringView punctuator);
    bool expectKeyword(QStringView keyword);
    bool parseName(QString *name);
    bool parseValue(bool constant, Value *value);
    bool parseType(TypeRef *type);
    bool parseDirectives(bool constant, std::vector<Directive> *directives);
    bool parseArguments(bool constant, std::vector<Argument> *arguments);
    bool fail(const QString &message);
    bool unexpected();

private:
    bool parseDefinition(Document *document);
    bool parseOperation(Document *document);
    bool parseFragment(Document *document);
    bool parseVariableDefinitions(std::vector<VariableDefinition> *variables);
    bool parseSelectionSet(SelectionSet *selections);
    bool parseSelection(Selection *selection);

    QString m_source;
    Lexer m_lexer;
    Token m_token;
    bool m_failed = false;
    SyntaxError m_error;
    int m_depth = 0; // nesting guard: a hostile document cannot blow the stack
};

} // namespace storeloom::sandbox::graphql
