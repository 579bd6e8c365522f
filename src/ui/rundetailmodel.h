#pragma once

#include "rundetailreader.h"
#include "workspacemodel.h"

namespace storeloom {

// The products of one run: each item's product, its state (and for publish
// runs the product's state on the channel), listing link, last attempt,
// attempts and error. Loaded off the GUI thread; a reload of the same run
// repaints the rows that changed instead of resetting, so selection and
// scroll position survive progress ticks.
class RunDetailModel : public WorkspaceModel
{
    Q_OBJECT

public:
    enum Column { Product, State, Channel, Listing, LastAttempt, Attempts, Error, ColumnCount };
    enum Role {
        ItemIdRole = Qt::UserRole + 1, // qint64
        ProductIdRole,                 // qint64, 0 when not about a product
        StateRole,                     // int(SyncItem::State)
        StateNameRole,                 // QString, nameOf(state): what filters match
        UrlRole,                       // QUrl of the listing; invalid when there is none
    };

    explicit RunDetailModel(Workspace workspace, QObject *parent = nullptr);

    // Shows run `runId` (0: none): the rows go at once, the new ones load.
    void setRunId(qint64 runId);
    qint64 runId() const { return m_runId; }
    // The run as of the last load; none before it or for an unknown run.
    std::optional<SyncRun> run() const { return m_run; }
    const QList<RunDetailRow> &rows() const { return m_rows; }
    // Items that failed and can be tried again.
    bool hasFailedItems() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString stateText(SyncItem::State state);
    static QString channelText(ChannelState::State state);

protected:
    Query query() const override;

private:
    void apply(qint64 runId, const RunDetail &detail);
    QVariant display(const RunDetailRow &row, int column) const;

    qint64 m_runId = 0;
    std::optional<SyncRun> m_run;
    QList<RunDetailRow> m_rows;
};

} // namespace storeloom
