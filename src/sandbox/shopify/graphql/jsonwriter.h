#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <vector>

namespace storeloom::sandbox::graphql {

// Writes JSON straight into a byte array, keys in the order given: GraphQL
// answers keep the document's field order (QJsonObject would sort them),
// and bulk exports write a million lines without building objects.
class JsonWriter
{
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(const QString &name);
    void value(const QJsonValue &value);
    void string(const QString &text);
    void number(qint64 number);
    void null();

    void reserve(qsizetype bytes) { m_out.reserve(bytes); }
    const QByteArray &data() const { return m_out; }
    QByteArray take();
    void clear();

    static void appendString(QByteArray *out, const QString &text);
    static void appendValue(QByteArray *out, const QJsonValue &value);

private:
    void separate();

    QByteArray m_out;
    std::vector<bool> m_first; // per open container: nothing written in it yet
    bool m_afterKey = false;
};

} // namespace storeloom::sandbox::graphql
