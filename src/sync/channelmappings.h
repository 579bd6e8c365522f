#pragma once

#include "channelstate.h"
#include "statementcache.h"

#include <QHash>
#include <QList>

namespace storeloom {

// Products' mappings on the channels they are published to: the hub's record
// of where each listing is and how its last sync went. Also the exactly-once
// guard for creating listings (claimIntent).
class ChannelMappings
{
public:
    explicit ChannelMappings(QSqlDatabase db) : m_statements(std::move(db)) {}

    // NotListed when the product has no mapping on the connection.
    ChannelState state(qint64 connectionId, qint64 productId);
    QHash<qint64, ChannelState> states(qint64 connectionId, const QList<qint64> &productIds);
    // Every channel each product is on, except the connection it was imported
    // from (that mapping says where it came from, not where it is published).
    QHash<qint64, QList<ChannelState>> channelsOf(const QList<qint64> &productIds);

    // A confirmed run will write these products: their state becomes pending
    // (what the channel already has, such as the listing id, is kept).
    void markPending(qint64 connectionId, const QList<qint64> &productIds);

    // The right to create the product's listing, for `itemId` alone: false
    // while another item that is still running holds it. The holder must
    // look for a listing a previous holder may have created (the mapping has
    // an intent but no external id) before creating one.
    bool claimIntent(qint64 connectionId, qint64 productId, qint64 itemId);
    // The listing exists: from here on the product is updated, never created.
    void recordExternalId(qint64 connectionId, qint64 productId, const QString &externalId,
                          const QString &url);
    void recordChannelData(qint64 connectionId, qint64 productId, const QString &channelData);
    void recordSynced(qint64 connectionId, qint64 productId, const QString &sourceHash,
                      const QString &targetHash, const QString &channelData);
    void recordFailed(qint64 connectionId, qint64 productId, const QString &message);
    // Unpublished: the listing is still on the channel (its id is kept, so
    // publishing again updates it) but deactivated there.
    void recordInactive(qint64 connectionId, qint64 productId);
    // The channel no longer has the listing (deleted there): the product is
    // failed with `message`, and publishing it again creates a new listing.
    void forgetListing(qint64 connectionId, qint64 productId, const QString &message);

    // The product another mapping of this connection gives `externalId`, if any.
    std::optional<qint64> productWithExternalId(qint64 connectionId, const QString &externalId);

private:
    void ensureRow(qint64 connectionId, qint64 productId);
    static QString selectColumns();
    static ChannelState fromQuery(const QSqlQuery &query);

    StatementCache m_statements;
};

} // namespace storeloom
