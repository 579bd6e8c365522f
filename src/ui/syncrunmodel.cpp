#include "syncrunmodel.h"

#include "displayformat.h"
#include "runstore.h"

#include <QColor>

namespace storeloom {

namespace {

QList<SyncRun> fetchRuns(const QSqlDatabase &db)
{
    return RunStore(db).list();
}

QColor statusColor(SyncRun::Status status)
{
    switch (status) {
    case SyncRun::Status::Running: return QColor(0x15, 0x65, 0xc0);
    case SyncRun::Status::Succeeded: return QColor(0x2e, 0x7d, 0x32);
    case SyncRun::Status::Failed: return QColor(0xc6, 0x28, 0x28);
    case SyncRun::Status::Cancelled: break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

QString kindText(const QString &kind)
{
    return kind.isEmpty() ? kind : kind.at(0).toUpper() + kind.mid(1);
}

} // namespace

SyncRunModel::SyncRunModel(Workspace workspace, QObject *parent)
    : WorkspaceTableModel(std::move(workspace), &fetchRuns, parent)
{
}

int SyncRunModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int SyncRunModel::percent(const SyncRun &run)
{
    if (run.total <= 0)
        return run.isFinished() ? 100 : 0;
    return int(done(run) * 100 / run.total);
}

QString SyncRunModel::statusText(SyncRun::Status status)
{
    switch (status) {
    case SyncRun::Status::Running: return tr("Running");
    case SyncRun::Status::Succeeded: return tr("Succeeded");
    case SyncRun::Status::Failed: return tr("Failed");
    case SyncRun::Status::Cancelled: return tr("Cancelled");
    }
    return {};
}

bool SyncRunModel::sameRow(const SyncRun &a, const SyncRun &b) const
{
    return a.id == b.id && a.kind == b.kind && a.status == b.status && a.total == b.total &&
           a.succeeded == b.succeeded && a.failed == b.failed && a.skipped == b.skipped &&
           a.cancelled == b.cancelled && a.createdAt == b.createdAt &&
           a.finishedAt == b.finishedAt;
}

QVariant SyncRunModel::display(const SyncRun &run, int column) const
{
    switch (column) {
    case Id: return run.id;
    case Kind: return kindText(run.kind);
    case Status: return statusText(run.status);
    case Progress: return DisplayFormat::progress(done(run), run.total);
    case Succeeded: return run.succeeded;
    case Failed: return run.failed;
    case Skipped: return run.skipped;
    case Started: return DisplayFormat::dateTime(run.createdAt);
    case Finished: return run.finishedAt ? DisplayFormat::dateTime(*run.finishedAt) : QString();
    }
    return {};
}

QVariant SyncRunModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SyncRun &run = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(run, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Progress)
            return tr("%1 succeeded, %2 failed, %3 skipped, %4 cancelled, %5 remaining")
                .arg(run.succeeded)
                .arg(run.failed)
                .arg(run.skipped)
                .arg(run.cancelled)
                .arg(run.remaining());
        return {};
    case Qt::DecorationRole:
        return index.column() == Status ? QVariant(statusColor(run.status)) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == Id || (index.column() >= Succeeded && index.column() <= Skipped))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return run.id;
    case ProgressRole:
        return percent(run);
    case StatusRole:
        return int(run.status);
    default:
        return {};
    }
}

QVariant SyncRunModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id: return tr("Run");
    case Kind: return tr("Kind");
    case Status: return tr("Status");
    case Progress: return tr("Progress");
    case Succeeded: return tr("Succeeded");
    case Failed: return tr("Failed");
    case Skipped: return tr("Skipped");
    case Started: return tr("Started");
    case Finished: return tr("Finished");
    }
    return {};
}

} // namespace storeloom
