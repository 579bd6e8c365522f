// A worker process for tst_leasereclaim: it claims items from the workspace
// given on the command line, records that it started one, says so on stdout
// and then hangs until the test kills it with SIGKILL.
#include "executor.h"
#include "sql.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QThread>
#include <cstdio>

using namespace storeloom;

namespace {
class HangingHandler : public OperationHandler
{
public:
    explicit HangingHandler(Workspace workspace) : m_workspace(std::move(workspace)) {}

    ItemOutcome execute(const SyncItem &item) override
    {
        {
            const DbHandle handle = m_workspace.openHandle();
            QSqlQuery record = sql::prepare(
                handle.db(),
                QStringLiteral("INSERT INTO test_executions (item_id, pid) VALUES (:item, :pid)"));
            record.bindValue(QStringLiteral(":item"), item.id);
            record.bindValue(QStringLiteral(":pid"), QCoreApplication::applicationPid());
            sql::exec(record);
        }
        std::printf("started %lld\n", static_cast<long long>(item.id));
        std::fflush(stdout);
        for (;;)
            QThread::sleep(60);
    }

private:
    Workspace m_workspace;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: lease_child WORKSPACE LEASE_MS\n");
        return 2;
    }
    Workspace workspace(args.at(1));
    workspace.open(Workspace::OpenMode::MustExist);
    Executor::Options options;
    options.workers = 1;
    options.claimBatch = 4;
    options.leaseMs = args.at(2).toLongLong();
    Executor executor(workspace, options);
    executor.setHandler(QStringLiteral("listing.create"),
                        std::make_shared<HangingHandler>(workspace));
    executor.start();
    return app.exec();
}
