// storeloom-cli and the workspace itself: 'init' creates one (a machine
// without the app can start from the command line), every "no workspace
// there yet" says how to create one, and a workspace that cannot be written
// is reported as such — exit 4, never "not a Storeloom workspace", never a
// line of SQL.
#include "clirunner.h"
#include "readonlypath.h"
#include "testworkspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

class TestCliWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        m_dir = std::make_unique<QTemporaryDir>();
    }
    void cleanup()
    {
        m_dir.reset();
        m_home.reset();
    }

    void initCreatesAWorkspaceThatCommandsThenOpen()
    {
        const QString path = m_dir->filePath(u"shop/workspace.sqlite"_s);
        const auto created = cli({u"init"_s, u"--workspace"_s, path});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QVERIFY2(created.out.startsWith(u"Created the workspace %1 (schema version "_s.arg(path)),
                 qPrintable(created.out));
        QVERIFY(QFileInfo(path).isFile());

        const auto status = cli({u"status"_s, u"--workspace"_s, path});
        QVERIFY2(status.exitCode == 0, qPrintable(status.err));
        QVERIFY(status.out.contains(u"Products:"_s));

        const auto again = cli({u"init"_s, u"--workspace"_s, path, u"--json"_s});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        const QJsonObject init = again.json().value(u"init"_s).toObject();
        QCOMPARE(init.value(u"created"_s).toBool(true), false);
        QCOMPARE(init.value(u"workspace"_s).toString(), path);
        QVERIFY(init.value(u"schema_version"_s).toInt() > 0);
    }

    void initWithoutAPathCreatesTheDefaultWorkspace()
    {
        const QString expected = m_home->path() + u"/Storeloom/Storeloom/workspace.sqlite"_s;
        const auto result = cli({u"init"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains(expected));
        QVERIFY(QFileInfo(expected).isFile());
        QCOMPARE(cli({u"runs"_s}).exitCode, 0);
    }

    void noWorkspaceYetSaysHowToCreateOne()
    {
        const QString path = m_dir->filePath(u"missing.sqlite"_s);
        const auto result = cli({u"runs"_s, u"--workspace"_s, path});
        QCOMPARE(result.exitCode, 4);
        QCOMPARE(result.out, QString());
        QVERIFY2(result.err.contains(u"no workspace exists there yet"_s), qPrintable(result.err));
        QVERIFY2(result.err.contains(u"storeloom-cli init --workspace %1"_s.arg(path)),
                 qPrintable(result.err));
        QVERIFY(!QFileInfo::exists(path)); // only init creates

        const auto byDefault = cli({u"status"_s});
        QCOMPARE(byDefault.exitCode, 4);
        QVERIFY2(byDefault.err.contains(u"storeloom-cli init"_s), qPrintable(byDefault.err));
    }

    void aReadOnlyWorkspaceFileCannotBeWritten()
    {
        const QString path = populated();
        test::ReadOnlyPath readOnly(path);
        if (!readOnly.holds())
            QSKIP("cannot make a file read-only here (neither permissions nor chattr)");
        const auto status = cli({u"status"_s, u"--workspace"_s, path});
        QVERIFY2(status.exitCode == 0, qPrintable(status.err)); // reading still works
        expectPermissionDenied(cli({u"cancel"_s, u"1"_s, u"--workspace"_s, path}));
    }

    void aReadOnlyWorkspaceFolderCannotBeWritten()
    {
        const QString path = populated();
        test::ReadOnlyPath readOnly(QFileInfo(path).absolutePath());
        if (!readOnly.holds())
            QSKIP("cannot make a folder read-only here (neither permissions nor chattr)");
        // SQLite cannot even make its -wal and -shm files next to the workspace.
        expectPermissionDenied(cli({u"status"_s, u"--workspace"_s, path}));
        expectPermissionDenied(cli({u"cancel"_s, u"1"_s, u"--workspace"_s, path}));
    }

private:
    test::CliResult cli(const QStringList &arguments) const
    {
        return test::runCli(arguments, m_home->path());
    }

    // A workspace in a folder of its own with a running run and its pending
    // item (something 'cancel' writes), closed so no -wal file is left.
    QString populated()
    {
        const QString path = m_dir->filePath(u"ro/workspace.sqlite"_s);
        const auto created = cli({u"init"_s, u"--workspace"_s, path});
        if (created.exitCode != 0)
            qFatal("init failed: %s", qPrintable(created.err));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"seed"_s);
            db.setDatabaseName(path);
            db.open();
            QSqlQuery query(db);
            query.exec(u"INSERT INTO sync_runs (id, kind, status, created_at) "
                       "VALUES (1, 'publish', 'running', 0)"_s);
            query.exec(u"INSERT INTO sync_items (id, run_id, operation, direction, "
                       "idempotency_key, state, next_attempt_at, created_at, updated_at) "
                       "VALUES (1, 1, 'listing.create', 'outbound', 'k1', 'pending', 0, 0, 0)"_s);
            query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"seed"_s);
        QFile::remove(path + u"-wal"_s);
        QFile::remove(path + u"-shm"_s);
        return path;
    }

    static void expectPermissionDenied(const test::CliResult &result)
    {
        QCOMPARE(result.exitCode, 4);
        QCOMPARE(result.out, QString());
        QCOMPARE(result.errLines().size(), 1);
        QVERIFY2(result.err.contains(u"Cannot write to the workspace: permission denied"_s),
                 qPrintable(result.err));
        QVERIFY2(!result.err.contains(u"not a Storeloom workspace"_s), qPrintable(result.err));
        for (const char *sql : {"UPDATE ", "SELECT ", "INSERT ", " WHERE ", "(in:"})
            QVERIFY2(!result.err.contains(QLatin1String(sql)), qPrintable(result.err));
    }

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestCliWorkspace)
#include "tst_cli_workspace.moc"
