#pragma once

#include "workspacemodel.h"

#include <QList>

namespace storeloom {

// A WorkspaceModel whose rows are a list of `Row` values, each with a unique
// `id`. A refresh updates the rows in place where it can — new rows above or
// below the known ones are inserted, rows that fell off the end are removed,
// changed rows report dataChanged — so selection and scroll position survive
// the periodic refresh; anything else resets the model.
template<typename Row>
class WorkspaceTableModel : public WorkspaceModel
{
public:
    using Fetch = QList<Row> (*)(const QSqlDatabase &db);

    WorkspaceTableModel(Workspace workspace, Fetch fetch, QObject *parent)
        : WorkspaceModel(std::move(workspace), parent), m_fetch(fetch)
    {
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    const QList<Row> &rows() const { return m_rows; }
    const Row &rowAt(int row) const { return m_rows.at(row); }

protected:
    // True when both values display the same; decides which rows repaint.
    virtual bool sameRow(const Row &a, const Row &b) const = 0;
    // Called after every successful load, once the rows are in.
    virtual void rowsRefreshed() {}

    Query query() const override
    {
        return [fetch = m_fetch](const QSqlDatabase &db) -> Apply {
            return [rows = fetch(db)](WorkspaceModel *model) {
                static_cast<WorkspaceTableModel *>(model)->merge(rows);
            };
        };
    }

private:
    void merge(const QList<Row> &incoming)
    {
        qsizetype at = -1; // where the first known row is in `incoming`
        if (!m_rows.isEmpty()) {
            for (qsizetype i = 0; i < incoming.size() && at < 0; ++i) {
                if (incoming.at(i).id == m_rows.first().id)
                    at = i;
            }
        }
        if (at < 0) {
            beginResetModel();
            m_rows = incoming;
            endResetModel();
            rowsRefreshed();
            return;
        }
        // The known rows from the first one on that are still in place.
        qsizetype kept = 0;
        while (kept < m_rows.size() && at + kept < incoming.size() &&
               m_rows.at(kept).id == incoming.at(at + kept).id)
            ++kept;
        if (kept < m_rows.size()) {
            beginRemoveRows({}, int(kept), int(m_rows.size() - 1));
            m_rows.resize(kept);
            endRemoveRows();
        }
        if (at > 0) {
            beginInsertRows({}, 0, int(at - 1));
            m_rows = incoming.mid(0, at) + m_rows;
            endInsertRows();
        }
        if (m_rows.size() < incoming.size()) {
            beginInsertRows({}, int(m_rows.size()), int(incoming.size() - 1));
            m_rows += incoming.mid(m_rows.size());
            endInsertRows();
        }
        // Now the ids match row by row; repaint the rows that changed.
        const int lastColumn = columnCount() - 1;
        for (qsizetype first = at; first < at + kept;) {
            if (sameRow(m_rows.at(first), incoming.at(first))) {
                ++first;
                continue;
            }
            qsizetype last = first;
            while (last + 1 < at + kept && !sameRow(m_rows.at(last + 1), incoming.at(last + 1)))
                ++last;
            for (qsizetype i = first; i <= last; ++i)
                m_rows[i] = incoming.at(i);
            Q_EMIT dataChanged(index(int(first), 0), index(int(last), lastColumn));
            first = last + 1;
        }
        rowsRefreshed();
    }

    Fetch m_fetch;
    QList<Row> m_rows;
};

} // namespace storeloom
