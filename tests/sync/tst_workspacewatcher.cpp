// The workspace watcher reports a change exactly when another connection
// (another process, or a worker's own connection) has committed.
#include "testworkspace.h"
#include "workspacewatcher.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

class TestWorkspaceWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsCommitsOfOtherConnectionsOnly()
    {
        test::TestWorkspace ws;
        WorkspaceWatcher watcher(ws.workspace());
        QSignalSpy changed(&watcher, &WorkspaceWatcher::changed);
        QVERIFY(!watcher.check()); // nothing happened since it was made

        {
            const DbHandle other = ws.workspace().openHandle();
            QSqlQuery insert(other.db());
            QVERIFY(insert.exec(u"INSERT INTO audit_events (at, kind, message) "
                                "VALUES (1, 'test', 'from elsewhere')"_s));
        }
        QVERIFY(watcher.check());
        QCOMPARE(changed.size(), 1);
        QVERIFY(!watcher.check()); // once per change
        QCOMPARE(changed.size(), 1);
    }

    void checksOnItsOwnOnceStarted()
    {
        test::TestWorkspace ws;
        WorkspaceWatcher watcher(ws.workspace());
        QSignalSpy changed(&watcher, &WorkspaceWatcher::changed);
        watcher.start(10);
        const DbHandle other = ws.workspace().openHandle();
        QSqlQuery insert(other.db());
        QVERIFY(insert.exec(u"INSERT INTO audit_events (at, kind, message) "
                            "VALUES (1, 'test', 'from elsewhere')"_s));
        QTRY_COMPARE(changed.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceWatcher)
#include "tst_workspacewatcher.moc"
