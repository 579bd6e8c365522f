#include "publishcommand.h"

#include "appservices.h"
#include "builtinproviders.h"
#include "channelmappings.h"
#include "clierror.h"
#include "clilogging.h"
#include "connectionaccess.h"
#include "eventwait.h"
#include "progressbar.h"
#include "publishservice.h"
#include "publishtarget.h"
#include "runstore.h"
#include "sql.h"
#include "workspaceerror.h"
#include "workspacestatus.h"

#include <QElapsedTimer>
#include <QSet>
#include <cstdio>
#include <unistd.h>

namespace storeloom::cli {

namespace {

constexpr int kPlanTimeoutMs = 120000;  // the plan reads the catalog, then asks for the budget
constexpr qint64 kRereadRunMs = 1000;   // in case a runChanged is missed (another process)

// The products to plan for: every one with --all, else the ones given, each
// of which must exist (the planner would silently leave it out). The
// planner offers the active ones, and what --include adds.
QList<qint64> productsToPlan(const Workspace &workspace, const Invocation &invocation)
{
    const DbHandle handle = workspace.openHandle();
    QSqlQuery query =
        sql::prepare(handle.db(), QStringLiteral("SELECT id FROM products ORDER BY id"));
    sql::exec(query);
    QList<qint64> all;
    while (query.next())
        all.append(query.value(0).toLongLong());
    query.finish();
    if (invocation.allProducts)
        return all;
    const QSet<qint64> known(all.cbegin(), all.cend());
    for (qint64 id : invocation.productIds) {
        if (!known.contains(id))
            throw CliError(ExitCode::NotFound, QStringLiteral("There is no product %1.").arg(id));
    }
    return invocation.productIds;
}

PublishPlan makePlan(PublishService &service, qint64 connectionId, const QList<qint64> &products,
                     const OfferIncludes &includes)
{
    std::optional<PublishPlan> plan;
    std::optional<QString> failure;
    QObject context;
    QObject::connect(&service, &PublishService::planned, &context, [&](const PublishPlan &p) {
        if (p.connectionId == connectionId)
            plan = p;
    });
    QObject::connect(&service, &PublishService::planFailed, &context,
                     [&](qint64 id, const QString &message) {
                         if (id == connectionId)
                             failure = message;
                     });
    service.plan(connectionId, products, includes);
    switch (waitUntil([&] { return plan || failure; }, kPlanTimeoutMs)) {
    case Waited::Done:
        break;
    case Waited::Interrupted:
        throw CliError(ExitCode::Interrupted,
                       QStringLiteral("Stopped by Ctrl+C; nothing was sent."));
    case Waited::TimedOut:
        throw CliError(ExitCode::Failure,
                       QStringLiteral("Planning did not finish within %1 seconds; nothing was "
                                      "sent. Try again, or with fewer products.")
                           .arg(kPlanTimeoutMs / 1000));
    }
    if (failure)
        throw CliError(ExitCode::Failure,
                       QStringLiteral("Could not plan the publish: %1").arg(*failure));
    return *plan;
}

// Follows the run to its end, the bar redrawn as its items finish. Ctrl+C
// cancels what has not started and waits for the products in flight.
SyncRun followRun(PublishService &service, const Workspace &workspace, qint64 runId,
                  bool onTerminal)
{
    const DbHandle handle = workspace.openHandle();
    RunStore runs(handle.db());
    SyncRun run = runs.get(runId);
    ProgressBar bar(stdout);
    QElapsedTimer sinceRead;
    sinceRead.start();
    const auto refresh = [&] {
        run = runs.get(runId);
        sinceRead.restart();
        if (onTerminal)
            bar.show(run.total - run.remaining(), run.total, QStringLiteral("products"));
    };
    QObject context;
    QObject::connect(&service, &PublishService::runChanged, &context, [&](qint64 changed) {
        if (changed == runId)
            refresh();
    });
    refresh();
    const Waited waited = waitUntil([&] {
        if (sinceRead.elapsed() >= kRereadRunMs)
            refresh();
        return run.isFinished();
    });
    if (waited == Waited::Interrupted) {
        if (onTerminal)
            std::fputs("\nStopping after the products in flight…\n", stdout);
        try {
            service.cancel(runId);
        } catch (const WorkspaceError &error) {
            qCInfo(lcCli) << "run" << runId << "not cancelled:" << error.message(); // it ended
        }
        // Not run.isFinished(): an item in flight that fails retryably waits
        // as "failed" and would keep the cancelled run open.
        const auto settled = [&] {
            return WorkspaceStatus::itemCounts(handle.db(), runId)
                       .value(SyncItem::State::Running) == 0;
        };
        while (waitUntil(settled) == Waited::Interrupted) {
        }
        refresh();
    }
    if (onTerminal)
        bar.finish();
    // By Ctrl+C here, or by 'storeloom-cli cancel' elsewhere.
    if (run.status == SyncRun::Status::Cancelled)
        throw CliError(ExitCode::Interrupted,
                       QStringLiteral("%1: %2 of %3 products were published in run %4; the others "
                                      "were not sent. Publishing again continues with them.")
                           .arg(waited == Waited::Interrupted
                                    ? QStringLiteral("Stopped by Ctrl+C")
                                    : QStringLiteral("Run %1 was cancelled").arg(runId))
                           .arg(run.succeeded)
                           .arg(run.total)
                           .arg(runId));
    return run;
}

// Products to write that are not on the channel as planned: failed, or
// still waiting (a run stopped, or another one holds them).
QList<const PlanEntry *> unpublished(const PublishReport &report)
{
    QList<const PlanEntry *> left;
    for (const PlanEntry &entry : report.plan.entries) {
        const bool toWrite =
            entry.action == PlanEntry::Action::Create || entry.action == PlanEntry::Action::Update;
        if (toWrite && report.listings.value(entry.productId).state != ChannelState::State::Synced)
            left.append(&entry);
    }
    return left;
}

// Some products were not published: every product's result on stdout (as
// when all went well), and on stderr how many failed and the command that
// lists them — not a retry flag per product.
CliError unpublishedError(const PublishReport &report, const Workspace &workspace,
                          const QString &output)
{
    const qint64 runId = report.run ? report.run->id : 0;
    QString list;
    if (runId > 0) {
        const DbHandle handle = workspace.openHandle();
        const auto items = WorkspaceStatus::itemCounts(handle.db(), runId);
        // A run ends with its failures given up on (dead); one left open has them failed.
        const SyncItem::State state = items.value(SyncItem::State::Dead) > 0
                                          ? SyncItem::State::Dead
                                          : SyncItem::State::Failed;
        list = QStringLiteral(" List them: %1 items --run %2 --state %3.")
                   .arg(CommandLine::programName())
                   .arg(runId)
                   .arg(nameOf(state));
    }
    return CliError(ExitCode::Platform,
                    QStringLiteral("%1 of %2 products could not be published to %3 (run %4).%5 "
                                   "Publishing the same products again retries them.")
                        .arg(unpublished(report).size())
                        .arg(report.plan.count(PlanEntry::Action::Create) +
                             report.plan.count(PlanEntry::Action::Update))
                        .arg(report.platform)
                        .arg(runId)
                        .arg(list),
                    output);
}

// A run an earlier publish left unfinished (stopped, killed) is carried to
// its end before anything new is planned, so its products are written once
// and the new plan only holds what is still to do.
void resumeUnfinished(PublishService &service, const Workspace &workspace, qint64 connectionId,
                      bool onTerminal)
{
    const QList<SyncRun> unfinished = service.unfinishedRuns(connectionId);
    if (unfinished.isEmpty())
        return;
    service.resumeUnfinished();
    for (const SyncRun &run : unfinished) {
        qCInfo(lcCli) << "resuming run" << run.id << "with" << run.remaining() << "products left";
        if (onTerminal)
            std::fprintf(stdout, "Resuming run %lld: %lld of %lld products left.\n",
                         static_cast<long long>(run.id), static_cast<long long>(run.remaining()),
                         static_cast<long long>(run.total));
        followRun(service, workspace, run.id, onTerminal);
    }
}

QHash<qint64, ChannelState> listingsOf(const Workspace &workspace, const PublishPlan &plan)
{
    QList<qint64> products;
    for (const PlanEntry &entry : plan.entries)
        products.append(entry.productId);
    const DbHandle handle = workspace.openHandle();
    return ChannelMappings(handle.db()).states(plan.connectionId, products);
}

} // namespace

QString PublishCommand::run(const Workspace &workspace) const
{
    PublishReport report;
    report.connection = findConnection(workspace, m_invocation.targetId);
    report.platform = platformName(report.connection);
    const QList<qint64> products = productsToPlan(workspace, m_invocation);

    InterruptGuard interrupts;
    AppServices services(workspace, builtInProviders());
    ConnectionAccess &access = services.access();
    PublishService &service = services.publishing();
    const QString refusal = refusalFor(QStringLiteral("Cannot publish to connection"),
                                       report.connection);
    requirePublishable(service, report.connection, refusal);
    awaitSignIn(access, report.connection, QStringLiteral("nothing was sent."));
    const bool onTerminal = !m_invocation.json && isatty(STDOUT_FILENO);
    if (m_invocation.yes)
        resumeUnfinished(service, workspace, report.connection.id, onTerminal);
    report.namesNotOffered = !m_invocation.allProducts;
    report.plan = makePlan(service, report.connection.id, products, m_invocation.includes);
    qCInfo(lcCli) << "plan for connection" << report.connection.id << ":" << report.plan.summary();

    if (!m_invocation.yes) {
        report.listings = listingsOf(workspace, report.plan);
        return m_output.publishPlan(report);
    }
    if (report.plan.exceedsDailyBudget())
        throw CliError(ExitCode::InvalidState,
                       QStringLiteral("The plan needs %1 API calls but %2 allows %3 more today; "
                                      "nothing was sent. Publish fewer products (--product) or "
                                      "wait until the budget refills.")
                           .arg(report.plan.apiCalls())
                           .arg(report.platform)
                           .arg(*report.plan.remainingToday));
    const bool toSend = report.plan.count(PlanEntry::Action::Create) +
                            report.plan.count(PlanEntry::Action::Update) >
                        0;
    if (toSend) {
        const qint64 runId = service.confirm(report.plan, CommandLine::programName());
        report.run = followRun(service, workspace, runId, onTerminal);
    }
    report.listings = listingsOf(workspace, report.plan);
    if (!unpublished(report).isEmpty())
        throw unpublishedError(report, workspace, m_output.published(report));
    return m_output.published(report);
}

} // namespace storeloom::cli
