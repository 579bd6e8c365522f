#pragma once

#include "runrates.h"
#include "syncrun.h"
#include "workspacetablemodel.h"

#include <QHash>
#include <QSet>

#include <atomic>
#include <memory>

namespace storeloom {

// Sync runs, newest first, with their counters, the connection's name, and
// while a run is running its rate and ETA (from successive refreshes).
//
// refresh() reloads the list; refreshRun() re-reads one run off the GUI
// thread and repaints only its row — what progress ticks use. The freshest
// read of a run wins, whichever way it came (a sequence number taken before
// each read orders them).
class SyncRunModel : public WorkspaceTableModel<SyncRun>
{
    Q_OBJECT

public:
    // The first columns keep their numbers (tests and the status bar use
    // them); the view arranges the order the merchant sees.
    enum Column {
        Id, Kind, Status, Progress, Succeeded, Failed, Skipped, Started, Finished,
        Connection, Remaining, Duration, Rate, Eta, ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64 run id
        ProgressRole,              // int, percent of items done (0-100), on every column
        StatusRole,                // int(SyncRun::Status)
        KindRole,                  // QString, the stored kind ("publish")
        ConnectionIdRole,          // qint64
    };

    explicit SyncRunModel(Workspace workspace, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The run as last read (rowAt() may be older: it is the last list load).
    SyncRun runAt(int row) const;
    int rowOf(qint64 runId) const; // -1 when not listed
    QString connectionName(qint64 connectionId) const
    {
        return m_connectionNames.value(connectionId);
    }
    // The clock behind durations, rates and ETAs; tests pass their own.
    void setClock(RunRates::Clock clock) { m_rates.setClock(std::move(clock)); }

    static qint64 done(const SyncRun &run) { return run.total - run.remaining(); }
    static int percent(const SyncRun &run);
    static QString statusText(SyncRun::Status status);
    static QString kindText(const QString &kind);

public Q_SLOTS:
    // Re-reads run `runId` on a worker and updates its row in place; a run
    // not listed yet reloads the list.
    void refreshRun(qint64 runId);

Q_SIGNALS:
    // refreshRun() read `runId` and its row shows what it read.
    void runRefreshed(qint64 runId);

protected:
    Query query() const override;
    bool sameRow(const SyncRun &a, const SyncRun &b) const override;
    void rowsRefreshed() override;

private:
    struct Fresh
    {
        SyncRun run;
        quint64 sequence = 0;
    };

    void applyRun(qint64 runId, quint64 sequence, const std::optional<SyncRun> &run,
                  const QString &error);
    void observeRate(const SyncRun &run);
    void emitRowChanged(int row, int firstColumn, int lastColumn);
    QVariant display(const SyncRun &run, int column) const;
    QVariant timing(const SyncRun &run, int column) const;

    // Reads of the workspace, numbered in the order they start.
    std::shared_ptr<std::atomic<quint64>> m_reads = std::make_shared<std::atomic<quint64>>(0);
    quint64 m_listSequence = 0;  // of the rows the last list load brought
    QHash<qint64, Fresh> m_fresh; // runs re-read since that load
    QSet<qint64> m_reading;       // runs being re-read
    QSet<qint64> m_readAgain;     // asked again while being re-read
    QHash<qint64, QString> m_connectionNames;
    RunRates m_rates;
};

} // namespace storeloom
