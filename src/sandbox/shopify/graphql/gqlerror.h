#pragma once

#include "gqlast.h"

#include <QJsonArray>
#include <QJsonObject>

namespace storeloom::sandbox::graphql {

// One entry of a response's "errors": message, locations, path, extensions.
struct Error
{
    QString message;
    std::vector<SourceLocation> locations;
    QJsonArray path;
    QJsonObject extensions;

    QJsonObject toJson() const
    {
        QJsonObject object{{QStringLiteral("message"), message}};
        if (!locations.empty()) {
            QJsonArray list;
            for (const SourceLocation &l : locations)
                list.append(QJsonObject{{QStringLiteral("line"), l.line}, {QStringLiteral("column"), l.column}});
            object.insert(QStringLiteral("locations"), list);
        }
        if (!path.isEmpty())
            object.insert(QStringLiteral("path"), path);
        if (!extensions.isEmpty())
            object.insert(QStringLiteral("extensions"), extensions);
        return object;
    }
};

} // namespace storeloom::sandbox::graphql
