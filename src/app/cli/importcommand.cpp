#include "importcommand.h"

#include "builtinproviders.h"
#include "clierror.h"
#include "connectionstore.h"
#include "progressbar.h"
#include "providerregistry.h"
#include "secretstore.h"
#include "shopify/shopifyimportjob.h"
#include "shopify/shopifyprovider.h"

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

shopify::ImportOptions optionsFor(const Invocation &invocation)
{
    shopify::ImportOptions options;
    options.createdBy = QStringLiteral("storeloom-cli");
    if (invocation.importMode == QLatin1String("paged"))
        options.mode = shopify::ImportOptions::Mode::Paged;
    else if (invocation.importMode == QLatin1String("bulk"))
        options.mode = shopify::ImportOptions::Mode::Bulk;
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
    const auto *shopify = dynamic_cast<const ShopifyProvider *>(
        builtInProviders().find(connection.provider));
    if (!shopify)
        throw CliError(ExitCode::InvalidState,
                       QStringLiteral("Importing from %1 stores is not available yet; Shopify "
                                      "stores can be imported.")
                           .arg(connection.provider));

    SecretStore secrets;
    shopify::ShopifyImportJob job(workspace, secrets, *shopify, connection.id,
                                  optionsFor(m_invocation));
    const bool onTerminal = !m_invocation.json && isatty(STDOUT_FILENO);
    ProgressBar bar(stdout);
    QObject::connect(&job, &shopify::ShopifyImportJob::progress,
                     [&](const shopify::ImportProgress &progress) {
                         if (onTerminal)
                             bar.show(progress.done, progress.total, QStringLiteral("products"),
                                      progress.waiting);
                     });
    std::optional<shopify::ImportOutcome> outcome;
    QEventLoop loop;
    QObject::connect(&job, &shopify::ShopifyImportJob::finished,
                     [&](const shopify::ImportOutcome &result) {
                         outcome = result;
                         loop.quit();
                     });

    // Ctrl+C asks the import to stop after the page it is writing.
    interrupted = false;
    const auto previous = std::signal(SIGINT, onInterrupt);
    QTimer watch;
    QObject::connect(&watch, &QTimer::timeout, [&] {
        if (interrupted.exchange(false))
            job.cancel();
    });
    watch.start(100);
    job.start();
    if (!outcome)
        loop.exec();
    std::signal(SIGINT, previous);
    if (onTerminal)
        bar.finish();

    switch (outcome->status) {
    case shopify::ImportOutcome::Status::Succeeded:
        return m_output.imported(connection, *outcome);
    case shopify::ImportOutcome::Status::Cancelled:
        throw CliError(ExitCode::Interrupted, outcome->message);
    case shopify::ImportOutcome::Status::Failed:
        break;
    }
    throw CliError(ExitCode::Platform,
                   QStringLiteral("The import did not complete: %1 Importing again continues "
                                  "where it stopped.")
                       .arg(outcome->message));
}

} // namespace storeloom::cli
