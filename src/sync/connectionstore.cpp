#include "connectionstore.h"

#include "auditlog.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QUuid>
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

// The keychain entry's name: stable for the connection's life, and saying
// nothing about the shop.
QString newSecretKey()
{
    return QStringLiteral("connection/%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
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
    const qint64 id = insert(connection);
    transaction.commit();
    return id;
}

qint64 ConnectionStore::insert(const Connection &connection)
{
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
    insert.bindValue(
        QStringLiteral(":secret_key"),
        sql::text(connection.secretKey.isEmpty() ? newSecretKey() : connection.secretKey));
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
        QStringLiteral("Added %1 (%2)").arg(connection.name, connection.domain), id);
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

Connection ConnectionStore::get(qint64 id) const
{
    if (auto connection = find(id))
        return *connection;
    throw WorkspaceError(WorkspaceError::Kind::NotFound,
                         QStringLiteral("There is no connection %1 in this workspace.").arg(id));
}

std::optional<Connection> ConnectionStore::findByShop(const QString &provider,
                                                      const QString &externalShopId) const
{
    QSqlQuery query = sql::prepare(
        m_db, QStringLiteral("SELECT %1 FROM connections WHERE provider = :provider AND "
                             "external_shop_id = :shop")
                  .arg(kColumns));
    query.bindValue(QStringLiteral(":provider"), sql::text(provider));
    query.bindValue(QStringLiteral(":shop"), sql::text(externalShopId));
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

namespace storeloom {

bool ConnectionStore::canMove(Connection::Status from, Connection::Status to)
{
    using S = Connection::Status;
    if (to == S::Authorizing) // connecting again is always possible
        return true;
    switch (from) {
    case S::Inactive:
        return to == S::Disconnected;
    case S::Authorizing:
        return to == S::Live || to == S::Failed || to == S::Inactive;
    case S::Live:
        return to == S::Expiring || to == S::Failed || to == S::Disconnected;
    case S::Expiring:
        return to == S::Live || to == S::Failed || to == S::Disconnected;
    case S::Failed:
        return to == S::Disconnected;
    case S::Disconnected:
        return false;
    }
    return false;
}

qint64 ConnectionStore::beginAuthorization(const Connection &connection)
{
    sql::WriteTransaction transaction(m_db);
    std::optional<Connection> existing;
    if (!connection.externalShopId.isEmpty())
        existing = findByShop(connection.provider, connection.externalShopId);
    qint64 id = 0;
    if (existing) {
        id = existing->id;
        moveTo(*existing, Connection::Status::Authorizing, {});
    } else {
        Connection placeholder = connection;
        if (placeholder.externalShopId.isEmpty()) // learnt from the grant
            placeholder.externalShopId =
                QStringLiteral("pending/%1")
                    .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        placeholder.status = Connection::Status::Authorizing;
        id = insert(placeholder);
    }
    transaction.commit();
    return id;
}

qint64 ConnectionStore::completeAuthorization(qint64 id, const QString &externalShopId,
                                              const QString &name, const QString &domain,
                                              const QStringList &scopes)
{
    sql::WriteTransaction transaction(m_db);
    const Connection pending = get(id);
    if (pending.status != Connection::Status::Authorizing)
        throw WorkspaceError(
            WorkspaceError::Kind::InvalidState,
            QStringLiteral("Connection %1 is not waiting for an authorization.").arg(id));
    qint64 survivor = id;
    if (const auto existing = findByShop(pending.provider, externalShopId);
        existing && existing->id != id) {
        survivor = existing->id; // the shop was connected before: keep that connection
        remove(id);
    }
    QSqlQuery update = sql::prepare(
        m_db, QStringLiteral("UPDATE connections SET external_shop_id = :shop, name = :name, "
                             "domain = :domain, scopes = :scopes, status = 'live', "
                             "status_reason = '', last_active_at = :now WHERE id = :id"));
    update.bindValue(QStringLiteral(":shop"), sql::text(externalShopId));
    update.bindValue(QStringLiteral(":name"), sql::text(name));
    update.bindValue(QStringLiteral(":domain"), sql::text(domain));
    update.bindValue(QStringLiteral(":scopes"), sql::text(scopes.join(QLatin1Char(' '))));
    update.bindValue(QStringLiteral(":now"), sql::nowMs());
    update.bindValue(QStringLiteral(":id"), survivor);
    sql::exec(update);
    AuditLog(m_db).record(QStringLiteral("connection.live"),
                          QStringLiteral("%1 (%2) connected with scopes: %3")
                              .arg(name, domain, scopes.join(QStringLiteral(", "))),
                          survivor);
    transaction.commit();
    return survivor;
}

void ConnectionStore::setStatus(qint64 id, Connection::Status status, const QString &reason)
{
    sql::WriteTransaction transaction(m_db);
    moveTo(get(id), status, reason);
    transaction.commit();
}

void ConnectionStore::moveTo(const Connection &connection, Connection::Status status,
                             const QString &reason)
{
    if (connection.status != status && !canMove(connection.status, status)) {
        throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                             QStringLiteral("Connection %1 is %2 and cannot become %3.")
                                 .arg(connection.id)
                                 .arg(nameOf(connection.status), nameOf(status)));
    }
    QSqlQuery update = sql::prepare(
        m_db, QStringLiteral("UPDATE connections SET status = :status, status_reason = :reason "
                             "WHERE id = :id"));
    update.bindValue(QStringLiteral(":status"), nameOf(status));
    update.bindValue(QStringLiteral(":reason"), sql::text(reason));
    update.bindValue(QStringLiteral(":id"), connection.id);
    sql::exec(update);
    if (connection.status != status) {
        AuditLog(m_db).record(
            QStringLiteral("connection.%1").arg(nameOf(status)),
            reason.isEmpty()
                ? QStringLiteral("%1 is now %2").arg(connection.name, nameOf(status))
                : QStringLiteral("%1 is now %2: %3").arg(connection.name, nameOf(status), reason),
            connection.id);
    }
}

void ConnectionStore::markActive(qint64 id)
{
    QSqlQuery update = sql::prepare(
        m_db, QStringLiteral("UPDATE connections SET last_active_at = :now WHERE id = :id"));
    update.bindValue(QStringLiteral(":now"), sql::nowMs());
    update.bindValue(QStringLiteral(":id"), id);
    sql::exec(update);
}

void ConnectionStore::remove(qint64 id)
{
    QSqlQuery remove = sql::prepare(m_db, QStringLiteral("DELETE FROM connections WHERE id = :id"));
    remove.bindValue(QStringLiteral(":id"), id);
    sql::exec(remove);
}

} // namespace storeloom
