#include "formdata.h"

#include <QUrl>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

namespace {

QString decode(QByteArray text)
{
    text.replace('+', ' ');
    return QUrl::fromPercentEncoding(text);
}

// The value of `parameter` in a header like `form-data; name="image"; filename="a.png"`.
QString headerParameter(const QByteArray &header, const QByteArray &parameter)
{
    for (const QByteArray &piece : header.split(';')) {
        const QByteArray trimmed = piece.trimmed();
        const qsizetype equals = trimmed.indexOf('=');
        if (equals <= 0 || trimmed.left(equals).trimmed().toLower() != parameter)
            continue;
        QByteArray value = trimmed.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return QString::fromUtf8(value);
    }
    return {};
}

} // namespace

FormFields FormFields::parse(const QByteArray &body)
{
    FormFields fields;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        fields.m_pairs.append({decode(pair.left(equals)), equals < 0 ? QString() : decode(pair.mid(equals + 1))});
    }
    return fields;
}

bool FormFields::has(const QString &key) const
{
    return std::any_of(m_pairs.cbegin(), m_pairs.cend(),
                       [&](const auto &pair) { return pair.first == key || pair.first == key + u"[]"_s; });
}

QString FormFields::value(const QString &key) const
{
    for (const auto &[name, value] : m_pairs) {
        if (name == key)
            return value;
    }
    return {};
}

QStringList FormFields::list(const QString &key) const
{
    QStringList values;
    for (const auto &[name, value] : m_pairs) {
        if (name == key || name == key + u"[]"_s)
            values.append(value);
    }
    if (values.size() == 1)
        values = values.first().split(u',');
    for (QString &value : values)
        value = value.trimmed();
    values.removeAll(QString());
    return values;
}

QString mediaType(const QByteArray &contentTypeHeader)
{
    return QString::fromLatin1(contentTypeHeader.split(';').first().trimmed().toLower());
}

bool parseMultipart(const QByteArray &body, const QByteArray &contentTypeHeader, QList<MultipartPart> *parts)
{
    const QString boundary = headerParameter(contentTypeHeader, "boundary");
    if (mediaType(contentTypeHeader) != u"multipart/form-data"_s || boundary.isEmpty())
        return false;
    const QByteArray delimiter = "--" + boundary.toLatin1();
    qsizetype position = body.indexOf(delimiter);
    if (position < 0)
        return false;
    while (true) {
        position += delimiter.size();
        if (body.mid(position, 2) == "--")
            return true; // the closing delimiter
        position = body.indexOf("\r\n", position);
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", position);
        const qsizetype next = body.indexOf("\r\n" + delimiter, headersEnd);
        if (position < 0 || headersEnd < 0 || next < 0)
            return false;
        MultipartPart part;
        for (const QByteArray &line : body.mid(position + 2, headersEnd - position - 2).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-disposition") {
                part.name = headerParameter(value, "name");
                part.filename = headerParameter(value, "filename");
            } else if (name == "content-type") {
                part.contentType = QString::fromLatin1(value);
            }
        }
        part.data = body.mid(headersEnd + 4, next - headersEnd - 4);
        parts->append(part);
        position = next + 2;
    }
}

} // namespace storeloom::sandbox::etsy
