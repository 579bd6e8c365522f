// A worker process for tst_leasereclaim: it claims items from the workspace
// given on the command line, records that it started one, says so on stdout
// and then hangs until the test kills it with SIGKILL.
#include "executionlog.h"
#include "executor.h"
#include "workspace.h"

#include <QCoreApplication>
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
        test::recordExecution(m_workspace, item.id);
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
