#include "gqllexer.h"

#include <QStringList>

#include <algorithm>

namespace storeloom::sandbox::graphql {

using namespace Qt::StringLiterals;

namespace {

bool isNameStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isNameContinue(QChar c) { return isNameStart(c) || (c >= u'0' && c <= u'9'); }
bool isDigit(QChar c) { return c >= u'0' && c <= u'9'; }

} // namespace

QString Token::describe() const
{
    static const QList<std::pair<QString, QString>> names = {
        {u"{"_s, u"LCURLY"_s},   {u"}"_s, u"RCURLY"_s},    {u"("_s, u"LPAREN"_s},
        {u")"_s, u"RPAREN"_s},   {u"["_s, u"LBRACKET"_s},  {u"]"_s, u"RBRACKET"_s},
        {u":"_s, u"COLON"_s},    {u"$"_s, u"VAR_SIGN"_s},  {u"!"_s, u"BANG"_s},
        {u"="_s, u"EQUALS"_s},   {u"@"_s, u"DIR_SIGN"_s},  {u"..."_s, u"ELLIPSIS"_s},
        {u"|"_s, u"PIPE"_s},     {u"&"_s, u"AMP"_s}};
    switch (type) {
    case Type::End: return u"end of file"_s;
    case Type::Name: return u"IDENTIFIER (\"%1\")"_s.arg(text);
    case Type::Int: return u"INT (\"%1\")"_s.arg(text);
    case Type::Float: return u"FLOAT (\"%1\")"_s.arg(text);
    case Type::String: return u"STRING (\"%1\")"_s.arg(text);
    case Type::Invalid: return text;
    case Type::Punctuator:
        for (const auto &[punctuator, name] : names) {
            if (punctuator == text)
                return u"%1 (\"%2\")"_s.arg(name, text);
        }
    }
    return text;
}

QChar Lexer::peek(qsizetype ahead) const
{
    const qsizetype at = m_pos + ahead;
    return at < m_source.size() ? m_source.at(at) : QChar();
}

void Lexer::advance(qsizetype count)
{
    for (; count > 0 && m_pos < m_source.size(); --count) {
        const QChar c = m_source.at(m_pos++);
        if (c == u'\n' || (c == u'\r' && peek() != u'\n')) {
            ++m_line;
            m_column = 1;
        } else {
            ++m_column;
        }
    }
}

void Lexer::skipIgnored()
{
    while (m_pos < m_source.size()) {
        const QChar c = peek();
        if (c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u',' || c == QChar(0xfeff)) {
            advance();
        } else if (c == u'#') {
            while (m_pos < m_source.size() && peek() != u'\n' && peek() != u'\r')
                advance();
        } else {
            return;
        }
    }
}

Token Lexer::next()
{
    skipIgnored();
    const SourceLocation start{m_line, m_column};
    if (m_pos >= m_source.size())
        return {Token::Type::End, {}, start};
    const QChar c = peek();
    if (c == u'.' && peek(1) == u'.' && peek(2) == u'.') {
        advance(3);
        return {Token::Type::Punctuator, u"..."_s, start};
    }
    if (QStringView(u"!$&()[]{}:=@|").contains(c)) {
        advance();
        return {Token::Type::Punctuator, QString(c), start};
    }
    if (isNameStart(c)) {
        const qsizetype from = m_pos;
        while (isNameContinue(peek()))
            advance();
        return {Token::Type::Name, m_source.mid(from, m_pos - from), start};
    }
    if (c == u'-' || isDigit(c))
        return readNumber(start);
    if (c == u'"') {
        if (peek(1) == u'"' && peek(2) == u'"')
            return readBlockString(start);
        return readString(start);
    }
    advance();
    return {Token::Type::Invalid, u"unexpected character \"%1\""_s.arg(c), start};
}

Token Lexer::readNumber(SourceLocation start)
{
    const qsizetype from = m_pos;
    bool isFloat = false;
    if (peek() == u'-')
        advance();
    if (!isDigit(peek()))
        return {Token::Type::Invalid, u"unexpected character \"-\""_s, start};
    if (peek() == u'0' && isDigit(peek(1)))
        return {Token::Type::Invalid, u"invalid number (leading zero)"_s, start};
    while (isDigit(peek()))
        advance();
    if (peek() == u'.' && isDigit(peek(1))) {
        isFloat = true;
        advance();
        while (isDigit(peek()))
            advance();
    }
    if (peek() == u'e' || peek() == u'E') {
        isFloat = true;
        advance();
        if (peek() == u'+' || peek() == u'-')
            advance();
        if (!isDigit(peek()))
            return {Token::Type::Invalid, u"invalid number (exponent)"_s, start};
        while (isDigit(peek()))
            advance();
    }
    if (isNameStart(peek()) || peek() == u'.')
        return {Token::Type::Invalid, u"invalid number"_s, start};
    return {isFloat ? Token::Type::Float : Token::Type::Int, m_source.mid(from, m_pos - from), start};
}

Token Lexer::readString(SourceLocation start)
{
    advance(); // opening quote
    QString value;
    while (true) {
        if (m_pos >= m_source.size() || peek() == u'\n' || peek() == u'\r')
            return {Token::Type::Invalid, u"unterminated string"_s, start};
        const QChar c = peek();
        advance();
        if (c == u'"')
            return {Token::Type::String, value, start};
        if (c != u'\\') {
            value.append(c);
            continue;
        }
        const QChar escaped = peek();
        advance();
        switch (escaped.unicode()) {
        case u'"': value.append(u'"'); break;
        case u'\\': value.append(u'\\'); break;
        case u'/': value.append(u'/'); break;
        case u'b': value.append(u'\b'); break;
        case u'f': value.append(u'\f'); break;
        case u'n': value.append(u'\n'); break;
        case u'r': value.append(u'\r'); break;
        case u't': value.append(u'\t'); break;
        case u'u': {
            bool ok = false;
            const ushort code = m_source.mid(m_pos, 4).toUShort(&ok, 16);
            if (!ok || m_pos + 4 > m_source.size())
                return {Token::Type::Invalid, u"bad unicode escape in string"_s, start};
            advance(4);
            value.append(QChar(code));
            break;
        }
        default:
            return {Token::Type::Invalid, u"bad escape sequence in string"_s, start};
        }
    }
}

Token Lexer::readBlockString(SourceLocation start)
{
    advance(3);
    QString raw;
    while (true) {
        if (m_pos >= m_source.size())
            return {Token::Type::Invalid, u"unterminated string"_s, start};
        if (peek() == u'"' && peek(1) == u'"' && peek(2) == u'"') {
            advance(3);
            return {Token::Type::String, dedentBlockString(raw), start};
        }
        if (peek() == u'\\' && peek(1) == u'"' && peek(2) == u'"' && peek(3) == u'"') {
            raw.append(u"\"\"\""_s);
            advance(4);
            continue;
        }
        raw.append(peek());
        advance();
    }
}

QString dedentBlockString(const QString &raw)
{
    QString normalized = raw;
    normalized.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    QStringList lines = normalized.split(u'\n');
    auto indentOf = [](const QString &line) {
        qsizetype i = 0;
        while (i < line.size() && (line.at(i) == u' ' || line.at(i) == u'\t'))
            ++i;
        return i;
    };
    qsizetype common = -1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype indent = indentOf(lines.at(i));
        if (indent < lines.at(i).size() && (common < 0 || indent < common))
            common = indent;
    }
    if (common > 0) {
        for (qsizetype i = 1; i < lines.size(); ++i)
            lines[i] = lines.at(i).mid(common);
    }
    auto blank = [&](const QString &line) { return indentOf(line) == line.size(); };
    while (!lines.isEmpty() && blank(lines.first()))
        lines.removeFirst();
    while (!lines.isEmpty() && blank(lines.last()))
        lines.removeLast();
    return lines.join(u'\n');
}

} // namespace storeloom::sandbox::graphql
