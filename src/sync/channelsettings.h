#pragma once

#include "statementcache.h"

#include <QJsonObject>

namespace storeloom {

// A channel's publishing defaults and per-product overrides, as JSON objects
// whose keys the channel's adapter defines (who made it, a category, …).
class ChannelSettingsStore
{
public:
    explicit ChannelSettingsStore(QSqlDatabase db) : m_statements(std::move(db)) {}

    QJsonObject settings(qint64 connectionId);
    void setSettings(qint64 connectionId, const QJsonObject &settings);
    QJsonObject overrides(qint64 connectionId, qint64 productId);
    // An empty object removes the product's overrides.
    void setOverrides(qint64 connectionId, qint64 productId, const QJsonObject &overrides);

    // What the product is published with: the defaults, its overrides laid over them.
    QJsonObject effective(qint64 connectionId, qint64 productId);
    static QJsonObject merged(const QJsonObject &defaults, const QJsonObject &overrides);

private:
    StatementCache m_statements;
};

} // namespace storeloom
