#pragma once

#include "connection.h"
#include "workspacetablemodel.h"

#include <optional>

namespace storeloom {

class ProviderRegistry;

// What the Connectors page shows of a connection. Deliberately without the
// key of its secret: the model never holds it, so no role can leak it.
struct ConnectorRow
{
    qint64 id = 0;
    QString provider;
    QString externalShopId; // the platform's id for the shop; not a secret
    QString name;
    QString domain;
    Connection::Status status = Connection::Status::Inactive;
    QString statusReason;
    QStringList scopes;
    std::optional<qint64> lastActiveAt;

    static ConnectorRow from(const Connection &connection);
    friend bool operator==(const ConnectorRow &, const ConnectorRow &) = default;
};

// The workspace's connections, one row each.
class ConnectorListModel : public WorkspaceTableModel<ConnectorRow>
{
    Q_OBJECT

public:
    enum Column { Name, Platform, Domain, Status, Scopes, LastActive, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64 connection id
        StatusRole,                // int(Connection::Status)
    };

    explicit ConnectorListModel(Workspace workspace, QObject *parent = nullptr);

    // Names platforms by the adapters' display names; without a registry (or
    // for an adapter this build lacks) the stored provider id is shown.
    void setProviderRegistry(const ProviderRegistry *registry);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString statusText(Connection::Status status);

protected:
    bool sameRow(const ConnectorRow &a, const ConnectorRow &b) const override { return a == b; }
    void rowsRefreshed() override;

private:
    QString platformName(const QString &provider) const;
    QVariant display(const ConnectorRow &row, int column) const;

    const ProviderRegistry *m_registry = nullptr;
};

} // namespace storeloom
