// The status bar's API budget: today's remaining calls of the connection
// that has used the largest share of its daily limit; hidden until a
// platform reports one.

#include "budgetindicator.h"
#include "connectionstore.h"
#include "connectorlistmodel.h"
#include "testworkspace.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace storeloom;

class TestBudgetIndicator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanup() { QThreadPool::globalInstance()->waitForDone(); }
    void showsTheBusiestConnection();
};

void TestBudgetIndicator::showsTheBusiestConnection()
{
    test::TestWorkspace ws;
    QList<qint64> ids;
    {
        const DbHandle handle = ws.workspace().openHandle();
        for (const QString &name : {QStringLiteral("Quiet Shop"), QStringLiteral("Busy Shop"),
                                    QStringLiteral("Keys Shop")}) {
            Connection connection;
            connection.provider = QStringLiteral("etsy");
            connection.externalShopId = name;
            connection.name = name;
            connection.status = Connection::Status::Live;
            ids.append(ConnectionStore(handle.db()).add(connection));
        }
    }
    QHash<qint64, DailyBudget> budgets;
    ConnectorListModel connections(ws.workspace());
    BudgetIndicator label(&connections, [&budgets](qint64 id) -> std::optional<DailyBudget> {
        const auto it = budgets.constFind(id);
        return it == budgets.cend() ? std::nullopt : std::optional<DailyBudget>(*it);
    });
    QSignalSpy loaded(&connections, &WorkspaceModel::loaded);
    connections.refresh();
    QVERIFY(loaded.wait());
    QVERIFY(label.isHidden()); // no platform has said anything yet

    budgets.insert(ids.at(0), DailyBudget{10000, 9000, 0});
    budgets.insert(ids.at(1), DailyBudget{5000, 1204, 0}); // about a quarter left
    label.showBusiest();
    QVERIFY(!label.isHidden());
    QCOMPARE(label.text(), QStringLiteral("Busy Shop: 1,204 of 5,000 API calls left today"));
}

QTEST_MAIN(TestBudgetIndicator)
#include "tst_budgetindicator.moc"
