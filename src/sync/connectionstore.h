#pragma once

#include "connection.h"
#include "syncitem.h"

#include <QList>
#include <QSqlDatabase>

namespace storeloom {

// Connections as stored in the workspace, and their policy switches: whether
// work may flow in from (inbound) or out to (outbound) each store. The
// executor only claims items whose connection allows their direction.
class ConnectionStore
{
public:
    explicit ConnectionStore(QSqlDatabase db) : m_db(std::move(db)) {}

    // Adds a connection; at most one exists per (provider, external shop id).
    qint64 add(const Connection &connection);
    std::optional<Connection> find(qint64 id) const;
    QList<Connection> list() const;

    void setAllowed(qint64 connectionId, Direction direction, bool allowed);
    bool isAllowed(qint64 connectionId, Direction direction) const;

private:
    QSqlDatabase m_db;
};

} // namespace storeloom
