#include "unpublishcommand.h"

#include "appservices.h"
#include "builtinproviders.h"
#include "channelmappings.h"
#include "clierror.h"
#include "clilogging.h"
#include "connectionaccess.h"
#include "eventwait.h"
#include "publishservice.h"
#include "publishtarget.h"
#include "runstore.h"
#include "sql.h"
#include "workspaceerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace storeloom::cli {

namespace {

struct Target
{
    qint64 productId = 0;
    QString title;
    ChannelState listing;
};

// The products with their listing on the connection; refuses a product the
// workspace does not have (NotFound) or that has no listing there (InvalidState).
QList<Target> targetsOf(const Workspace &workspace, const Connection &connection,
                        const QList<qint64> &productIds, const QString &platform)
{
    const DbHandle handle = workspace.openHandle();
    QSqlQuery query = sql::prepare(handle.db(),
                                   QStringLiteral("SELECT title FROM products WHERE id = ?"));
    const QHash<qint64, ChannelState> listings =
        ChannelMappings(handle.db()).states(connection.id, productIds);
    QList<Target> targets;
    for (qint64 id : productIds) {
        query.bindValue(0, id);
        sql::exec(query);
        if (!query.next())
            throw CliError(ExitCode::NotFound, QStringLiteral("There is no product %1.").arg(id));
        Target target{id, query.value(0).toString(), listings.value(id)};
        query.finish();
        if (!target.listing.isListed())
            throw CliError(ExitCode::InvalidState,
                           QStringLiteral("Product %1 (%2) has no listing on %3 connection %4 "
                                          "(%5): there is nothing to unpublish. Nothing was sent.")
                               .arg(id)
                               .arg(target.title, platform)
                               .arg(connection.id)
                               .arg(connection.name));
        targets.append(target);
    }
    return targets;
}

} // namespace

QString UnpublishCommand::run(const Workspace &workspace) const
{
    const Connection connection = findConnection(workspace, m_invocation.targetId);
    const QString platform = platformName(connection);
    const QList<Target> targets =
        targetsOf(workspace, connection, m_invocation.productIds, platform);

    if (!m_invocation.yes) {
        if (m_invocation.json) {
            QJsonArray products;
            for (const Target &target : targets)
                products.append(QJsonObject{{QStringLiteral("product"), target.productId},
                                            {QStringLiteral("title"), target.title},
                                            {QStringLiteral("listing"), target.listing.externalId},
                                            {QStringLiteral("url"), target.listing.url}});
            return QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("connection"), connection.id},
                                          {QStringLiteral("deactivate"), products},
                                          {QStringLiteral("sent"), false}})
                    .toJson(QJsonDocument::Indented));
        }
        QString text = QStringLiteral("Unpublishing from %1 (%2) would deactivate %3 listing(s):\n")
                           .arg(connection.name, platform)
                           .arg(targets.size());
        for (const Target &target : targets)
            text += QStringLiteral("  #%1 %2: listing %3 %4\n")
                        .arg(target.productId)
                        .arg(target.title, target.listing.externalId, target.listing.url);
        text += QStringLiteral("Nothing was sent. Add --yes to deactivate them.\n");
        return text;
    }

    InterruptGuard interrupts;
    AppServices services(workspace, builtInProviders());
    PublishService &service = services.publishing();
    requirePublishable(service, connection,
                       refusalFor(QStringLiteral("Cannot unpublish from connection"), connection));
    awaitSignIn(services.access(), connection, QStringLiteral("nothing was sent."));
    qint64 runId = 0;
    try {
        runId = service.unpublish(connection.id, m_invocation.productIds,
                                  CommandLine::programName());
    } catch (const WorkspaceError &error) {
        throw CliError(exitCodeFor(error.kind()), error.message());
    }
    const DbHandle handle = workspace.openHandle();
    RunStore runs(handle.db());
    if (waitUntil([&] { return runs.get(runId).isFinished(); }) == Waited::Interrupted) {
        try {
            service.cancel(runId);
        } catch (const WorkspaceError &error) {
            qCInfo(lcCli) << "run" << runId << "not cancelled:" << error.message(); // it ended
        }
    }
    const SyncRun run = runs.get(runId);
    const QHash<qint64, ChannelState> after =
        ChannelMappings(handle.db()).states(connection.id, m_invocation.productIds);
    QStringList problems;
    QJsonArray products;
    for (const Target &target : targets) {
        const ChannelState state = after.value(target.productId);
        if (state.state != ChannelState::State::Inactive)
            problems.append(QStringLiteral("#%1 %2: %3")
                                .arg(target.productId)
                                .arg(target.title,
                                     state.lastError.isEmpty() ? nameOf(state.state)
                                                               : state.lastError));
        products.append(QJsonObject{{QStringLiteral("product"), target.productId},
                                    {QStringLiteral("listing"), target.listing.externalId},
                                    {QStringLiteral("state"), nameOf(state.state)}});
    }
    if (run.status == SyncRun::Status::Cancelled)
        throw CliError(ExitCode::Interrupted,
                       QStringLiteral("Run %1 was stopped: %2 of %3 listings were deactivated.")
                           .arg(runId)
                           .arg(run.succeeded)
                           .arg(run.total));
    if (!problems.isEmpty())
        throw CliError(ExitCode::Platform,
                       QStringLiteral("%1 of %2 listings on %3 could not be deactivated (run %4): "
                                      "%5. Unpublishing again retries them.")
                           .arg(problems.size())
                           .arg(targets.size())
                           .arg(platform)
                           .arg(runId)
                           .arg(problems.join(QStringLiteral("; "))));
    if (m_invocation.json)
        return QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("connection"), connection.id},
                                      {QStringLiteral("run"), runId},
                                      {QStringLiteral("status"), nameOf(run.status)},
                                      {QStringLiteral("products"), products}})
                .toJson(QJsonDocument::Indented));
    return QStringLiteral("Unpublished %1 product(s) from %2 (%3) in run %4: their listings are "
                          "inactive.\n")
        .arg(targets.size())
        .arg(connection.name, platform)
        .arg(runId);
}

} // namespace storeloom::cli
