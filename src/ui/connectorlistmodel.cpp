#include "connectorlistmodel.h"

#include "connectionstore.h"
#include "displayformat.h"
#include "providerregistry.h"

#include <QColor>
#include <QDateTime>

namespace storeloom {

namespace {

QList<ConnectorRow> fetchConnectors(const QSqlDatabase &db)
{
    QList<ConnectorRow> rows;
    const QList<Connection> connections = ConnectionStore(db).list();
    rows.reserve(connections.size());
    for (const Connection &connection : connections)
        rows.append(ConnectorRow::from(connection));
    return rows;
}

QColor statusColor(Connection::Status status)
{
    switch (status) {
    case Connection::Status::Live: return QColor(0x2e, 0x7d, 0x32);
    case Connection::Status::Expiring: return QColor(0xef, 0x8f, 0x00);
    case Connection::Status::Failed: return QColor(0xc6, 0x28, 0x28);
    case Connection::Status::Authorizing: return QColor(0x15, 0x65, 0xc0);
    case Connection::Status::Inactive:
    case Connection::Status::Disconnected: break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

} // namespace

ConnectorRow ConnectorRow::from(const Connection &connection)
{
    ConnectorRow row;
    row.id = connection.id;
    row.provider = connection.provider;
    row.externalShopId = connection.externalShopId;
    row.name = connection.name;
    row.domain = connection.domain;
    row.status = connection.status;
    row.statusReason = connection.statusReason;
    row.scopes = connection.scopes;
    row.lastActiveAt = connection.lastActiveAt;
    return row; // connection.secretKey stays behind
}

ConnectorListModel::ConnectorListModel(Workspace workspace, QObject *parent)
    : WorkspaceTableModel(std::move(workspace), &fetchConnectors, parent)
{
}

void ConnectorListModel::setProviderRegistry(const ProviderRegistry *registry)
{
    m_registry = registry;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Platform), index(rowCount() - 1, Platform));
}

int ConnectorListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConnectorListModel::statusText(Connection::Status status)
{
    switch (status) {
    case Connection::Status::Inactive: return tr("Inactive");
    case Connection::Status::Authorizing: return tr("Authorizing");
    case Connection::Status::Live: return tr("Live");
    case Connection::Status::Expiring: return tr("Expiring");
    case Connection::Status::Failed: return tr("Failed");
    case Connection::Status::Disconnected: return tr("Disconnected");
    }
    return {};
}

QString ConnectorListModel::platformName(const QString &provider) const
{
    if (m_registry) {
        if (const Provider *adapter = m_registry->find(provider))
            return adapter->displayName();
    }
    return provider;
}

QVariant ConnectorListModel::display(const ConnectorRow &row, int column) const
{
    switch (column) {
    case Name: return row.name;
    case Platform: return platformName(row.provider);
    case Domain: return row.domain;
    case Status: return statusText(row.status);
    case Scopes: return row.scopes.join(QStringLiteral(", "));
    case LastActive:
        return row.lastActiveAt ? DisplayFormat::relativeTime(*row.lastActiveAt,
                                                              QDateTime::currentMSecsSinceEpoch())
                                : tr("never");
    }
    return {};
}

QVariant ConnectorListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConnectorRow &row = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Status && !row.statusReason.isEmpty())
            return row.statusReason;
        if (index.column() == Scopes)
            return row.scopes.join(QLatin1Char('\n'));
        if (index.column() == LastActive && row.lastActiveAt)
            return DisplayFormat::dateTime(*row.lastActiveAt);
        return {};
    case Qt::DecorationRole:
        return index.column() == Status ? QVariant(statusColor(row.status)) : QVariant();
    case IdRole:
        return row.id;
    case StatusRole:
        return int(row.status);
    default:
        return {};
    }
}

QVariant ConnectorListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Store");
    case Platform: return tr("Platform");
    case Domain: return tr("Domain");
    case Status: return tr("Status");
    case Scopes: return tr("Scopes");
    case LastActive: return tr("Last active");
    }
    return {};
}

void ConnectorListModel::rowsRefreshed()
{
    // "2 min ago" moves on even when nothing else changed.
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, LastActive), index(rowCount() - 1, LastActive),
                           {Qt::DisplayRole});
}

} // namespace storeloom
