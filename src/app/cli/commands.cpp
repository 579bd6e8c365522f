#include "commands.h"

#include "channelsettingscommand.h"
#include "clierror.h"
#include "clilogging.h"
#include "connectcommand.h"
#include "importcommand.h"
#include "publishcommand.h"
#include "unpublishcommand.h"
#include "abandonedsignins.h"
#include "connectionretirement.h"
#include "connectionstore.h"
#include "itemstore.h"
#include "runstore.h"
#include "secretstore.h"
#include "workspace.h"
#include "workspaceaccess.h"
#include "workspacestatus.h"

#include <QEventLoop>
#include <QFileInfo>

namespace storeloom::cli {

namespace {

// Every command that opens the workspace first lets go of sign-ins left
// unfinished longer than the expiry (README: "Abandoned sign-ins"). Never
// fails the command: a refusal is logged and the next command tries again.
void sweepAbandonedSignIns(const Workspace &workspace)
{
    SecretStore secrets;
    QEventLoop loop;
    bool finished = false;
    AbandonedSignIns(workspace, secrets).sweep([&](int removed, const QString &error) {
        if (!error.isEmpty())
            qCInfo(lcCli) << "unfinished sign-ins kept for now:" << error;
        else if (removed > 0)
            qCInfo(lcCli) << "removed" << removed << "expired sign-in(s)";
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
}

} // namespace

QString Commands::execute() const
{
    const QString path = m_invocation.workspacePath.isEmpty() ? Workspace::defaultPath()
                                                              : m_invocation.workspacePath;
    if (m_invocation.command == Command::Init)
        return init(path);
    const Workspace workspace = openExistingWorkspace(path);
    sweepAbandonedSignIns(workspace);
    const DbHandle handle = workspace.openHandle();
    // Every store and query made below is gone before `handle` removes the connection.
    const QSqlDatabase db = handle.db();
    switch (m_invocation.command) {
    case Command::Init:
        break; // above: it needs no workspace yet
    case Command::Status:
        return status(db, QFileInfo(path).absoluteFilePath());
    case Command::Runs:
        return runs(db);
    case Command::RunShow:
        return runShow(db);
    case Command::Items:
        return items(db);
    case Command::Replay:
        return replay(db);
    case Command::Cancel:
        return cancel(db);
    case Command::Connections:
        return connections(db);
    case Command::Disconnect:
        return disconnect(workspace, db);
    case Command::Connect:
        return ConnectCommand(m_invocation, m_output).run(workspace);
    case Command::Import:
        return ImportCommand(m_invocation, m_output).run(workspace);
    case Command::Publish:
        return PublishCommand(m_invocation, m_output).run(workspace);
    case Command::Unpublish:
        return UnpublishCommand(m_invocation).run(workspace);
    case Command::ChannelSettings:
        return ChannelSettingsCommand(m_invocation, m_output).run(workspace);
    }
    return {};
}

QString Commands::init(const QString &path) const
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const bool existed = QFileInfo::exists(absolute);
    Workspace workspace(absolute);
    workspace.open(Workspace::OpenMode::CreateIfMissing);
    qCInfo(lcCli) << "workspace" << absolute << (existed ? "opened" : "created");
    return m_output.initialized(absolute, !existed, workspace.schemaVersion());
}

QString Commands::status(const QSqlDatabase &db, const QString &location) const
{
    WorkspaceStatus status = WorkspaceStatus::read(db);
    status.location = location;
    return m_output.status(status);
}

QString Commands::runs(const QSqlDatabase &db) const
{
    return m_output.runs(RunStore(db).list(m_invocation.limit));
}

QString Commands::runShow(const QSqlDatabase &db) const
{
    const SyncRun run = RunStore(db).get(m_invocation.id);
    return m_output.run(run, WorkspaceStatus::itemCounts(db, run.id));
}

QString Commands::items(const QSqlDatabase &db) const
{
    const SyncRun run =
        RunStore(db).get(m_invocation.id); // an unknown run is an error, not "no items"
    const QList<SyncItem> items =
        ItemStore(db).list(run.id, m_invocation.state, m_invocation.limit);
    return m_output.items(run, items, m_invocation.state);
}

QString Commands::replay(const QSqlDatabase &db) const
{
    const SyncItem item = ItemStore(db).replay(m_invocation.id);
    qCInfo(lcCli) << "item" << item.id << "replayed; now" << nameOf(item.state);
    return m_output.replayed(item);
}

QString Commands::cancel(const QSqlDatabase &db) const
{
    RunStore runs(db);
    const qint64 stopped = runs.cancel(m_invocation.id);
    const SyncRun run = runs.get(m_invocation.id);
    const qint64 stillRunning =
        WorkspaceStatus::itemCounts(db, run.id).value(SyncItem::State::Running);
    qCInfo(lcCli) << "run" << run.id << "cancelled;" << stopped << "items stopped";
    return m_output.cancelled(run, stopped, stillRunning);
}

QString Commands::connections(const QSqlDatabase &db) const
{
    return m_output.connections(ConnectionStore(db).list());
}

QString Commands::disconnect(const Workspace &workspace, const QSqlDatabase &db) const
{
    const Connection connection = ConnectionStore(db).get(m_invocation.id);
    SecretStore secrets;
    ConnectionRetirement retirement(workspace, secrets);
    const auto mode = m_invocation.deleteConnection ? ConnectionRetirement::Mode::Delete
                                                    : ConnectionRetirement::Mode::Disconnect;
    // The keychain answers asynchronously; SecretStore gives up on a silent one.
    QEventLoop loop;
    std::optional<QString> error;
    retirement.retire(connection.id, mode, [&](const QString &reason) {
        error = reason;
        loop.quit();
    });
    if (!error)
        loop.exec();
    if (!error->isEmpty())
        throw CliError(ExitCode::Keychain, *error);
    qCInfo(lcCli) << "connection" << connection.id << "retired";
    return m_output.disconnected(connection, m_invocation.deleteConnection);
}

} // namespace storeloom::cli
