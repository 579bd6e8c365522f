#include "connectionstore.h"

#include "auditlog.h"
#include "sql.h"
#include "workspaceerror.h"

#include <array>
#include <utility>

namespace storeloom {

namespace {

constexpr std::array<std::pair<Connection::Status, const char *>, 6> kStatuses{{
    {Connection::Status::Inactive, "inactive"},
    {Connection::Status::Authorizing, "authorizing"},
    {Connection::Status::Live, "live"},
    {Connection::Status::Expiring, "expiring"},
    {Connection::Status::Failed, "failed"},
    {Connection::Status::Disconnected, "disconnected"},
}};

const QString kColumns = QStringLiteral(
    "id, provider, external_shop_id, name, domain, scopes, status, status_reason, secret_key, "
    "inbound_enabled, outbound_enabled, created_at, last_active_at");

Connection fromQuery(const QSqlQuery &query)
{
    Connection c;
    c.id = query.value(0).toLongLong();
    c.provider = query.value(1).toString();
    c.externalShopId = query.value(2).toString();
    c.name = query.value(3).toString();
    c.domain = query.value(4).toString();
    c.scopes = query.value(5).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    c.status = connectionStatusFromString(query.value(6).toString())
                   .value_or(Connection::Status::Inactive);
    c.statusReason = query.value(7).toString();
    c.secretKey = query.value(8).toString();
    c.inboundEnabled = query.value(9).toBool();
    c.outboundEnabled = query.value(10).toBool();
    c.createdAt = query.value(11).toLongLong();
    if (!query.value(12).isNull())
        c.lastActiveAt = query.value(12).toLongLong();
    return c;
}

QString switchColumn(Direction direction)
{
    return direction == Direction::Inbound ? QStringLiteral("inbound_enabled")
                                           : QStringLiteral("outbound_enabled");
}

} // namespace

QString nameOf(Connection::Status status)
{
    for (const auto &[value, name] : kStatuses) {
        if (value == status)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<Connection::Status> connectionStatusFromString(const QString &text)
{
    for (const auto &[value, name] : kStatuses) {
        if (text == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

qint64 ConnectionStore::add(const Connection &connection)
{
    sql::WriteTransaction transaction(m_db);
    QSqlQuery insert = sql::prepare(
        m_db, QStringLiteral("INSERT INTO connections (provider, external_shop_id, name, domain, "
                             "scopes, status, status_reason, secret_key, inbound_enabled, "
                             "outbound_enabled, created_at, last_active_at) VALUES (:provider, "
                             ":shop, :name, :domain, :scopes, :status, :reason, :secret_key, "
                             ":inbound, :outbound, :created, :active) "
                             "ON CONFLICT (provider, external_shop_id) DO NOTHING RETURNING id"));
    insert.bindValue(QStringLiteral(":provider"), sql::text(connection.provider));
    insert.bindValue(QStringLiteral(":shop"), sql::text(connection.externalShopId));
    insert.bindValue(QStringLiteral(":name"), sql::text(connection.name));
    insert.bindValue(QStringLiteral(":domain"), sql::text(connection.domain));
    insert.bindValue(QStringLiteral(":scopes"),
                     sql::text(connection.scopes.join(QLatin1Char(' '))));
    insert.bindValue(QStringLiteral(":status"), nameOf(connection.status));
    insert.bindValue(QStringLiteral(":reason"), sql::text(connection.statusReason));
    insert.bindValue(QStringLiteral(":secret_key"), sql::text(connection.secretKey));
    insert.bindValue(QStringLiteral(":inbound"), connection.inboundEnabled ? 1 : 0);
    insert.bindValue(QStringLiteral(":outbound"), connection.outboundEnabled ? 1 : 0);
    insert.bindValue(QStringLiteral(":created"), sql::nowMs());
    insert.bindValue(QStringLiteral(":active"), connection.lastActiveAt
                                                    ? QVariant(*connection.lastActiveAt)
                                                    : QVariant(QMetaType::fromType<qint64>()));
    sql::exec(insert);
    if (!insert.next()) {
        throw WorkspaceError(
            WorkspaceError::Kind::InvalidState,
            QStringLiteral("This workspace already has a connection to %1 shop %2.")
                .arg(connection.provider, connection.externalShopId));
    }
    const qint64 id = insert.value(0).toLongLong();
    insert.finish();
    AuditLog(m_db).record(
        QStringLiteral("connection.added"),
        QStringLiteral("Connected %1 (%2)").arg(connection.name, connection.domain), id);
    transaction.commit();
    return id;
}

std::optional<Connection> ConnectionStore::find(qint64 id) const
{
    QSqlQuery query = sql::prepare(
        m_db, QStringLiteral("SELECT %1 FROM connections WHERE id = :id").arg(kColumns));
    query.bindValue(QStringLiteral(":id"), id);
    sql::exec(query);
    if (!query.next())
        return std::nullopt;
    return fromQuery(query);
}

QList<Connection> ConnectionStore::list() const
{
    QSqlQuery query = sql::prepare(
        m_db, QStringLiteral("SELECT %1 FROM connections ORDER BY name, id").arg(kColumns));
    sql::exec(query);
    QList<Connection> connections;
    while (query.next())
        connections.append(fromQuery(query));
    return connections;
}

void ConnectionStore::setAllowed(qint64 connectionId, Direction direction, bool allowed)
{
    sql::WriteTransaction transaction(m_db);
    QSqlQuery update =
        sql::prepare(m_db, QStringLiteral("UPDATE connections SET %1 = :allowed WHERE id = :id")
                               .arg(switchColumn(direction)));
    update.bindValue(QStringLiteral(":allowed"), allowed ? 1 : 0);
    update.bindValue(QStringLiteral(":id"), connectionId);
    sql::exec(update);
    if (update.numRowsAffected() != 1)
        throw WorkspaceError(
            WorkspaceError::Kind::NotFound,
            QStringLiteral("There is no connection %1 in this workspace.").arg(connectionId));
    AuditLog(m_db).record(QStringLiteral("policy.changed"),
                          QStringLiteral("%1 work %2")
                              .arg(nameOf(direction), allowed ? QStringLiteral("allowed")
                                                              : QStringLiteral("held back")),
                          connectionId);
    transaction.commit();
}

bool ConnectionStore::isAllowed(qint64 connectionId, Direction direction) const
{
    const auto connection = find(connectionId);
    if (!connection)
        return false;
    return direction == Direction::Inbound ? connection->inboundEnabled
                                           : connection->outboundEnabled;
}

} // namespace storeloom
