#pragma once

#include "catalog.h"
#include "publishoffer.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace storeloom {

// Why a channel would refuse a product (Error) or take it in a way the
// merchant may regret (Warning), and what to do about it.
struct ChannelIssue
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString field;
    QString message;
    QString fixHint;

    friend bool operator==(const ChannelIssue &, const ChannelIssue &) = default;
};

// What publishing one product to the channel would do.
struct PlanEntry
{
    enum class Action { Create, Update, Unchanged, Invalid };
    qint64 productId = 0;
    QString title;
    Action action = Action::Invalid;
    QList<ChannelIssue> issues;
    QString listingHash; // the adapter's digest of the listing it would write
    QString externalId;  // the listing it would update
    int apiCalls = 0;    // requests the action costs on the channel
    // An unfinished run that still has to write this product: it is left to
    // that run, and this plan sends nothing for it.
    qint64 queuedInRun = 0;
    // The lowest price before and after the channel's price rule, when it changed.
    std::optional<Money> priceBefore;
    std::optional<Money> priceAfter;

    bool hasErrors() const;
    // "10.00 EUR → 10.99 USD", empty when the price goes as it is.
    QString priceChange() const;
};

QString nameOf(PlanEntry::Action action);

// The plan a merchant confirms before anything is sent: per product, create,
// update, leave unchanged, or cannot publish (with the reasons), and what it
// costs against the channel's daily request budget.
struct PublishPlan
{
    qint64 connectionId = 0;
    QString channelName;
    QList<PlanEntry> entries;
    std::optional<qint64> remainingToday; // the channel's requests left today, if known
    std::optional<qint64> limitPerDay;
    // Chosen, but not offered to the channel (draft, archived, gone from the
    // store) because the merchant did not include them: never sent.
    QList<NotOfferedProduct> notOffered;

    int count(PlanEntry::Action action) const;
    // Products to create or update that an unfinished run is already writing.
    int queuedCount() const;
    // "2 of these products are still being published by run 12: they are left to it."
    QString queuedNote() const;
    qint64 apiCalls() const; // what this plan sends: queued products cost nothing here
    bool exceedsDailyBudget() const;
    int notOfferedCount(NotOfferedReason reason) const;
    // "Create 120 · Update 40 · Unchanged 150 (skipped) · Cannot publish 2",
    // and " · Not offered 5" when some were left out.
    QString summary() const;
    // "Not offered 5: 2 draft · 1 archived · 2 gone from the store"; empty when none.
    QString notOfferedSummary() const;
    // The same plan without these products (the merchant excluded them).
    PublishPlan without(const QList<qint64> &productIds) const;

    QJsonObject toJson() const;
    static PublishPlan fromJson(const QJsonObject &json);
};

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::PublishPlan)
