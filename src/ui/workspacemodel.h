#pragma once

#include "workspace.h"

#include <QAbstractTableModel>

#include <functional>

namespace storeloom {

// Base of the area models: a table read from the workspace without running
// SQL on the GUI thread. refresh() runs the model's query on a QThreadPool
// worker with that thread's own DbHandle and hands the rows back to the GUI
// thread with a queued call. At most one query per model is in flight; a
// refresh asked for meanwhile makes the running result stale (generation
// counter): it is dropped and the query runs again. A model destroyed while
// its query runs is never touched (QPointer).
class WorkspaceModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit WorkspaceModel(Workspace workspace, QObject *parent = nullptr);

    const Workspace &workspace() const { return m_workspace; }
    bool hasLoaded() const { return m_hasLoaded; }  // a load has completed at least once
    bool isLoading() const { return m_inFlight; }
    QString lastError() const { return m_lastError; } // of the latest load; empty when it worked

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    // The rows of the latest refresh are in the model.
    void loaded();
    // The latest refresh failed; the rows shown are those of the last good load.
    void loadFailed(const QString &message);

protected:
    // Applies the rows a query produced; called on the GUI thread.
    using Apply = std::function<void(WorkspaceModel *model)>;
    // The query; runs on a worker thread and must not touch the model.
    using Query = std::function<Apply(const QSqlDatabase &db)>;

    virtual Query query() const = 0;

private:
    void start();
    void finish(quint64 generation, const Apply &apply, const QString &error);

    Workspace m_workspace;
    quint64 m_generation = 0;
    bool m_inFlight = false;
    bool m_hasLoaded = false;
    QString m_lastError;
};

} // namespace storeloom
