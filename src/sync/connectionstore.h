#pragma once

#include "connection.h"
#include "syncitem.h"

#include <QList>
#include <QSqlDatabase>

namespace storeloom {

// Connections as stored in the workspace: their lifecycle (Inactive →
// Authorizing → Live; Expiring; Failed with a reason; Disconnected) and their
// policy switches — whether work may flow in from (inbound) or out to
// (outbound) each store; the executor only claims items whose connection
// allows their direction. A connection names the keychain key of its secret,
// never the secret.
class ConnectionStore
{
public:
    explicit ConnectionStore(QSqlDatabase db) : m_db(std::move(db)) {}

    // Adds a connection; at most one exists per (provider, external shop id).
    qint64 add(const Connection &connection);
    std::optional<Connection> find(qint64 id) const;
    Connection get(qint64 id) const; // throws WorkspaceError::NotFound
    QList<Connection> list() const;

    // A merchant starts connecting a shop. When the shop is known and already
    // connected, that connection is re-authorized instead of duplicated; a
    // shop learnt only from the grant (empty externalShopId) gets a
    // placeholder until completeAuthorization(). Returns the connection id,
    // now Authorizing.
    qint64 beginAuthorization(const Connection &connection);

    // The grant arrived for `id`: the connection goes Live with the shop's
    // identity and scopes. If the shop turns out to be connected already, the
    // existing connection is kept and `id`'s placeholder removed. Returns the
    // id of the connection that is now Live.
    qint64 completeAuthorization(qint64 id, const QString &externalShopId, const QString &name,
                                 const QString &domain, const QStringList &scopes);

    // Moves a connection to `status`; throws InvalidState for a move the
    // lifecycle does not allow (e.g. Disconnected → Live without a grant).
    void setStatus(qint64 id, Connection::Status status, const QString &reason = {});
    void markActive(qint64 id);
    void remove(qint64 id);

    static bool canMove(Connection::Status from, Connection::Status to);

    void setAllowed(qint64 connectionId, Direction direction, bool allowed);
    bool isAllowed(qint64 connectionId, Direction direction) const;

private:
    qint64 insert(const Connection &connection);
    std::optional<Connection> findByShop(const QString &provider,
                                         const QString &externalShopId) const;
    void moveTo(const Connection &connection, Connection::Status status, const QString &reason);

    QSqlDatabase m_db;
};

} // namespace storeloom
