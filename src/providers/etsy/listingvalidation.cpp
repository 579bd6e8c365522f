#include "listingvalidation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace storeloom::etsy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EtsyListingValidation", text);
}

constexpr int kMaxTitle = 140;
constexpr int kMaxTags = 13;
constexpr int kMaxTag = 20;
constexpr int kMaxQuantity = 999;
constexpr int kMaxImages = 10;
constexpr int kMaxProperties = 2;
constexpr int kMaxVariations = 70;

struct Checker
{
    QList<ListingIssue> issues;

    void error(const char *field, const QString &message, const QString &hint)
    {
        issues.append({ListingIssue::Severity::Error, QString::fromLatin1(field), message, hint});
    }
    void warning(const char *field, const QString &message, const QString &hint)
    {
        issues.append({ListingIssue::Severity::Warning, QString::fromLatin1(field), message, hint});
    }
};

void checkTitle(const QString &title, Checker &check)
{
    if (title.trimmed().isEmpty()) {
        check.error("title", tr("The title is empty."), tr("Give the product a title."));
        return;
    }
    if (title.size() > kMaxTitle)
        check.error("title", tr("The title has %1 characters; Etsy allows %2.").arg(title.size()).arg(kMaxTitle),
                    tr("Shorten the title."));
    // Letters, digits, punctuation, math symbols, spaces and ™ © ®.
    static const QRegularExpression disallowed(QStringLiteral("[^\\p{L}\\p{Nd}\\p{P}\\p{Sm}\\p{Zs}™©®]"));
    const auto match = disallowed.match(title);
    if (match.hasMatch())
        check.error("title", tr("The title contains “%1”, which Etsy does not allow.").arg(match.captured()),
                    tr("Remove it from the title."));
    for (const QChar once : {u'%', u':', u'&', u'+'}) {
        if (title.count(once) > 1)
            check.error("title", tr("The title uses “%1” %2 times; Etsy allows it once.").arg(once).arg(title.count(once)),
                        tr("Keep one “%1” in the title.").arg(once));
    }
}

void checkTags(const QStringList &tags, Checker &check)
{
    if (tags.size() > kMaxTags)
        check.error("tags", tr("%1 tags; Etsy allows %2.").arg(tags.size()).arg(kMaxTags),
                    tr("Keep the %1 tags that describe the product best.").arg(kMaxTags));
    static const QRegularExpression disallowed(QStringLiteral("[^\\p{L}\\p{Nd}\\p{Zs}\\-'™©®]"));
    QSet<QString> seen;
    for (const QString &tag : tags) {
        if (tag.size() > kMaxTag)
            check.error("tags", tr("The tag “%1” has %2 characters; Etsy allows %3.").arg(tag).arg(tag.size()).arg(kMaxTag),
                        tr("Shorten the tag."));
        if (disallowed.match(tag).hasMatch())
            check.error("tags", tr("The tag “%1” has characters Etsy does not allow in tags.").arg(tag),
                        tr("Use letters, digits, spaces, hyphens and apostrophes only."));
        if (seen.contains(tag.toCaseFolded()))
            check.error("tags", tr("The tag “%1” appears twice.").arg(tag), tr("Remove the duplicate."));
        seen.insert(tag.toCaseFolded());
    }
}

void checkOffer(const ListingDraft &draft, Checker &check)
{
    if (draft.price.minorUnits <= 0)
        check.error("price", tr("The price is not above zero."), tr("Set a price."));
    if (draft.quantity < 1 || draft.quantity > kMaxQuantity)
        check.error("quantity",
                    tr("The quantity is %1; Etsy takes 1 to %2.").arg(draft.quantity).arg(kMaxQuantity),
                    draft.quantity < 1 ? tr("Restock it, or leave it out of this publish.")
                                       : tr("Etsy listings hold at most %1; list %1.").arg(kMaxQuantity));
    if (draft.imageCount > kMaxImages)
        check.error("images", tr("%1 images; Etsy takes %2.").arg(draft.imageCount).arg(kMaxImages),
                    tr("Choose the %1 images to send.").arg(kMaxImages));
    if (draft.variationProperties.size() > kMaxProperties)
        check.error("variations",
                    tr("%1 variation properties (%2); Etsy allows %3.")
                        .arg(draft.variationProperties.size())
                        .arg(draft.variationProperties.join(QStringLiteral(", ")))
                        .arg(kMaxProperties),
                    tr("Combine options, or split the product."));
    for (const QString &value : draft.variationValues) {
        if (value.contains(QLatin1Char('(')) || value.contains(QLatin1Char(')'))) {
            check.error("variations",
                        tr("The option value “%1” has parentheses, which Etsy does not allow.")
                            .arg(value),
                        tr("Rename the option value without ( and )."));
            break;
        }
    }
    if (draft.variationCount > kMaxVariations)
        check.error("variations",
                    tr("%1 variations; Etsy allows %2.").arg(draft.variationCount).arg(kMaxVariations),
                    tr("Split the product into several listings."));
}

void checkRequired(const ListingDraft &draft, Checker &check)
{
    const QString inSettings = tr("Set it in Connectors › Channel settings… or with "
                                  "storeloom-cli channel-settings, or on the product.");
    if (draft.whoMade.isEmpty())
        check.error("who_made", tr("Who made it is not set."), inSettings);
    if (draft.whenMade.isEmpty())
        check.error("when_made", tr("When it was made is not set."), inSettings);
    if (!draft.taxonomyId)
        check.error("taxonomy_id", tr("The Etsy category is not set."), inSettings);
    if (!draft.shippingProfileId)
        check.error("shipping_profile_id", tr("The shipping profile is not set."), inSettings);
    if (!draft.readinessStateId)
        check.error("readiness_state_id", tr("The processing profile is not set."), inSettings);
}

} // namespace

QList<ListingIssue> validateListing(const ListingDraft &draft)
{
    Checker check;
    checkTitle(draft.title, check);
    checkTags(draft.tags, check);
    checkOffer(draft, check);
    checkRequired(draft, check);
    if (draft.imageCount == 0)
        check.warning("images", tr("No images: listings without photos rarely sell."),
                      tr("Add at least one image."));
    if (draft.description.trimmed().isEmpty())
        check.warning("description", tr("The description is empty."),
                      tr("Describe the product: materials, size, care."));
    return check.issues;
}

bool hasErrors(const QList<ListingIssue> &issues)
{
    return std::any_of(issues.cbegin(), issues.cend(), [](const ListingIssue &issue) {
        return issue.severity == ListingIssue::Severity::Error;
    });
}

} // namespace storeloom::etsy
