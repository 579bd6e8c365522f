#pragma once

#include "output.h"

namespace storeloom::cli {

// One indented JSON document per command: {"status": {…}}, {"runs": […]},
// {"run": {…}}, {"items": […]}, {"item": {…}}. Keys are snake_case; times
// are ISO-8601 UTC strings; an absent id, time or text is null. Item
// payloads (private to the adapters) are never printed.
class JsonOutput : public Output
{
public:
    QString initialized(const QString &path, bool created, int schemaVersion) const override;
    QString status(const WorkspaceStatus &status) const override;
    QString runs(const QList<SyncRun> &runs) const override;
    QString run(const SyncRun &run, const ItemCounts &items) const override;
    QString items(const SyncRun &run, const QList<SyncItem> &items,
                  std::optional<SyncItem::State> filter) const override;
    QString replayed(const SyncItem &item) const override;
    QString cancelled(const SyncRun &run, qint64 stopped, qint64 stillRunning) const override;
    QString connections(const QList<Connection> &connections) const override;
    QString disconnected(const Connection &connection, bool deleted) const override;
    QString connected(const Connection &connection) const override;
    QString connectPending(const QString &providerId, const QUrl &url) const override;
    QString imported(const Connection &connection,
                     const ImportOutcome &outcome) const override;
    QString publishPlan(const PublishReport &report) const override;
    QString published(const PublishReport &report) const override;
    QString channelSettings(const ChannelSettingsReport &report) const override;
};

} // namespace storeloom::cli
