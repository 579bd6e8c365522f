#pragma once

#include "sql.h"

#include <QSqlDatabase>
#include <QString>

namespace storeloom {

class DbHandle;

// The local database a merchant works in: the catalog, connections, runs and
// items. Opening it applies pending migrations. Every thread talks to it
// through its own DbHandle (a QSqlDatabase connection belongs to the thread
// that opened it).
class Workspace
{
public:
    enum class OpenMode { CreateIfMissing, MustExist };

    explicit Workspace(QString path);

    // QStandardPaths::AppDataLocation/workspace.sqlite
    static QString defaultPath();
    static QString migrationsResourceDirectory();

    // Creates or migrates the workspace. Throws WorkspaceError with a message
    // for the user; a workspace newer than this build is left untouched.
    void open(OpenMode mode = OpenMode::CreateIfMissing);

    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }

    // A new connection for the calling thread, closed and removed when the
    // handle goes away.
    DbHandle openHandle() const;

private:
    QString m_path;
    int m_schemaVersion = 0;
};

class DbHandle
{
public:
    DbHandle(DbHandle &&other) noexcept;
    DbHandle &operator=(DbHandle &&) = delete;
    DbHandle(const DbHandle &) = delete;
    ~DbHandle();

    QSqlDatabase db() const;
    QString connectionName() const { return m_name; }

private:
    friend class Workspace;
    explicit DbHandle(QString name) : m_name(std::move(name)) {}
    QString m_name;
};

} // namespace storeloom
