#include "syncrunmodel.h"

#include "connectionstore.h"
#include "displayformat.h"
#include "runstore.h"
#include "uilogging.h"
#include "workspaceerror.h"

#include <QColor>
#include <QCoreApplication>
#include <QLocale>
#include <QPointer>
#include <QThreadPool>

#include <exception>

namespace storeloom {

namespace {

QList<SyncRun> fetchRuns(const QSqlDatabase &db)
{
    return RunStore(db).list();
}

QHash<qint64, QString> fetchConnectionNames(const QSqlDatabase &db)
{
    QHash<qint64, QString> names;
    for (const Connection &connection : ConnectionStore(db).list())
        names.insert(connection.id, connection.name);
    return names;
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

// "45 s", "12 min", "2 h 5 min".
QString durationText(qint64 ms)
{
    const qint64 seconds = qMax<qint64>(0, ms) / 1000;
    if (seconds < 60)
        return SyncRunModel::tr("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return SyncRunModel::tr("%1 min").arg(minutes);
    return SyncRunModel::tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

// "12/s" when at least one a second, else "40/min".
QString rateText(double perSecond)
{
    if (perSecond >= 1) {
        const int decimals = perSecond < 10 ? 1 : 0;
        return SyncRunModel::tr("%1/s").arg(QLocale().toString(perSecond, 'f', decimals));
    }
    return SyncRunModel::tr("%1/min").arg(QLocale().toString(perSecond * 60, 'f', 0));
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

QString SyncRunModel::kindText(const QString &kind)
{
    return kind.isEmpty() ? kind : kind.at(0).toUpper() + kind.mid(1);
}

SyncRun SyncRunModel::runAt(int row) const
{
    const SyncRun &listed = rowAt(row);
    const auto fresh = m_fresh.constFind(listed.id);
    return fresh == m_fresh.cend() ? listed : fresh->run;
}

int SyncRunModel::rowOf(qint64 runId) const
{
    const QList<SyncRun> &runs = rows();
    for (qsizetype row = 0; row < runs.size(); ++row) {
        if (runs.at(row).id == runId)
            return int(row);
    }
    return -1;
}

WorkspaceModel::Query SyncRunModel::query() const
{
    // The list as the base class reads it, plus the connections' names, read
    // in the same pass on the same worker.
    return [list = WorkspaceTableModel::query(),
            reads = m_reads](const QSqlDatabase &db) -> Apply {
        const quint64 sequence = ++*reads;
        Apply merge = list(db);
        QHash<qint64, QString> names = fetchConnectionNames(db);
        return [merge = std::move(merge), names = std::move(names),
                sequence](WorkspaceModel *model) {
            auto *self = static_cast<SyncRunModel *>(model);
            self->m_connectionNames = names;
            self->m_listSequence = sequence;
            merge(model); // ends in rowsRefreshed()
        };
    };
}

bool SyncRunModel::sameRow(const SyncRun &a, const SyncRun &b) const
{
    return a.id == b.id && a.kind == b.kind && a.status == b.status && a.total == b.total &&
           a.succeeded == b.succeeded && a.failed == b.failed && a.skipped == b.skipped &&
           a.cancelled == b.cancelled && a.createdAt == b.createdAt &&
           a.finishedAt == b.finishedAt && a.connectionId == b.connectionId;
}

void SyncRunModel::rowsRefreshed()
{
    // Runs re-read before this load started are older than its rows.
    for (auto it = m_fresh.begin(); it != m_fresh.end();) {
        if (it->sequence > m_listSequence) {
            ++it;
            continue;
        }
        const int row = rowOf(it.key());
        const bool differs = row >= 0 && !sameRow(it->run, rowAt(row));
        it = m_fresh.erase(it);
        if (differs)
            emitRowChanged(row, 0, ColumnCount - 1);
    }
    QSet<qint64> listed;
    for (int row = 0; row < rowCount(); ++row) {
        const SyncRun run = runAt(row);
        listed.insert(run.id);
        observeRate(run);
        // Time moves on for running runs even when their counters do not.
        if (run.status == SyncRun::Status::Running)
            emitRowChanged(row, Duration, Eta);
    }
    for (auto it = m_fresh.begin(); it != m_fresh.end();)
        it = listed.contains(it.key()) ? std::next(it) : m_fresh.erase(it);
}

void SyncRunModel::refreshRun(qint64 runId)
{
    if (m_reading.contains(runId)) {
        m_readAgain.insert(runId); // what is being read may predate the change
        return;
    }
    m_reading.insert(runId);
    const QPointer<SyncRunModel> self(this);
    QThreadPool::globalInstance()->start([self, runId, workspace = workspace(), reads = m_reads] {
        const quint64 sequence = ++*reads;
        std::optional<SyncRun> run;
        QString error;
        try {
            const DbHandle handle = workspace.openHandle();
            run = RunStore(handle.db()).find(runId);
        } catch (const WorkspaceError &e) {
            error = e.message();
        } catch (const std::exception &e) {
            error = QString::fromLocal8Bit(e.what());
        }
        if (QCoreApplication *app = QCoreApplication::instance()) {
            // Posted to the application object: the model may be gone by then.
            QMetaObject::invokeMethod(
                app,
                [self, runId, sequence, run, error] {
                    if (self)
                        self->applyRun(runId, sequence, run, error);
                },
                Qt::QueuedConnection);
        }
    });
}

void SyncRunModel::applyRun(qint64 runId, quint64 sequence, const std::optional<SyncRun> &run,
                            const QString &error)
{
    m_reading.remove(runId);
    if (m_readAgain.remove(runId))
        refreshRun(runId);
    if (!error.isEmpty()) {
        qCWarning(lcUi).noquote() << "could not read run" << runId << ":" << error;
        return;
    }
    if (!run)
        return; // deleted: the next list load drops it
    const int row = rowOf(runId);
    if (row < 0) {
        refresh(); // a new run: the list brings it with its connection's name
        return;
    }
    const auto known = m_fresh.constFind(runId);
    if (sequence <= m_listSequence || (known != m_fresh.cend() && known->sequence > sequence))
        return; // already showing a newer read
    const bool differs = !sameRow(runAt(row), *run);
    m_fresh.insert(runId, Fresh{*run, sequence});
    observeRate(*run);
    if (differs)
        emitRowChanged(row, 0, ColumnCount - 1);
    Q_EMIT runRefreshed(runId);
}

void SyncRunModel::observeRate(const SyncRun &run)
{
    if (run.status == SyncRun::Status::Running)
        m_rates.observe(run.id, done(run));
    else
        m_rates.forget(run.id);
}

void SyncRunModel::emitRowChanged(int row, int firstColumn, int lastColumn)
{
    Q_EMIT dataChanged(index(row, firstColumn), index(row, lastColumn));
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
    case Connection: return m_connectionNames.value(run.connectionId);
    case Remaining: return run.remaining();
    }
    return timing(run, column);
}

QVariant SyncRunModel::timing(const SyncRun &run, int column) const
{
    const bool running = run.status == SyncRun::Status::Running;
    switch (column) {
    case Duration:
        return durationText(run.finishedAt.value_or(m_rates.now()) - run.createdAt);
    case Rate:
        if (const std::optional<double> rate = m_rates.perSecond(run.id); running && rate)
            return rateText(*rate);
        return QString();
    case Eta:
        if (const std::optional<qint64> eta = m_rates.eta(run.id, run.remaining()); running && eta)
            return durationText(*eta);
        return QString();
    }
    return {};
}

QVariant SyncRunModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SyncRun run = runAt(index.row());
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
        if (index.column() == Id || (index.column() >= Succeeded && index.column() <= Skipped) ||
            index.column() >= Remaining)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return run.id;
    case ProgressRole:
        return percent(run);
    case StatusRole:
        return int(run.status);
    case KindRole:
        return run.kind;
    case ConnectionIdRole:
        return run.connectionId;
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
    case Connection: return tr("Connection");
    case Remaining: return tr("Remaining");
    case Duration: return tr("Duration");
    case Rate: return tr("Rate");
    case Eta: return tr("Time left");
    }
    return {};
}

} // namespace storeloom
