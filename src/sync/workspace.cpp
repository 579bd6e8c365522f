#include "workspace.h"

#include "logging.h"
#include "migrator.h"
#include "workspaceerror.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

// The migrations live in a static library: nothing references their
// resource initializer, so the linker would drop it unless called.
static void initMigrationResources()
{
    Q_INIT_RESOURCE(migrations);
}

namespace storeloom {

namespace {

constexpr int kBusyTimeoutMs = 10000;

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("storeloom-workspace-%1").arg(counter.fetchAndAddRelaxed(1));
}

QSqlDatabase addSqliteConnection(const QString &name, const QString &path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    return db;
}

void configureConnection(const QSqlDatabase &db)
{
    sql::execDirect(db, QStringLiteral("PRAGMA synchronous = NORMAL"));
    sql::execDirect(db, QStringLiteral("PRAGMA foreign_keys = ON"));
}

[[noreturn]] void unavailable(const QString &path, const QString &why)
{
    throw WorkspaceError(WorkspaceError::Kind::Unavailable,
                         QStringLiteral("Cannot open the workspace %1: %2").arg(path, why));
}

} // namespace

Workspace::Workspace(QString path) : m_path(std::move(path)) {}

QString Workspace::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/workspace.sqlite");
}

QString Workspace::migrationsResourceDirectory()
{
    static const bool initialized = (initMigrationResources(), true);
    Q_UNUSED(initialized);
    return QStringLiteral(":/storeloom/migrations");
}

void Workspace::open(OpenMode mode)
{
    const QFileInfo file(m_path);
    if (file.exists() && !file.isFile())
        unavailable(m_path, QStringLiteral("it is not a file."));
    if (!file.exists()) {
        if (mode == OpenMode::MustExist)
            unavailable(m_path, QStringLiteral("no workspace exists there yet. Create one with "
                                               "'storeloom-cli init --workspace %1' (or by "
                                               "starting Storeloom), or pass the --workspace PATH "
                                               "of an existing one.")
                                    .arg(m_path));
        if (!QDir().mkpath(file.absolutePath()))
            unavailable(m_path, QStringLiteral("its folder cannot be created."));
    } else if (!file.isReadable()) {
        unavailable(m_path, QStringLiteral("the file is not readable (check its permissions)."));
    }

    const DbHandle handle(nextConnectionName()); // declared first: removes the connection last
    {
        QSqlDatabase db = addSqliteConnection(handle.m_name, m_path);
        if (!db.open())
            unavailable(m_path, db.lastError().text());
        QSqlQuery probe(db);
        if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
            // A read-only file or folder fails here too: SQLite cannot make its
            // -wal and -shm files. That is not "not a workspace".
            if (sql::isPermissionDenied(probe.lastError().nativeErrorCode().toInt()))
                throw WorkspaceError(WorkspaceError::Kind::Unavailable,
                                     sql::permissionDeniedMessage(m_path));
            unavailable(m_path, QStringLiteral("it is not a Storeloom workspace (%1).")
                                    .arg(probe.lastError().databaseText()));
        }
        probe.finish();

        const Migrator migrator(migrationsResourceDirectory());
        const int found = Migrator::currentVersion(db);
        // Never turn someone else's database into a workspace.
        if (found == 0 && !db.tables().isEmpty())
            unavailable(m_path, QStringLiteral("it is not a Storeloom workspace (it is another "
                                               "program's database)."));
        if (found == 0 && mode == OpenMode::MustExist)
            unavailable(m_path, QStringLiteral("it is not a Storeloom workspace (the file is "
                                               "empty)."));
        if (found > migrator.latestVersion())
            migrator.migrate(db); // throws NewerSchema before anything is written

        // WAL lets readers (the GUI, the CLI) work while a worker writes.
        QSqlQuery wal(db);
        const bool walSet = wal.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        if (!walSet && sql::isPermissionDenied(wal.lastError().nativeErrorCode().toInt()))
            throw WorkspaceError(WorkspaceError::Kind::Unavailable,
                                 sql::permissionDeniedMessage(m_path));
        if (!walSet || !wal.next() ||
            wal.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            unavailable(m_path, QStringLiteral("write-ahead logging could not be enabled "
                                               "(is the file on a read-only or network drive?)."));
        wal.finish();
        configureConnection(db);
        migrator.migrate(db);
        m_schemaVersion = Migrator::currentVersion(db);
        if (found < m_schemaVersion)
            qCInfo(lcWorkspace) << "workspace" << m_path << "migrated from" << found << "to"
                                << m_schemaVersion;
    }
}

DbHandle Workspace::openHandle() const
{
    DbHandle handle(nextConnectionName());
    QSqlDatabase db = addSqliteConnection(handle.m_name, m_path);
    if (!db.open())
        unavailable(m_path, db.lastError().text());
    configureConnection(db);
    return handle;
}

DbHandle::DbHandle(DbHandle &&other) noexcept : m_name(std::exchange(other.m_name, QString())) {}

DbHandle::~DbHandle()
{
    if (m_name.isEmpty())
        return;
    QSqlDatabase::database(m_name, false).close();
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase DbHandle::db() const
{
    return QSqlDatabase::database(m_name, false);
}

} // namespace storeloom
