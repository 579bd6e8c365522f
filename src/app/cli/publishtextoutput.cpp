// TextOutput's publish texts: the plan a merchant reads before --yes, and
// what the run did. Kept apart from textoutput.cpp, which is long enough.
#include "textoutput.h"
#include "texttable.h"

namespace storeloom::cli {

namespace {

constexpr qsizetype kTitleWidth = 50;

// Titles run to 140 characters on Etsy (longer ones are why a product
// cannot be published): the tables show their start.
QString shortTitle(const QString &title)
{
    const QString simple = title.simplified();
    return simple.size() <= kTitleWidth ? simple
                                        : simple.left(kTitleWidth - 1) + QChar(0x2026); // …
}

QString target(const PublishReport &report)
{
    return QStringLiteral("%1 (%2, connection %3)")
        .arg(report.connection.name, report.platform)
        .arg(report.connection.id);
}

QString budgetLine(const PublishReport &report)
{
    const PublishPlan &plan = report.plan;
    QString line = QStringLiteral("API calls needed: %1 · ").arg(plan.apiCalls());
    line += plan.remainingToday ? QStringLiteral("%1 allows %2 more today")
                                      .arg(report.platform)
                                      .arg(*plan.remainingToday)
                                : QStringLiteral("(today's budget unknown)");
    line += QLatin1Char('\n');
    if (const QString queued = plan.queuedNote(); !queued.isEmpty())
        line += queued + QStringLiteral(" Publishing with --yes finishes that run first.\n");
    if (plan.exceedsDailyBudget())
        line += QStringLiteral("That is more than %1 allows today: publish fewer products "
                               "(--product) or wait until the budget refills.\n")
                    .arg(report.platform);
    return line;
}

// Each product with its issues of `severity`, the fix under each reason.
QString issueList(const QString &heading, const QList<const PlanEntry *> &entries,
                  ChannelIssue::Severity severity)
{
    if (entries.isEmpty())
        return {};
    QString text = QStringLiteral("\n%1 (%2):\n").arg(heading).arg(entries.size());
    for (const PlanEntry *entry : entries) {
        text += QStringLiteral("  #%1 %2\n").arg(entry->productId).arg(shortTitle(entry->title));
        for (const ChannelIssue &issue : entry->issues) {
            if (issue.severity != severity)
                continue;
            text += QStringLiteral("     %1\n").arg(issue.message);
            if (!issue.fixHint.isEmpty())
                text += QStringLiteral("     Fix: %1\n").arg(issue.fixHint);
        }
    }
    return text;
}

// The products that cannot be published, then those that will be with warnings.
QString issueSections(const PublishPlan &plan)
{
    QList<const PlanEntry *> refused;
    QList<const PlanEntry *> warned;
    for (const PlanEntry &entry : plan.entries) {
        if (entry.action == PlanEntry::Action::Invalid)
            refused.append(&entry);
        else if (!entry.issues.isEmpty())
            warned.append(&entry);
    }
    return issueList(QStringLiteral("Cannot publish"), refused, ChannelIssue::Severity::Error) +
           issueList(QStringLiteral("Publishes with warnings"), warned,
                     ChannelIssue::Severity::Warning);
}

// The products not offered, counted by reason, with the --include that
// offers them; each one named when the merchant named the products.
QString notOfferedSection(const PublishReport &report)
{
    const PublishPlan &plan = report.plan;
    if (plan.notOffered.isEmpty())
        return {};
    QStringList kinds;
    for (const auto reason :
         {NotOfferedReason::Draft, NotOfferedReason::Archived, NotOfferedReason::Gone}) {
        if (plan.notOfferedCount(reason) > 0)
            kinds.append(nameOf(reason));
    }
    QString text = QStringLiteral("\n%1 (not sent; --include %2 offers them).\n")
                       .arg(plan.notOfferedSummary(), kinds.join(QLatin1Char(',')));
    if (!report.namesNotOffered)
        return text;
    for (const NotOfferedProduct &product : plan.notOffered)
        text += QStringLiteral("  #%1 %2: %3\n")
                    .arg(product.productId)
                    .arg(shortTitle(product.title), labelOf(product.reason));
    return text;
}

// What the channel's price rule does to each product's price: old → new.
QString priceChanges(const PublishPlan &plan)
{
    QString text;
    for (const PlanEntry &entry : plan.entries) {
        if (const QString change = entry.priceChange(); !change.isEmpty())
            text += QStringLiteral("  #%1 %2: %3\n")
                        .arg(entry.productId)
                        .arg(shortTitle(entry.title), change);
    }
    return text.isEmpty() ? text : QStringLiteral("\nPrices with the price rule:\n") + text;
}

bool hasWorkToSend(const PublishPlan &plan)
{
    return plan.count(PlanEntry::Action::Create) + plan.count(PlanEntry::Action::Update) > 0;
}

QString listingTable(const PublishReport &report)
{
    TextTable table({{QStringLiteral("ID"), TextTable::Align::Right},
                     {QStringLiteral("TITLE")},
                     {QStringLiteral("RESULT")},
                     {QStringLiteral("LISTING")}});
    for (const PlanEntry &entry : report.plan.entries) {
        if (entry.action == PlanEntry::Action::Invalid)
            continue; // listed with their reasons below
        const ChannelState listing = report.listings.value(entry.productId);
        const QString where = listing.state == ChannelState::State::Failed ? listing.lastError
                              : listing.url.isEmpty()                      ? QStringLiteral("-")
                                                                           : listing.url;
        table.addRow({QString::number(entry.productId), shortTitle(entry.title),
                      publishResult(entry, listing, runIdOf(report)), where});
    }
    return table.isEmpty() ? QString() : QLatin1Char('\n') + table.toString();
}

} // namespace

QString TextOutput::publishPlan(const PublishReport &report) const
{
    const PublishPlan &plan = report.plan;
    QString text = QStringLiteral("Plan for %1:\n%2\n").arg(target(report), plan.summary());
    text += budgetLine(report);
    text += notOfferedSection(report);
    text += priceChanges(plan);
    text += issueSections(plan);
    text += QLatin1Char('\n');
    if (!hasWorkToSend(plan))
        text += QStringLiteral("Nothing to send: every product is unchanged or cannot be "
                               "published.\n");
    else if (!plan.exceedsDailyBudget())
        text += QStringLiteral("Run again with --yes to publish.\n");
    return text;
}

QString TextOutput::published(const PublishReport &report) const
{
    const PublishCounts c = publishCounts(report);
    QString text;
    if (report.run) {
        text = QStringLiteral("Published to %1 in run %2: %3 created, %4 updated, %5 unchanged")
                   .arg(target(report))
                   .arg(report.run->id)
                   .arg(c.created)
                   .arg(c.updated)
                   .arg(c.unchanged);
    } else {
        text = QStringLiteral("Nothing to publish to %1: %2 unchanged")
                   .arg(target(report))
                   .arg(c.unchanged);
    }
    if (c.linked > 0) // listings found after a lost reply, or another process's creates
        text += QStringLiteral(", %1 found and linked").arg(c.linked);
    if (c.failed > 0)
        text += QStringLiteral(", %1 failed").arg(c.failed);
    if (c.notSent > 0)
        text += QStringLiteral(", %1 not sent yet").arg(c.notSent);
    if (c.invalid > 0)
        text += QStringLiteral(", %1 cannot be published (not sent)").arg(c.invalid);
    text += QStringLiteral(".\n");
    return text + listingTable(report) + notOfferedSection(report) + issueSections(report.plan);
}

} // namespace storeloom::cli
