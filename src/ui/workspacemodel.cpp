#include "workspacemodel.h"

#include "uilogging.h"
#include "workspaceerror.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QThreadPool>

#include <exception>

namespace storeloom {

WorkspaceModel::WorkspaceModel(Workspace workspace, QObject *parent)
    : QAbstractTableModel(parent), m_workspace(std::move(workspace))
{
}

void WorkspaceModel::refresh()
{
    ++m_generation;
    if (!m_inFlight)
        start();
}

void WorkspaceModel::start()
{
    m_inFlight = true;
    const QPointer<WorkspaceModel> self(this);
    QThreadPool::globalInstance()->start(
        [self, generation = m_generation, workspace = m_workspace, query = query(),
         name = objectName()] {
            QElapsedTimer timer;
            timer.start();
            Apply apply;
            QString error;
            try {
                const DbHandle handle = workspace.openHandle();
                apply = query(handle.db());
            } catch (const WorkspaceError &e) {
                error = e.message();
            } catch (const std::exception &e) {
                error = QString::fromLocal8Bit(e.what());
            }
            qCDebug(lcUi) << name << "query took" << timer.elapsed() << "ms";
            QCoreApplication *app = QCoreApplication::instance();
            if (!app)
                return;
            // Posted to the application object, which outlives every model: the
            // model itself may be gone by now, and only the GUI thread may ask.
            QMetaObject::invokeMethod(
                app,
                [self, generation, apply = std::move(apply), error] {
                    if (self)
                        self->finish(generation, apply, error);
                },
                Qt::QueuedConnection);
        });
}

void WorkspaceModel::finish(quint64 generation, const Apply &apply, const QString &error)
{
    m_inFlight = false;
    if (generation != m_generation) {
        start(); // a newer refresh was asked for while this one ran
        return;
    }
    m_lastError = error;
    if (!error.isEmpty()) {
        const QString name = objectName().isEmpty()
                                 ? QString::fromLatin1(metaObject()->className())
                                 : objectName();
        qCWarning(lcUi).noquote() << name << "could not load:" << error;
        Q_EMIT loadFailed(error);
        return;
    }
    apply(this);
    m_hasLoaded = true;
    Q_EMIT loaded();
}

} // namespace storeloom
