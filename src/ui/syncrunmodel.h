#pragma once

#include "syncrun.h"
#include "workspacetablemodel.h"

namespace storeloom {

// Sync runs, newest first, with their counters.
class SyncRunModel : public WorkspaceTableModel<SyncRun>
{
    Q_OBJECT

public:
    enum Column {
        Id, Kind, Status, Progress, Succeeded, Failed, Skipped, Started, Finished, ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64 run id
        ProgressRole,              // int, percent of items done (0-100), on every column
        StatusRole,                // int(SyncRun::Status)
    };

    explicit SyncRunModel(Workspace workspace, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static qint64 done(const SyncRun &run) { return run.total - run.remaining(); }
    static int percent(const SyncRun &run);
    static QString statusText(SyncRun::Status status);

protected:
    bool sameRow(const SyncRun &a, const SyncRun &b) const override;

private:
    QVariant display(const SyncRun &run, int column) const;
};

} // namespace storeloom
