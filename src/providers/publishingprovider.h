#pragma once

#include "operationhandler.h"
#include "publishableproduct.h"
#include "publishplan.h"
#include "ratebudget.h"
#include "workspace.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

namespace storeloom {

class AccessTokenSource;

// What the channel thinks of one product, before anything is sent.
struct ChannelCheck
{
    QList<ChannelIssue> issues;
    QString listingHash;   // digest of the listing the adapter would write
    int apiCallsToCreate = 0;
    int apiCallsToUpdate = 0;
};

// One of the channel's publishing defaults (Etsy: who made it, shipping profile, …).
struct ChannelSettingField
{
    QString key;
    QString label;
    QString hint;
    bool required = true;
};

struct ChannelChoice
{
    QString value;
    QString label;
};
using ChannelChoices = QHash<QString, QList<ChannelChoice>>; // field key → choices

// What one cheap request tells of a channel's shop.
struct ChannelProbe
{
    std::optional<DailyBudget> budget; // when the channel reports its day
    QString currency;                  // ISO 4217, what the shop sells in; empty: unknown
    QString error;                     // why the request failed
};

// How a worker thread reaches one connected channel.
struct ChannelAccessContext
{
    Workspace workspace{QString()};
    qint64 connectionId = 0;
    QString externalShopId;
    std::shared_ptr<AccessTokenSource> tokens;
    QHash<QString, QString> appFields; // what the merchant typed to connect (app keys)
    std::shared_ptr<RateBudget> budget;
    const std::atomic_bool *stop = nullptr;
};

// A provider whose channel this build can publish catalog products to.
class PublishingProvider
{
public:
    virtual ~PublishingProvider() = default;

    virtual QList<ChannelSettingField> channelSettingFields() const = 0;
    // The choices each field offers, some from the shop (its shipping
    // profiles, …). Blocks: call on a worker thread. Empty `error`: success.
    virtual ChannelChoices loadChannelChoices(const ChannelAccessContext &context,
                                              QString *error) const = 0;
    // Channel defaults with the product's overrides laid over them.
    virtual ChannelCheck checkProduct(const PublishableProduct &product,
                                      const QJsonObject &settings) const = 0;
    // The shop as one cheap request finds it: its daily request budget now
    // and the currency it sells in. Blocks.
    virtual ChannelProbe probeShop(const ChannelAccessContext &context) const = 0;
    // Executes publishing items (listingops::all()) for the context's
    // connection, on executor worker threads.
    virtual std::shared_ptr<OperationHandler>
    createPublishHandler(const ChannelAccessContext &context) const = 0;
};

} // namespace storeloom
