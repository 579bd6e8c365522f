#pragma once

#include "gqlast.h"

namespace storeloom::sandbox::graphql {

struct Token
{
    enum class Type { End, Punctuator, Name, Int, Float, String, Invalid };
    Type type = Type::End;
    QString text; // punctuator, name, number; a string's value, escapes resolved
    SourceLocation location;

    bool is(QStringView punctuator) const { return type == Type::Punctuator && text == punctuator; }
    bool isName(QStringView name) const { return type == Type::Name && text == name; }
    // graphql-ruby's token names, for "unexpected RCURLY" style messages.
    QString describe() const;
};

// Splits GraphQL source into tokens; skips whitespace, commas and comments.
// An unterminated string or a stray character becomes an Invalid token
// whose text says what went wrong.
class Lexer
{
public:
    explicit Lexer(const QString &source) : m_source(source) {}

    Token next();

private:
    QChar peek(qsizetype ahead = 0) const;
    void advance(qsizetype count = 1);
    void skipIgnored();
    Token readNumber(SourceLocation start);
    Token readString(SourceLocation start);
    Token readBlockString(SourceLocation start);

    const QString &m_source;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_column = 1;
};

// Block string values: common indentation and blank edge lines removed.
QString dedentBlockString(const QString &raw);

} // namespace storeloom::sandbox::graphql
