#include "listingattempt.h"

#include "channelpricing.h"
#include "channelsettings.h"
#include "itemstore.h"
#include "leasefence.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcListingStep, "storeloom.publish.step")

namespace storeloom {

namespace {

QString firstError(const QList<ChannelIssue> &issues)
{
    for (const ChannelIssue &issue : issues) {
        if (issue.severity == ChannelIssue::Severity::Error)
            return issue.message + QLatin1Char(' ') + issue.fixHint;
    }
    return {};
}

} // namespace

QString ListingAttempt::tr(const char *text)
{
    return QCoreApplication::translate("ListingPublisher", text);
}

bool ListingAttempt::stillHeld()
{
    LeaseFence *fence = LeaseFence::current();
    return !fence || fence->confirm();
}

ListingAttempt::ListingAttempt(const SyncItem &item, QSqlDatabase db, qint64 connectionId,
                               ListingChannel &channel)
    : m_item(item), m_db(db), m_connectionId(connectionId), m_channel(channel), m_mappings(db)
{
    m_state = m_mappings.state(connectionId, item.entityId);
    m_channelData = QJsonDocument::fromJson(m_state.channelData.toUtf8()).object();
    if (m_state.isListed())
        m_ref = {m_state.externalId, m_state.url};
}

bool ListingAttempt::prepare(ItemOutcome &failure)
{
    auto product = PublishableProductReader(m_db).read(m_item.entityId);
    if (!product) {
        failure = ItemOutcome::permanent(tr("The product is no longer in the catalog."));
        return false;
    }
    m_contentHash = product->contentHash;
    ChannelSettingsStore settings(m_db);
    const QJsonObject effective = settings.effective(m_connectionId, m_item.entityId);
    // The price the plan showed: converted by the connection's price rule.
    const ChannelPricing pricing = priceForChannel(*product, effective, tr("the shop"));
    m_listing = m_channel.prepare(*product, effective);
    if (const QString invalid = firstError(pricing.issues + m_listing->issues);
        !invalid.isEmpty()) {
        // The product changed since the plan was confirmed.
        m_mappings.recordFailed(m_connectionId, m_item.entityId, invalid);
        failure = ItemOutcome::permanent(invalid);
        return false;
    }
    return true;
}

void ListingAttempt::checkpoint(const QString &key, const QJsonValue &value)
{
    m_channelData.insert(key, value);
    saveChannelData();
}

void ListingAttempt::saveChannelData()
{
    if (stillHeld()) // a worker that lost its item leaves the record to the one that has it
        m_mappings.recordChannelData(
            m_connectionId, m_item.entityId,
            QString::fromUtf8(QJsonDocument(m_channelData).toJson(QJsonDocument::Compact)));
}

ItemOutcome ListingAttempt::stepDone()
{
    if (!stillHeld())
        return ItemOutcome::retry(LeaseFence::lostMessage());
    // The product's other steps run after this one: they record it synced.
    if (m_moreSteps || ItemStore(m_db).hasDependents(m_item.id)) {
        saveChannelData();
        return ItemOutcome::succeeded(m_ref.url);
    }
    const QString source =
        m_channelData.value(checkpoints::writtenFrom()).toString(m_contentHash);
    m_channelData.remove(checkpoints::writtenFrom());
    m_mappings.recordSynced(
        m_connectionId, m_item.entityId, source.isEmpty() ? m_contentHash : source,
        m_listing->hash,
        QString::fromUtf8(QJsonDocument(m_channelData).toJson(QJsonDocument::Compact)));
    return ItemOutcome::succeeded(m_ref.url);
}

ItemOutcome ListingAttempt::listingGone()
{
    const QString message = tr("The listing %1 no longer exists on the channel (was it deleted "
                               "there?). Publishing the product again creates a new listing.")
                                .arg(m_ref.id);
    m_mappings.forgetListing(m_connectionId, m_item.entityId, message);
    return ItemOutcome::permanent(message);
}

ItemOutcome ListingAttempt::fail(const ChannelError &error, const QString &doing)
{
    qCWarning(lcListingStep) << m_item.operation << "of product" << m_item.entityId
                             << "failed while" << doing << "kind" << int(error.kind);
    // A worker that lost its item leaves the product to the one that has it.
    if (LeaseFence *fence = LeaseFence::current(); fence && fence->lost())
        return ItemOutcome::retry(LeaseFence::lostMessage());
    QString message = tr("%1 (while %2)").arg(error.message, doing);
    if (error.outcomeUnknown) {
        // The mapping keeps its intent: the next attempt looks before creating.
        message += QLatin1Char(' ') + tr("Storeloom will check the channel before trying again.");
    }
    if (error.kind == ChannelError::Kind::NeedsSignIn)
        message += QLatin1Char(' ') + tr("Reconnect the store, then publish again.");
    const bool retryable =
        error.kind == ChannelError::Kind::Retryable || error.kind == ChannelError::Kind::Cancelled;
    // While attempts remain the product stays pending; the last one, or a
    // refusal no retry can fix, leaves it failed with the reason.
    if (!retryable || m_item.attempts >= m_item.maxAttempts) {
        m_mappings.recordFailed(m_connectionId, m_item.entityId, message);
        return ItemOutcome::permanent(message);
    }
    return ItemOutcome::retry(message);
}

} // namespace storeloom
