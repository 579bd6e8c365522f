#include "rundetailmodel.h"

#include "displayformat.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QUrl>
#include <algorithm>

namespace storeloom {

RunDetailModel::RunDetailModel(Workspace workspace, QObject *parent)
    : WorkspaceModel(std::move(workspace), parent)
{}

void RunDetailModel::setRunId(qint64 runId)
{
    if (runId == m_runId)
        return;
    beginResetModel();
    m_runId = runId;
    m_run.reset();
    m_rows.clear();
    endResetModel();
    if (runId > 0)
        refresh();
}

bool RunDetailModel::hasFailedItems() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [](const RunDetailRow &row) {
        return row.state == SyncItem::State::Failed || row.state == SyncItem::State::Dead;
    });
}

WorkspaceModel::Query RunDetailModel::query() const
{
    return [runId = m_runId](const QSqlDatabase &db) -> Apply {
        return [runId, detail = RunDetailReader::read(db, runId)](WorkspaceModel *model) {
            static_cast<RunDetailModel *>(model)->apply(runId, detail);
        };
    };
}

void RunDetailModel::apply(qint64 runId, const RunDetail &detail)
{
    if (runId != m_runId)
        return; // loaded for a run no longer shown
    m_run = detail.run;
    const bool sameItems = m_rows.size() == detail.rows.size() &&
                           std::equal(m_rows.cbegin(), m_rows.cend(), detail.rows.cbegin(),
                                      [](const RunDetailRow &a, const RunDetailRow &b) {
                                          return a.itemId == b.itemId;
                                      });
    if (!sameItems) {
        beginResetModel();
        m_rows = detail.rows;
        endResetModel();
        return;
    }
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row) == detail.rows.at(row))
            continue;
        m_rows[row] = detail.rows.at(row);
        Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
    }
}

int RunDetailModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunDetailModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunDetailModel::stateText(SyncItem::State state)
{
    switch (state) {
    case SyncItem::State::Pending:
        return tr("Waiting");
    case SyncItem::State::Running:
        return tr("Sending");
    case SyncItem::State::Succeeded:
        return tr("Done");
    case SyncItem::State::Skipped:
        return tr("Skipped");
    case SyncItem::State::Failed:
        return tr("Failed, will retry");
    case SyncItem::State::Dead:
        return tr("Failed");
    case SyncItem::State::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString RunDetailModel::channelText(ChannelState::State state)
{
    switch (state) {
    case ChannelState::State::NotListed:
        return tr("Not listed");
    case ChannelState::State::Pending:
        return tr("Pending");
    case ChannelState::State::Synced:
        return tr("Synced");
    case ChannelState::State::Failed:
        return tr("Failed");
    case ChannelState::State::OutOfSync:
        return tr("Out of sync");
    case ChannelState::State::Inactive:
        return tr("Inactive");
    }
    return {};
}

QVariant RunDetailModel::display(const RunDetailRow &row, int column) const
{
    switch (column) {
    case Product:
        return row.title;
    case State:
        return stateText(row.state);
    case Channel:
        return row.channelState ? channelText(*row.channelState) : QString();
    case Listing:
        return row.listingUrl;
    case LastAttempt:
        return row.lastAttemptAt ? DisplayFormat::dateTime(*row.lastAttemptAt) : QString();
    case Attempts:
        return row.attempts;
    case Error:
        return row.error;
    }
    return {};
}

QVariant RunDetailModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunDetailRow &row = m_rows.at(index.row());
    const bool link = index.column() == Listing && !row.listingUrl.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        if (link)
            return tr("Open the listing in your browser: %1").arg(row.listingUrl);
        if (index.column() == Error && !row.error.isEmpty())
            return row.error; // the cell may be too narrow for the whole message
        if (index.column() == Channel && row.lastSyncedAt)
            return tr("Last synced %1").arg(DisplayFormat::dateTime(*row.lastSyncedAt));
        return {};
    case Qt::ForegroundRole:
        if (link)
            return QGuiApplication::palette().color(QPalette::Link);
        if (index.column() == Error ||
            (index.column() == State && row.state == SyncItem::State::Dead))
            return QColor(0xc6, 0x28, 0x28);
        return {};
    case Qt::FontRole:
        if (link) {
            QFont font;
            font.setUnderline(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Attempts ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                          : QVariant();
    case ItemIdRole:
        return row.itemId;
    case ProductIdRole:
        return row.productId;
    case StateRole:
        return int(row.state);
    case StateNameRole:
        return nameOf(row.state);
    case UrlRole:
        return row.listingUrl.isEmpty() ? QUrl() : QUrl(row.listingUrl);
    default:
        return {};
    }
}

QVariant RunDetailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Product:
        return tr("Product");
    case State:
        return tr("State");
    case Channel:
        return tr("On the channel");
    case Listing:
        return tr("Listing");
    case LastAttempt:
        return tr("Last attempt");
    case Attempts:
        return tr("Attempts");
    case Error:
        return tr("Error");
    }
    return {};
}

} // namespace storeloom
