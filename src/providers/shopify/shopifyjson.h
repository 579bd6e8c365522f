#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// Reading Admin GraphQL replies: nested objects by path, and connections'
// page info. Private to the Shopify adapter.
namespace storeloom::shopify {

inline QJsonObject at(const QJsonObject &object, const char *path)
{
    QJsonObject current = object;
    for (const QString &key : QString::fromLatin1(path).split(QLatin1Char('.')))
        current = current.value(key).toObject();
    return current;
}

inline bool hasNextPage(const QJsonObject &connection)
{
    return at(connection, "pageInfo").value(QLatin1String("hasNextPage")).toBool();
}

inline QString endCursor(const QJsonObject &connection)
{
    return at(connection, "pageInfo").value(QLatin1String("endCursor")).toString();
}

inline QJsonValue cursorValue(const QString &cursor)
{
    return cursor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(cursor);
}

} // namespace storeloom::shopify
