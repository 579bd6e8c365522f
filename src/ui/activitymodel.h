#pragma once

#include "auditlog.h"
#include "workspacetablemodel.h"

namespace storeloom {

// The audit trail, newest first.
class ActivityModel : public WorkspaceTableModel<AuditEvent>
{
    Q_OBJECT

public:
    enum Column { Time, Kind, Message, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64 event id
        RunIdRole,                 // qint64, 0 when the event is not about a run
        ConnectionIdRole,          // qint64, 0 when the event is not about a connection
    };

    explicit ActivityModel(Workspace workspace, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    bool sameRow(const AuditEvent &a, const AuditEvent &b) const override;
};

} // namespace storeloom
