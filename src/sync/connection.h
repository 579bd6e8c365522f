#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace storeloom {

// One connected store account. It names the key of its secret in the OS
// keychain, never the secret itself.
struct Connection
{
    enum class Status { Inactive, Authorizing, Live, Expiring, Failed, Disconnected };

    qint64 id = 0;
    QString provider;       // registry id of the adapter, e.g. as the provider names itself
    QString externalShopId; // the platform's id for the shop
    QString name;
    QString domain;
    QStringList scopes;
    Status status = Status::Inactive;
    QString statusReason;
    QString secretKey;
    bool inboundEnabled = true;
    bool outboundEnabled = true;
    qint64 createdAt = 0;
    std::optional<qint64> lastActiveAt;
};

QString nameOf(Connection::Status status);
std::optional<Connection::Status> connectionStatusFromString(const QString &text);

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::Connection)
