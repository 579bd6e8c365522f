#include "activitymodel.h"

#include "displayformat.h"

namespace storeloom {

namespace {

QList<AuditEvent> fetchEvents(const QSqlDatabase &db)
{
    return AuditLog(db).recent();
}

} // namespace

ActivityModel::ActivityModel(Workspace workspace, QObject *parent)
    : WorkspaceTableModel(std::move(workspace), &fetchEvents, parent)
{
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool ActivityModel::sameRow(const AuditEvent &a, const AuditEvent &b) const
{
    return a.id == b.id && a.at == b.at && a.kind == b.kind && a.message == b.message &&
           a.connectionId == b.connectionId && a.runId == b.runId;
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEvent &event = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return DisplayFormat::dateTime(event.at);
        case Kind: return event.kind;
        case Message: return event.message;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == Message ? QVariant(event.message) : QVariant();
    case IdRole:
        return event.id;
    case RunIdRole:
        return event.runId;
    case ConnectionIdRole:
        return event.connectionId;
    default:
        return {};
    }
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case Kind: return tr("Event");
    case Message: return tr("Message");
    }
    return {};
}

} // namespace storeloom
