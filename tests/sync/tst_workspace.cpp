#include "catalogstore.h"
#include "migrator.h"
#include "workspace.h"
#include "workspaceerror.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom;

namespace {

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

QVariant scalar(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement) || !query.next())
        return {};
    return query.value(0);
}

// A raw SQLite connection for setting up states the app never produces itself.
class RawConnection
{
public:
    explicit RawConnection(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name = QStringLiteral("raw-test-connection");
};

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshWorkspaceHasLatestSchema()
    {
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(QStringLiteral("nested/folder/ws.sqlite")));
        workspace.open();
        const int latest = Migrator(Workspace::migrationsResourceDirectory()).latestVersion();
        QVERIFY(latest >= 2);
        QCOMPARE(workspace.schemaVersion(), latest);

        const DbHandle handle = workspace.openHandle();
        const QStringList tables = handle.db().tables();
        for (const char *table :
             {"products", "variants", "variant_option_values", "media", "collections",
              "collection_products", "locations", "stock_levels", "connections", "mappings",
              "sync_runs", "sync_items", "audit_events", "schema_migrations"})
            QVERIFY2(tables.contains(QLatin1String(table)), table);
        QCOMPARE(scalar(handle.db(), QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
        QCOMPARE(scalar(handle.db(), QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL
        QCOMPARE(scalar(handle.db(), QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    }

    void reopeningChangesNothing()
    {
        QTemporaryDir dir;
        Workspace first(dir.filePath(QStringLiteral("ws.sqlite")));
        first.open();
        Workspace second(first.path());
        second.open(Workspace::OpenMode::MustExist);
        QCOMPARE(second.schemaVersion(), first.schemaVersion());
        const DbHandle handle = second.openHandle();
        QCOMPARE(
            scalar(handle.db(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")).toInt(),
            first.schemaVersion());
    }

    void olderWorkspaceIsMigratedKeepingItsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            // A workspace as version 1 of the schema left it, with a product in it.
            RawConnection raw(path);
            Migrator(Workspace::migrationsResourceDirectory()).migrate(raw.db(), 1);
            QCOMPARE(Migrator::currentVersion(raw.db()), 1);
            QVERIFY(!raw.db().tables().contains(QStringLiteral("sync_items")));
            QSqlQuery insert(raw.db());
            QVERIFY(insert.exec(QStringLiteral("INSERT INTO products (title, created_at, "
                                               "updated_at) VALUES ('Linen apron', 1, 1)")));
        }
        Workspace workspace(path);
        workspace.open(Workspace::OpenMode::MustExist);
        QCOMPARE(workspace.schemaVersion(),
                 Migrator(Workspace::migrationsResourceDirectory()).latestVersion());
        const DbHandle handle = workspace.openHandle();
        QVERIFY(handle.db().tables().contains(QStringLiteral("sync_items")));
        QCOMPARE(CatalogStore(handle.db()).summaries().value(0).title,
                 QStringLiteral("Linen apron"));
    }

    void newerWorkspaceIsRefusedAndLeftUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.sqlite"));
        {
            Workspace workspace(path);
            workspace.open();
            const DbHandle handle = workspace.openHandle();
            QSqlQuery future(handle.db());
            QVERIFY(future.exec(QStringLiteral("INSERT INTO schema_migrations (version, name, "
                                               "applied_at) VALUES (999, 'future', 1)")));
            QVERIFY(future.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
            future.finish();
            QVERIFY(future.exec(QStringLiteral("PRAGMA journal_mode = DELETE"))); // leave one file
        }
        const QByteArray before = fileDigest(path);
        QVERIFY(!before.isEmpty());

        Workspace workspace(path);
        try {
            workspace.open(Workspace::OpenMode::MustExist);
            QFAIL("a workspace newer than the app was opened");
        } catch (const WorkspaceError &error) {
            QCOMPARE(error.kind(), WorkspaceError::Kind::NewerSchema);
            QVERIFY2(error.message().contains(QLatin1String("newer Storeloom")),
                     qPrintable(error.message()));
            QVERIFY(error.message().contains(QLatin1String("999")));
        }
        QCOMPARE(fileDigest(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void missingWorkspaceIsNotCreatedWhenItMustExist()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("absent.sqlite"));
        Workspace workspace(path);
        try {
            workspace.open(Workspace::OpenMode::MustExist);
            QFAIL("opened a workspace that does not exist");
        } catch (const WorkspaceError &error) {
            QCOMPARE(error.kind(), WorkspaceError::Kind::Unavailable);
            QVERIFY(error.message().contains(path));
        }
        QVERIFY(!QFile::exists(path));
    }

    void fileThatIsNotAWorkspaceIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        const QByteArray before = fileDigest(path);
        try {
            Workspace(path).open();
            QFAIL("opened a file that is not a workspace");
        } catch (const WorkspaceError &error) {
            QCOMPARE(error.kind(), WorkspaceError::Kind::Unavailable);
            QVERIFY2(error.message().contains(QLatin1String("not a Storeloom workspace")),
                     qPrintable(error.message()));
        }
        QCOMPARE(fileDigest(path), before);
    }

    void anotherProgramsDatabaseIsRefusedAndLeftUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.sqlite"));
        {
            RawConnection raw(path);
            QSqlQuery create(raw.db());
            QVERIFY(create.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")));
        }
        const QByteArray before = fileDigest(path);
        for (const auto mode :
             {Workspace::OpenMode::CreateIfMissing, Workspace::OpenMode::MustExist}) {
            try {
                Workspace(path).open(mode);
                QFAIL("turned another program's database into a workspace");
            } catch (const WorkspaceError &error) {
                QCOMPARE(error.kind(), WorkspaceError::Kind::Unavailable);
                QVERIFY2(error.message().contains(QLatin1String("another program")),
                         qPrintable(error.message()));
            }
        }
        QCOMPARE(fileDigest(path), before);
    }

    void emptyFileIsAWorkspaceOnlyWhenCreating()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.sqlite"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        try {
            Workspace(path).open(Workspace::OpenMode::MustExist);
            QFAIL("opened an empty file as an existing workspace");
        } catch (const WorkspaceError &error) {
            QCOMPARE(error.kind(), WorkspaceError::Kind::Unavailable);
        }
        QCOMPARE(QFileInfo(path).size(), 0);
        Workspace created(path);
        created.open(Workspace::OpenMode::CreateIfMissing);
        QVERIFY(created.schemaVersion() >= 2);
    }

    void migrationsAreWrittenForBothDialects()
    {
        const QString script = QStringLiteral("-- comment; with a semicolon\n"
                                              "CREATE TABLE a (id {{id}}, name TEXT);\n"
                                              "CREATE INDEX a_name ON a (name);\n");
        const QStringList sqlite = Migrator::statements(script, sql::Dialect::Sqlite);
        QCOMPARE(sqlite.size(), 2);
        QCOMPARE(sqlite.first(),
                 QStringLiteral("CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT)"));
        const QStringList postgres = Migrator::statements(script, sql::Dialect::Postgres);
        QVERIFY(postgres.first().contains(QLatin1String("GENERATED BY DEFAULT AS IDENTITY")));
        // Every shipped migration splits into statements with no placeholder left.
        for (const auto &migration :
             Migrator(Workspace::migrationsResourceDirectory()).migrations()) {
            QFile file(migration.resourcePath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            for (const QString &statement :
                 Migrator::statements(QString::fromUtf8(file.readAll()), sql::Dialect::Postgres))
                QVERIFY2(!statement.contains(QLatin1String("{{")), qPrintable(statement));
        }
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
