#include "channelmappings.h"

#include "sql.h"

#include <QSqlQuery>
#include <QVariant>

namespace storeloom {

namespace {

std::optional<qint64> optionalId(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QString placeholders(qsizetype count)
{
    QStringList marks(count, QStringLiteral("?"));
    return marks.join(QLatin1Char(','));
}

} // namespace

QString ChannelMappings::selectColumns()
{
    // Out of sync is derived, so that every change to a product shows
    // without the catalog writers knowing about channels.
    return QStringLiteral(
        "SELECT m.connection_id, m.internal_id, "
        "CASE WHEN m.state = 'synced' AND m.source_hash <> p.content_hash THEN 'out_of_sync' "
        "ELSE m.state END, m.external_id, m.external_url, m.last_error, m.source_hash, "
        "m.target_hash, m.channel_data, m.last_synced_at, m.intent_item_id, m.intent_at "
        "FROM mappings m JOIN products p ON p.id = m.internal_id ");
}

ChannelState ChannelMappings::fromQuery(const QSqlQuery &query)
{
    ChannelState state;
    state.connectionId = query.value(0).toLongLong();
    state.productId = query.value(1).toLongLong();
    state.state = channelStateFromString(query.value(2).toString())
                      .value_or(ChannelState::State::Pending);
    state.externalId = query.value(3).toString();
    state.url = query.value(4).toString();
    state.lastError = query.value(5).toString();
    state.sourceHash = query.value(6).toString();
    state.targetHash = query.value(7).toString();
    state.channelData = query.value(8).toString();
    state.lastSyncedAt = optionalId(query.value(9));
    state.intentItemId = optionalId(query.value(10));
    state.intentAt = optionalId(query.value(11));
    return state;
}

ChannelState ChannelMappings::state(qint64 connectionId, qint64 productId)
{
    QSqlQuery &query = m_statements.get(
        selectColumns() +
        QStringLiteral("WHERE m.connection_id = ? AND m.entity_type = 'product' "
                       "AND m.internal_id = ?"));
    query.bindValue(0, connectionId);
    query.bindValue(1, productId);
    sql::exec(query);
    ChannelState state;
    state.connectionId = connectionId;
    state.productId = productId;
    if (query.next())
        state = fromQuery(query);
    query.finish();
    return state;
}

QHash<qint64, ChannelState> ChannelMappings::states(qint64 connectionId,
                                                    const QList<qint64> &productIds)
{
    QHash<qint64, ChannelState> result;
    constexpr qsizetype kChunk = 500; // stays under every driver's bound-value limit
    for (qsizetype from = 0; from < productIds.size(); from += kChunk) {
        const QList<qint64> chunk = productIds.mid(from, kChunk);
        QSqlQuery query = sql::prepare(
            m_statements.db(),
            selectColumns() +
                QStringLiteral("WHERE m.connection_id = ? AND m.entity_type = 'product' "
                               "AND m.internal_id IN (%1)")
                    .arg(placeholders(chunk.size())));
        query.addBindValue(connectionId);
        for (qint64 id : chunk)
            query.addBindValue(id);
        sql::exec(query);
        while (query.next()) {
            const ChannelState state = fromQuery(query);
            result.insert(state.productId, state);
        }
    }
    return result;
}

QHash<qint64, QList<ChannelState>> ChannelMappings::channelsOf(const QList<qint64> &productIds)
{
    QHash<qint64, QList<ChannelState>> result;
    constexpr qsizetype kChunk = 500;
    for (qsizetype from = 0; from < productIds.size(); from += kChunk) {
        const QList<qint64> chunk = productIds.mid(from, kChunk);
        QSqlQuery query = sql::prepare(
            m_statements.db(),
            selectColumns() +
                QStringLiteral("WHERE m.entity_type = 'product' AND m.internal_id IN (%1) "
                               "AND (p.source_connection_id IS NULL "
                               "OR m.connection_id <> p.source_connection_id) "
                               "ORDER BY m.connection_id")
                    .arg(placeholders(chunk.size())));
        for (qint64 id : chunk)
            query.addBindValue(id);
        sql::exec(query);
        while (query.next()) {
            const ChannelState state = fromQuery(query);
            result[state.productId].append(state);
        }
    }
    return result;
}

void ChannelMappings::ensureRow(qint64 connectionId, qint64 productId)
{
    QSqlQuery &insert = m_statements.get(QStringLiteral(
        "INSERT INTO mappings (connection_id, entity_type, internal_id, state) "
        "VALUES (?, 'product', ?, 'pending') "
        "ON CONFLICT (connection_id, entity_type, internal_id) DO NOTHING"));
    insert.bindValue(0, connectionId);
    insert.bindValue(1, productId);
    sql::exec(insert);
}

void ChannelMappings::markPending(qint64 connectionId, const QList<qint64> &productIds)
{
    sql::WriteTransaction transaction(m_statements.db());
    QSqlQuery &update = m_statements.get(QStringLiteral(
        "UPDATE mappings SET state = 'pending', last_error = '' WHERE connection_id = ? "
        "AND entity_type = 'product' AND internal_id = ?"));
    for (qint64 productId : productIds) {
        ensureRow(connectionId, productId);
        update.bindValue(0, connectionId);
        update.bindValue(1, productId);
        sql::exec(update);
    }
    transaction.commit();
}

bool ChannelMappings::claimIntent(qint64 connectionId, qint64 productId, qint64 itemId)
{
    sql::WriteTransaction transaction(m_statements.db());
    const qint64 now = sql::nowMs();
    ensureRow(connectionId, productId);
    QSqlQuery &claim = m_statements.get(QStringLiteral(
        "UPDATE mappings SET intent_item_id = ?, intent_at = COALESCE(intent_at, ?) "
        "WHERE connection_id = ? AND entity_type = 'product' AND internal_id = ? "
        "AND (intent_item_id IS NULL OR intent_item_id = ? OR NOT EXISTS ("
        "SELECT 1 FROM sync_items i WHERE i.id = mappings.intent_item_id "
        "AND i.state = 'running'))"));
    claim.bindValue(0, itemId);
    claim.bindValue(1, now);
    claim.bindValue(2, connectionId);
    claim.bindValue(3, productId);
    claim.bindValue(4, itemId);
    sql::exec(claim);
    const bool granted = claim.numRowsAffected() == 1;
    transaction.commit();
    return granted;
}

void ChannelMappings::recordExternalId(qint64 connectionId, qint64 productId,
                                       const QString &externalId, const QString &url)
{
    sql::WriteTransaction transaction(m_statements.db());
    ensureRow(connectionId, productId);
    QSqlQuery &update = m_statements.get(QStringLiteral(
        "UPDATE mappings SET external_id = ?, external_url = ?, intent_item_id = NULL, "
        "intent_at = NULL WHERE connection_id = ? AND entity_type = 'product' "
        "AND internal_id = ?"));
    update.bindValue(0, sql::text(externalId));
    update.bindValue(1, sql::text(url));
    update.bindValue(2, connectionId);
    update.bindValue(3, productId);
    sql::exec(update);
    transaction.commit();
}

void ChannelMappings::recordChannelData(qint64 connectionId, qint64 productId,
                                        const QString &channelData)
{
    QSqlQuery &update = m_statements.get(QStringLiteral(
        "UPDATE mappings SET channel_data = ? WHERE connection_id = ? "
        "AND entity_type = 'product' AND internal_id = ?"));
    update.bindValue(0, sql::text(channelData));
    update.bindValue(1, connectionId);
    update.bindValue(2, productId);
    sql::exec(update);
}

void ChannelMappings::recordSynced(qint64 connectionId, qint64 productId,
                                   const QString &sourceHash, const QString &targetHash,
                                   const QString &channelData)
{
    QSqlQuery &update = m_statements.get(QStringLiteral(
        "UPDATE mappings SET state = 'synced', source_hash = ?, target_hash = ?, "
        "channel_data = ?, last_error = '', last_synced_at = ? WHERE connection_id = ? "
        "AND entity_type = 'product' AND internal_id = ?"));
    update.bindValue(0, sql::text(sourceHash));
    update.bindValue(1, sql::text(targetHash));
    update.bindValue(2, sql::text(channelData));
    update.bindValue(3, sql::nowMs());
    update.bindValue(4, connectionId);
    update.bindValue(5, productId);
    sql::exec(update);
}

void ChannelMappings::recordFailed(qint64 connectionId, qint64 productId, const QString &message)
{
    sql::WriteTransaction transaction(m_statements.db());
    ensureRow(connectionId, productId);
    QSqlQuery &update = m_statements.get(QStringLiteral(
        "UPDATE mappings SET state = 'failed', last_error = ? WHERE connection_id = ? "
        "AND entity_type = 'product' AND internal_id = ?"));
    update.bindValue(0, sql::text(message));
    update.bindValue(1, connectionId);
    update.bindValue(2, productId);
    sql::exec(update);
    transaction.commit();
}

void ChannelMappings::recordInactive(qint64 connectionId, qint64 productId)
{
    QSqlQuery &update = m_statements.get(QStringLiteral(
        "UPDATE mappings SET state = 'inactive', last_error = '', last_synced_at = ? "
        "WHERE connection_id = ? AND entity_type = 'product' AND internal_id = ?"));
    update.bindValue(0, sql::nowMs());
    update.bindValue(1, connectionId);
    update.bindValue(2, productId);
    sql::exec(update);
}

void ChannelMappings::forgetListing(qint64 connectionId, qint64 productId, const QString &message)
{
    QSqlQuery &update = m_statements.get(QStringLiteral(
        "UPDATE mappings SET state = 'failed', last_error = ?, external_id = '', "
        "external_url = '', channel_data = '', target_hash = '', intent_item_id = NULL, "
        "intent_at = NULL WHERE connection_id = ? AND entity_type = 'product' "
        "AND internal_id = ?"));
    update.bindValue(0, sql::text(message));
    update.bindValue(1, connectionId);
    update.bindValue(2, productId);
    sql::exec(update);
}

std::optional<qint64> ChannelMappings::productWithExternalId(qint64 connectionId,
                                                             const QString &externalId)
{
    QSqlQuery &query = m_statements.get(QStringLiteral(
        "SELECT internal_id FROM mappings WHERE connection_id = ? AND entity_type = 'product' "
        "AND external_id = ?"));
    query.bindValue(0, connectionId);
    query.bindValue(1, sql::text(externalId));
    sql::exec(query);
    std::optional<qint64> found;
    if (query.next())
        found = query.value(0).toLongLong();
    query.finish();
    return found;
}

} // namespace storeloom
