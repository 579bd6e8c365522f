#pragma once

#include "channelmappings.h"
#include "listingchannel.h"
#include "syncitem.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <memory>

namespace storeloom {

// What the mapping's channel data keeps of a listing's progress, so that an
// attempt (or the next step) goes on from where the last one stopped.
namespace checkpoints {
inline QString listingWritten() { return QStringLiteral("listingWritten"); } // hash its fields came from
inline QString stockWritten() { return QStringLiteral("inventoryWritten"); } // hash its stock came from
inline QString mediaDigest() { return QStringLiteral("imagesDigest"); }      // the media it has, all of it
inline QString mediaUploading() { return QStringLiteral("imagesUploading"); } // the media being uploaded…
inline QString mediaIds() { return QStringLiteral("imageIds"); } // …and the ones uploaded so far
// The listing was created with no media and none was uploaded since: the
// media step need not ask the channel what it has.
inline QString createdBare() { return QStringLiteral("createdWithoutMedia"); }
// The product's content hash the listing's fields were written from.
inline QString writtenFrom() { return QStringLiteral("writtenFrom"); }
// Unpublished: the listing was deactivated, and publishing activates it again.
inline QString deactivated() { return QStringLiteral("deactivated"); }
} // namespace checkpoints

// One attempt at one publishing item: the product as the channel would have
// it, the product's mapping and what it notes, and the hub's rules every
// step shares — checkpoints, the last-attempt rule, a lost lease, the
// product synced once its last step is done. Lives on one worker thread.
class ListingAttempt
{
public:
    ListingAttempt(const SyncItem &item, QSqlDatabase db, qint64 connectionId,
                   ListingChannel &channel);

    // Reads the product and lets the channel prepare its listing with the
    // product's settings. False, with `failure` set, when the product cannot
    // be written (gone from the catalog, or against the channel's rules now).
    bool prepare(ItemOutcome &failure);

    const SyncItem &item() const { return m_item; }
    qint64 productId() const { return m_item.entityId; }
    qint64 connectionId() const { return m_connectionId; }
    ListingChannel &channel() { return m_channel; }
    ChannelMappings &mappings() { return m_mappings; }
    const ChannelListing &listing() const { return *m_listing; }
    const ChannelState &state() const { return m_state; }
    QJsonObject &channelData() { return m_channelData; }
    const QString &contentHash() const { return m_contentHash; }
    ListingRef ref() const { return m_ref; }

    // The listing is on the channel (found, created, or from the mapping).
    void setListing(const ListingRef &ref) { m_ref = ref; }
    // Notes `key` in the mapping's channel data (unless the lease was lost).
    void checkpoint(const QString &key, const QJsonValue &value);
    void saveChannelData();

    // The step is done: the last step of the product records it synced.
    ItemOutcome stepDone();
    // This attempt runs more steps after the current one (a whole publish in one item).
    void setMoreStepsFollow(bool more) { m_moreSteps = more; }
    // The channel refused or did not answer while `doing`: retried while
    // attempts remain, else the product is failed with the channel's reason.
    ItemOutcome fail(const ChannelError &error, const QString &doing);
    // The channel no longer has the listing: the product is failed, and
    // publishing it again creates a new one.
    ItemOutcome listingGone();

    // False once another worker took this item over: it must change nothing more.
    static bool stillHeld();
    static QString tr(const char *text);

private:
    const SyncItem &m_item;
    QSqlDatabase m_db;
    qint64 m_connectionId;
    ListingChannel &m_channel;
    ChannelMappings m_mappings;
    std::unique_ptr<ChannelListing> m_listing;
    ChannelState m_state;
    QJsonObject m_channelData;
    QString m_contentHash; // of the product as read for this attempt
    ListingRef m_ref;
    bool m_moreSteps = false;
};

// One step of publishing (or unpublishing) a product, as one item's operation.
class ListingStep
{
public:
    virtual ~ListingStep() = default;
    // Whether the step needs the product as the channel would write it.
    virtual bool needsListing() const { return true; }
    virtual ItemOutcome run(ListingAttempt &attempt) = 0;
};

} // namespace storeloom
