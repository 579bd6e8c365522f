#include "publishservice.h"

#include "accesstokensource.h"
#include "channelpricing.h"
#include "channelsettings.h"
#include "connectionaccess.h"
#include "connectionstore.h"
#include "connectiontokens.h"
#include "leaseowner.h"
#include "listingoperations.h"
#include "providerregistry.h"
#include "publishdispatcher.h"
#include "publishplanner.h"
#include "publishruns.h"
#include "runstore.h"
#include "workspaceerror.h"

#include <QLoggingCategory>
#include <QThreadPool>

Q_LOGGING_CATEGORY(lcPublish, "storeloom.publish")

namespace storeloom {

namespace {

// Keeps the shop's currency in the channel settings, where the plan and the
// publishing workers read it; an unknown currency keeps the last one seen.
// A workspace that cannot be written still plans (with what it knows):
// confirming is where that is said.
void rememberShopCurrency(qint64 connectionId, const QString &currency, const QSqlDatabase &db)
{
    if (currency.isEmpty())
        return;
    ChannelSettingsStore store(db);
    QJsonObject settings = store.settings(connectionId);
    if (settings.value(pricingkeys::channelCurrency).toString() == currency)
        return;
    settings.insert(pricingkeys::channelCurrency, currency);
    try {
        store.setSettings(connectionId, settings);
    } catch (const WorkspaceError &error) {
        qCWarning(lcPublish) << "shop currency not kept:" << error.message();
    }
}

} // namespace

PublishService::PublishService(Workspace workspace, ConnectionAccess &access,
                               const ProviderRegistry &providers, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_access(access),
      m_providers(providers),
      m_executor(std::make_unique<Executor>(m_workspace, Executor::Options::forNetworkWork(4))),
      m_dispatcher(std::make_shared<PublishDispatcher>())
{
    qRegisterMetaType<PublishPlan>();
    qRegisterMetaType<ChannelChoices>();
    for (const QString &operation : listingops::all())
        m_executor->setHandler(operation, m_dispatcher);
    // The gate applies the connections' own budgets, the ones the adapters feed.
    m_executor->setRateBudgets(m_access.sharedBudgets());
    // Progress arrives from worker threads, up to thousands a second:
    // gathered here and passed on at most ten times a second.
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(100);
    connect(&m_coalesce, &QTimer::timeout, this, &PublishService::flushChangedRuns);
    connect(m_executor.get(), &Executor::itemFinished, this,
            [this](qint64, qint64 runId) { noteItemFinished(runId); }, Qt::QueuedConnection);
    connect(&m_access, &ConnectionAccess::changed, this, &PublishService::prepareHandler);
    try {
        const DbHandle handle = m_workspace.openHandle();
        RunStore(handle.db()).recoverAbandoned(&LeaseOwner::isGone);
    } catch (const WorkspaceError &error) {
        qCWarning(lcPublish) << "could not recover abandoned runs:" << error.message();
    }
    for (const Connection &target : targets())
        prepareHandler(target.id);
}

void PublishService::resumeUnfinished()
{
    if (!m_executor->isRunning())
        m_executor->start();
}

PublishService::~PublishService()
{
    m_stopping = true;
    m_access.budgets().wakeAll(); // workers waiting for a connection's budget notice the stop
    m_executor->stop();
    m_pool.waitForDone();
}

QList<Connection> PublishService::targets() const
{
    const DbHandle handle = m_workspace.openHandle();
    QList<Connection> result;
    for (const Connection &connection : ConnectionStore(handle.db()).list()) {
        const bool live = connection.status == Connection::Status::Live ||
                          connection.status == Connection::Status::Expiring;
        if (live && connection.outboundEnabled &&
            dynamic_cast<const PublishingProvider *>(m_providers.find(connection.provider)))
            result.append(connection);
    }
    return result;
}

const PublishingProvider *PublishService::publisherOf(qint64 connectionId) const
{
    const DbHandle handle = m_workspace.openHandle();
    const auto connection = ConnectionStore(handle.db()).find(connectionId);
    if (!connection)
        return nullptr;
    return dynamic_cast<const PublishingProvider *>(m_providers.find(connection->provider));
}

std::optional<ChannelAccessContext> PublishService::contextFor(qint64 connectionId,
                                                               QString *error) const
{
    ConnectionTokens *tokens = m_access.tokens(connectionId);
    if (!tokens) {
        if (error)
            *error = tr("The connection's sign-in is not loaded yet.");
        return std::nullopt;
    }
    const DbHandle handle = m_workspace.openHandle();
    const auto connection = ConnectionStore(handle.db()).find(connectionId);
    if (!connection)
        return std::nullopt;
    ChannelAccessContext context;
    context.workspace = m_workspace;
    context.connectionId = connectionId;
    context.externalShopId = connection->externalShopId;
    context.tokens = m_access.tokenSource(connectionId); // the connection's one owner
    context.appFields = tokens->fields();
    context.budget = m_access.budget(connectionId); // from the provider's RatePolicy
    context.stop = &m_stopping;
    return context;
}

void PublishService::prepareHandler(qint64 connectionId)
{
    const PublishingProvider *provider = publisherOf(connectionId);
    if (!provider)
        return;
    const auto context = contextFor(connectionId, nullptr);
    if (!context) {
        m_dispatcher->removePublisher(connectionId);
        return;
    }
    if (!m_dispatcher->hasPublisher(connectionId)) {
        m_dispatcher->setPublisher(connectionId, provider->createPublishHandler(*context));
        m_executor->wake();
    }
}

void PublishService::plan(qint64 connectionId, const QList<qint64> &productIds,
                          const OfferIncludes &includes)
{
    const PublishingProvider *provider = publisherOf(connectionId);
    if (!provider) {
        Q_EMIT planFailed(connectionId, tr("This connection cannot be published to."));
        return;
    }
    const auto context = contextFor(connectionId, nullptr);
    m_pool.start([this, provider, connectionId, productIds, includes, context] {
        const DbHandle handle = m_workspace.openHandle();
        PublishPlan plan;
        QString error;
        try {
            // Asked first: the plan checks prices in the shop's currency.
            ChannelProbe probe;
            if (context) {
                probe = provider->probeShop(*context);
                if (!probe.error.isEmpty())
                    qCWarning(lcPublish) << "shop not reached:" << probe.error;
                rememberShopCurrency(connectionId, probe.currency, handle.db());
            }
            plan = PublishPlanner(*provider, handle.db()).plan(connectionId, productIds, includes,
                                                             &m_stopping);
            if (probe.budget) {
                plan.remainingToday = probe.budget->remaining;
                plan.limitPerDay = probe.budget->limit;
            }
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(this, [this, connectionId, plan, error] {
            if (error.isEmpty())
                Q_EMIT planned(plan);
            else
                Q_EMIT planFailed(connectionId, error);
        }, Qt::QueuedConnection);
    });
}

qint64 PublishService::confirm(const PublishPlan &plan, const QString &createdBy)
{
    prepareHandler(plan.connectionId);
    const DbHandle handle = m_workspace.openHandle();
    const qint64 runId = PublishRuns(handle.db()).start(plan, createdBy);
    qCInfo(lcPublish) << "run" << runId << "confirmed:" << plan.summary();
    resumeUnfinished();
    m_executor->wake();
    Q_EMIT runChanged(runId);
    return runId;
}

qint64 PublishService::unpublish(qint64 connectionId, const QList<qint64> &productIds,
                                 const QString &createdBy)
{
    prepareHandler(connectionId);
    const DbHandle handle = m_workspace.openHandle();
    const qint64 runId = PublishRuns(handle.db()).startUnpublish(connectionId, productIds, createdBy);
    qCInfo(lcPublish) << "run" << runId << "unpublishes" << productIds.size() << "products";
    resumeUnfinished();
    m_executor->wake();
    Q_EMIT runChanged(runId);
    return runId;
}

QList<SyncRun> PublishService::unfinishedRuns(qint64 connectionId) const
{
    const DbHandle handle = m_workspace.openHandle();
    return RunStore(handle.db()).unfinished(PublishRuns::kind(), connectionId);
}

int PublishService::retryFailed(qint64 runId)
{
    const DbHandle handle = m_workspace.openHandle();
    const int replayed = PublishRuns(handle.db()).retryFailed(runId);
    resumeUnfinished();
    m_executor->wake();
    Q_EMIT runChanged(runId);
    return replayed;
}

void PublishService::cancel(qint64 runId)
{
    const DbHandle handle = m_workspace.openHandle();
    RunStore(handle.db()).cancel(runId);
    Q_EMIT runChanged(runId);
}

QList<ChannelSettingField> PublishService::settingFields(qint64 connectionId) const
{
    const PublishingProvider *provider = publisherOf(connectionId);
    return provider ? provider->channelSettingFields() : QList<ChannelSettingField>();
}

QJsonObject PublishService::settings(qint64 connectionId) const
{
    const DbHandle handle = m_workspace.openHandle();
    return ChannelSettingsStore(handle.db()).settings(connectionId);
}

void PublishService::saveSettings(qint64 connectionId, const QJsonObject &settings)
{
    const DbHandle handle = m_workspace.openHandle();
    ChannelSettingsStore(handle.db()).setSettings(connectionId, settings);
}

void PublishService::loadChoices(qint64 connectionId)
{
    const PublishingProvider *provider = publisherOf(connectionId);
    QString error;
    const auto context = contextFor(connectionId, &error);
    if (!provider || !context) {
        Q_EMIT choicesLoaded(connectionId, {}, error);
        return;
    }
    m_pool.start([this, provider, connectionId, context] {
        QString error;
        const ChannelChoices choices = provider->loadChannelChoices(*context, &error);
        QMetaObject::invokeMethod(this, [this, connectionId, choices, error] {
            Q_EMIT choicesLoaded(connectionId, choices, error);
        }, Qt::QueuedConnection);
    });
}

void PublishService::noteItemFinished(qint64 runId)
{
    m_changedRuns.insert(runId);
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void PublishService::flushChangedRuns()
{
    const QSet<qint64> runs = std::exchange(m_changedRuns, {});
    for (qint64 runId : runs)
        Q_EMIT runChanged(runId);
}

} // namespace storeloom
