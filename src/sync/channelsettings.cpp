#include "channelsettings.h"

#include "sql.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace storeloom {

namespace {

QJsonObject parse(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString serialize(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

QJsonObject ChannelSettingsStore::settings(qint64 connectionId)
{
    QSqlQuery &query = m_statements.get(
        QStringLiteral("SELECT settings FROM channel_settings WHERE connection_id = ?"));
    query.bindValue(0, connectionId);
    sql::exec(query);
    const QJsonObject found = query.next() ? parse(query.value(0).toString()) : QJsonObject();
    query.finish();
    return found;
}

void ChannelSettingsStore::setSettings(qint64 connectionId, const QJsonObject &settings)
{
    QSqlQuery &upsert = m_statements.get(QStringLiteral(
        "INSERT INTO channel_settings (connection_id, settings, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (connection_id) DO UPDATE SET settings = excluded.settings, "
        "updated_at = excluded.updated_at"));
    upsert.bindValue(0, connectionId);
    upsert.bindValue(1, serialize(settings));
    upsert.bindValue(2, sql::nowMs());
    sql::exec(upsert);
}

QJsonObject ChannelSettingsStore::overrides(qint64 connectionId, qint64 productId)
{
    QSqlQuery &query = m_statements.get(QStringLiteral(
        "SELECT settings FROM channel_overrides WHERE connection_id = ? AND product_id = ?"));
    query.bindValue(0, connectionId);
    query.bindValue(1, productId);
    sql::exec(query);
    const QJsonObject found = query.next() ? parse(query.value(0).toString()) : QJsonObject();
    query.finish();
    return found;
}

void ChannelSettingsStore::setOverrides(qint64 connectionId, qint64 productId,
                                        const QJsonObject &overrides)
{
    if (overrides.isEmpty()) {
        QSqlQuery &remove = m_statements.get(QStringLiteral(
            "DELETE FROM channel_overrides WHERE connection_id = ? AND product_id = ?"));
        remove.bindValue(0, connectionId);
        remove.bindValue(1, productId);
        sql::exec(remove);
        return;
    }
    QSqlQuery &upsert = m_statements.get(QStringLiteral(
        "INSERT INTO channel_overrides (connection_id, product_id, settings, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (connection_id, product_id) DO UPDATE SET "
        "settings = excluded.settings, updated_at = excluded.updated_at"));
    upsert.bindValue(0, connectionId);
    upsert.bindValue(1, productId);
    upsert.bindValue(2, serialize(overrides));
    upsert.bindValue(3, sql::nowMs());
    sql::exec(upsert);
}

QJsonObject ChannelSettingsStore::effective(qint64 connectionId, qint64 productId)
{
    return merged(settings(connectionId), overrides(connectionId, productId));
}

QJsonObject ChannelSettingsStore::merged(const QJsonObject &defaults, const QJsonObject &overrides)
{
    QJsonObject result = defaults;
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        result.insert(it.key(), it.value());
    return result;
}

} // namespace storeloom
