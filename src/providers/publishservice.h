#pragma once

#include "connection.h"
#include "executor.h"
#include "publishingprovider.h"
#include "publishplan.h"
#include "syncrun.h"
#include "workspace.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <atomic>
#include <memory>

namespace storeloom {

class ConnectionAccess;
class ProviderRegistry;
class PublishDispatcher;

// Publishing from the GUI or the CLI, whatever the channel: plans off the
// caller's thread, starts confirmed runs, and runs their items in the
// background on an Executor whose progress it reports, coalesced, on the
// caller's thread.
class PublishService : public QObject
{
    Q_OBJECT

public:
    PublishService(Workspace workspace, ConnectionAccess &access,
                   const ProviderRegistry &providers, QObject *parent = nullptr);
    ~PublishService() override;

    // Connections products can be published to: live, and their platform publishes.
    QList<Connection> targets() const;
    const PublishingProvider *publisherOf(qint64 connectionId) const;

    // Plans off this thread: `planned` or `planFailed` follows. The plan also
    // carries the channel's daily budget when the channel reports one.
    // Products other than active ones are offered only when `includes` says so.
    void plan(qint64 connectionId, const QList<qint64> &productIds,
              const OfferIncludes &includes = {});
    // Starts a background run for a confirmed plan and returns its id.
    qint64 confirm(const PublishPlan &plan, const QString &createdBy = QStringLiteral("storeloom"));
    int retryFailed(qint64 runId);
    // Starts a background run that deactivates the products' listings on
    // the connection (one "listing.deactivate" item each) and returns its
    // id. Throws WorkspaceError (InvalidState) when one has no listing there.
    qint64 unpublish(qint64 connectionId, const QList<qint64> &productIds,
                     const QString &createdBy = QStringLiteral("storeloom"));
    // The channel's publish runs that have products left to write (a
    // previous session stopped, or another window is publishing): publishing
    // again resumes them before anything new is planned.
    QList<SyncRun> unfinishedRuns(qint64 connectionId) const;
    // Runs the items a previous session left unfinished (the app calls it
    // at start; confirm() and retryFailed() start the work themselves).
    void resumeUnfinished();
    void cancel(qint64 runId);

    // The channel's publishing defaults.
    QList<ChannelSettingField> settingFields(qint64 connectionId) const;
    QJsonObject settings(qint64 connectionId) const;
    void saveSettings(qint64 connectionId, const QJsonObject &settings);
    // Off this thread: `choicesLoaded` follows.
    void loadChoices(qint64 connectionId);

    Executor &executor() { return *m_executor; }

Q_SIGNALS:
    void planned(const storeloom::PublishPlan &plan);
    void planFailed(qint64 connectionId, const QString &message);
    void choicesLoaded(qint64 connectionId, const storeloom::ChannelChoices &choices,
                       const QString &error);
    // A run's items moved; at most about ten times a second per run.
    void runChanged(qint64 runId);

private:
    std::optional<ChannelAccessContext> contextFor(qint64 connectionId, QString *error) const;
    void prepareHandler(qint64 connectionId);
    void noteItemFinished(qint64 runId);
    void flushChangedRuns();

    Workspace m_workspace;
    ConnectionAccess &m_access;
    const ProviderRegistry &m_providers;
    std::unique_ptr<Executor> m_executor;
    std::shared_ptr<PublishDispatcher> m_dispatcher;
    QThreadPool m_pool; // planning and the channel's choices, off the caller's thread
    std::atomic_bool m_stopping{false};
    QSet<qint64> m_changedRuns;
    QTimer m_coalesce;
};

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::ChannelChoices)
