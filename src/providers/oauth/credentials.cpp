#include "credentials.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace storeloom {

QByteArray Credentials::encode() const
{
    QJsonObject fieldsObject;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        fieldsObject.insert(it.key(), it.value());
    const QJsonObject object{
        {QStringLiteral("version"), 1},
        {QStringLiteral("access_token"), tokens.accessToken},
        {QStringLiteral("refresh_token"), tokens.refreshToken},
        {QStringLiteral("expires_at"), tokens.expiresAt.isValid()
                                           ? QJsonValue(tokens.expiresAt.toMSecsSinceEpoch())
                                           : QJsonValue()},
        {QStringLiteral("scopes"), QJsonArray::fromStringList(tokens.grantedScopes)},
        {QStringLiteral("fields"), fieldsObject},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<Credentials> Credentials::decode(const QByteArray &bytes)
{
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    const QJsonObject object = document.object();
    if (!document.isObject() || object.value(QStringLiteral("version")).toInt() != 1)
        return std::nullopt;
    Credentials credentials;
    credentials.tokens.accessToken = object.value(QStringLiteral("access_token")).toString();
    credentials.tokens.refreshToken = object.value(QStringLiteral("refresh_token")).toString();
    const QJsonValue expires = object.value(QStringLiteral("expires_at"));
    if (expires.isDouble())
        credentials.tokens.expiresAt =
            QDateTime::fromMSecsSinceEpoch(qint64(expires.toDouble()), Qt::UTC);
    for (const QJsonValue &scope : object.value(QStringLiteral("scopes")).toArray())
        credentials.tokens.grantedScopes.append(scope.toString());
    const QJsonObject fieldsObject = object.value(QStringLiteral("fields")).toObject();
    for (auto it = fieldsObject.begin(); it != fieldsObject.end(); ++it)
        credentials.fields.insert(it.key(), it.value().toString());
    return credentials;
}

} // namespace storeloom
