#pragma once

#include "sql.h"

#include <QList>
#include <QString>

namespace storeloom {

// Applies versioned SQL migrations, shipped as resources named
// NNNN_description.sql, in order. Each migration runs in one transaction and
// records itself in schema_migrations, so a crash leaves the schema at a
// version that was fully applied.
class Migrator
{
public:
    struct Migration
    {
        int version = 0;
        QString name;
        QString resourcePath;
    };

    explicit Migrator(QString resourceDirectory);

    QList<Migration> migrations() const;
    int latestVersion() const;

    // The version the database is at; 0 for a database without the schema.
    static int currentVersion(const QSqlDatabase &db);

    // Brings `db` to `targetVersion` (default: the latest). Throws
    // WorkspaceError::NewerSchema, changing nothing, when the database is
    // already past what this build knows.
    void migrate(const QSqlDatabase &db, int targetVersion = -1) const;

    // Splits a migration into statements and fills in the dialect's types.
    static QStringList statements(const QString &script, sql::Dialect dialect);

private:
    QString m_resourceDirectory;
};

} // namespace storeloom
