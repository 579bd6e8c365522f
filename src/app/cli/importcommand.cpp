#include "importcommand.h"

#include "appservices.h"
#include "builtinproviders.h"
#include "catalogimportjob.h"
#include "clierror.h"
#include "importservice.h"
#include "connectionstore.h"
#include "helptext.h"
#include "progressbar.h"
#include "providerregistry.h"

#include <QEventLoop>
#include <QTimer>
#include <atomic>
#include <csignal>
#include <unistd.h>

namespace storeloom::cli {

namespace {

std::atomic_bool interrupted{false};

void onInterrupt(int)
{
    interrupted = true;
}

ImportOptions optionsFor(const Invocation &invocation)
{
    ImportOptions options;
    options.createdBy = QStringLiteral("storeloom-cli");
    if (invocation.importMode == QLatin1String("paged"))
        options.mode = ImportOptions::Mode::Paged;
    else if (invocation.importMode == QLatin1String("bulk"))
        options.mode = ImportOptions::Mode::Bulk;
    return options;
}

} // namespace

QString ImportCommand::run(const Workspace &workspace) const
{
    Connection connection;
    {
        const DbHandle handle = workspace.openHandle();
        const auto found = ConnectionStore(handle.db()).find(m_invocation.id);
        if (!found)
            throw CliError(ExitCode::NotFound,
                           QStringLiteral("There is no connection %1.").arg(m_invocation.id));
        connection = *found;
    }
    const auto *importing =
        dynamic_cast<const ImportingProvider *>(builtInProviders().find(connection.provider));
    if (!importing)
        throw CliError(ExitCode::InvalidState,
                       QStringLiteral("Importing from %1 stores is not available yet; %2 "
                                      "stores can be imported.")
                           .arg(connection.provider, importingPlatforms()));

    // This process's one owner of the connection's tokens; it renews them
    // under the workspace's lock, so the app and other runs can too.
    AppServices services(workspace, builtInProviders());
    const std::unique_ptr<CatalogImportJob> job(
        services.importing().createJob(connection.id, optionsFor(m_invocation)));
    const bool onTerminal = !m_invocation.json && isatty(STDOUT_FILENO);
    ProgressBar bar(stdout);
    QObject::connect(job.get(), &CatalogImportJob::progress,
                     [&](const ImportProgress &progress) {
                         if (onTerminal)
                             bar.show(progress.done, progress.total, QStringLiteral("products"),
                                      progress.waiting);
                     });
    std::optional<ImportOutcome> outcome;
    QEventLoop loop;
    QObject::connect(job.get(), &CatalogImportJob::finished,
                     [&](const ImportOutcome &result) {
                         outcome = result;
                         loop.quit();
                     });

    // Ctrl+C asks the import to stop after the page it is writing.
    interrupted = false;
    const auto previous = std::signal(SIGINT, onInterrupt);
    QTimer watch;
    QObject::connect(&watch, &QTimer::timeout, [&] {
        if (interrupted.exchange(false))
            job->cancel();
    });
    watch.start(100);
    job->start();
    if (!outcome)
        loop.exec();
    std::signal(SIGINT, previous);
    if (onTerminal)
        bar.finish();

    switch (outcome->status) {
    case ImportOutcome::Status::Succeeded:
        return m_output.imported(connection, *outcome);
    case ImportOutcome::Status::Cancelled:
        throw CliError(ExitCode::Interrupted, outcome->message);
    case ImportOutcome::Status::Failed:
        break;
    }
    throw CliError(ExitCode::Platform,
                   QStringLiteral("The import did not complete: %1 Importing again continues "
                                  "where it stopped.")
                       .arg(outcome->message));
}

} // namespace storeloom::cli
