#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace storeloom::sandbox::graphql {

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            m_out.append(',');
        m_first.back() = false;
    }
}

void JsonWriter::beginObject()
{
    separate();
    m_out.append('{');
    m_first.push_back(true);
}

void JsonWriter::endObject()
{
    m_out.append('}');
    m_first.pop_back();
}

void JsonWriter::beginArray()
{
    separate();
    m_out.append('[');
    m_first.push_back(true);
}

void JsonWriter::endArray()
{
    m_out.append(']');
    m_first.pop_back();
}

void JsonWriter::key(const QString &name)
{
    separate();
    appendString(&m_out, name);
    m_out.append(':');
    m_afterKey = true;
}

void JsonWriter::value(const QJsonValue &value)
{
    separate();
    appendValue(&m_out, value);
}

void JsonWriter::string(const QString &text)
{
    separate();
    appendString(&m_out, text);
}

void JsonWriter::number(qint64 number)
{
    separate();
    m_out.append(QByteArray::number(number));
}

void JsonWriter::null()
{
    separate();
    m_out.append("null");
}

QByteArray JsonWriter::take()
{
    QByteArray out = std::move(m_out);
    clear();
    return out;
}

void JsonWriter::clear()
{
    m_out.clear();
    m_first.clear();
    m_afterKey = false;
}

void JsonWriter::appendString(QByteArray *out, const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out->append('"');
    // Runs of characters that need no escape are copied in one go.
    const char *run = utf8.constData();
    const char *end = run + utf8.size();
    for (const char *c = run; c != end; ++c) {
        const auto u = static_cast<unsigned char>(*c);
        if (u >= 0x20 && *c != '"' && *c != '\\')
            continue;
        out->append(run, c - run);
        run = c + 1;
        switch (*c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        case '\b': out->append("\\b"); break;
        case '\f': out->append("\\f"); break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', hex[u >> 4], hex[u & 15]};
            out->append(escaped, 6);
        }
        }
    }
    out->append(run, end - run);
    out->append('"');
}

void JsonWriter::appendValue(QByteArray *out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: out->append("null"); break;
    case QJsonValue::Bool: out->append(value.toBool() ? "true" : "false"); break;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::isfinite(number) && std::floor(number) == number && std::abs(number) < 9.0e15)
            out->append(QByteArray::number(qint64(number)));
        else if (std::isfinite(number))
            out->append(QByteArray::number(number, 'g', QLocale::FloatingPointShortest));
        else
            out->append("null");
        break;
    }
    case QJsonValue::String: appendString(out, value.toString()); break;
    case QJsonValue::Array: {
        out->append('[');
        bool first = true;
        for (const QJsonValue &item : value.toArray()) {
            if (!first)
                out->append(',');
            first = false;
            appendValue(out, item);
        }
        out->append(']');
        break;
    }
    case QJsonValue::Object: {
        out->append('{');
        bool first = true;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!first)
                out->append(',');
            first = false;
            appendString(out, it.key());
            out->append(':');
            appendValue(out, it.value());
        }
        out->append('}');
        break;
    }
    }
}

} // namespace storeloom::sandbox::graphql
