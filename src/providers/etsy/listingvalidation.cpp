#include "listingvalidation.h"

#include "codepointnames.h"

#include <QCoreApplication>
#include <QSet>

namespace storeloom::etsy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EtsyListingValidation", text);
}

constexpr int kMaxProperties = 2;
constexpr int kMaxVariations = 70;
constexpr int kMaxNamedCharacters = 3; // more would drown the message

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

// Etsy's character classes, as its OpenAPI file gives them as regexes:
// titles /[^\p{L}\p{Nd}\p{P}\p{Sm}\p{Zs}™©®]/u, tags /[^\p{L}\p{Nd}\p{Zs}\-'™©®]/u.
bool isTrademarkSign(char32_t c)
{
    return c == U'™' || c == U'©' || c == U'®';
}

bool isLetterDigitOrSpace(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Separator_Space:
        return true;
    default:
        return isTrademarkSign(c);
    }
}

bool allowedInTitle(char32_t c)
{
    if (isLetterDigitOrSpace(c))
        return true;
    const QChar::Category category = QChar::category(c);
    return category == QChar::Symbol_Math ||
           (category >= QChar::Punctuation_Connector && category <= QChar::Punctuation_Other);
}

bool allowedInTag(char32_t c)
{
    return isLetterDigitOrSpace(c) || c == U'-' || c == U'\'';
}

int codePoints(const QString &text)
{
    return int(text.toUcs4().size());
}

// "U+0301 COMBINING ACUTE ACCENT, U+200B ZERO WIDTH SPACE", or empty.
QString refusedCharacters(const QString &text, bool (*allowed)(char32_t))
{
    QStringList named;
    QSet<char32_t> seen;
    for (const char32_t c : text.toUcs4()) {
        if (allowed(c) || seen.contains(c))
            continue;
        seen.insert(c);
        if (named.size() == kMaxNamedCharacters) {
            named.append(QStringLiteral("…"));
            break;
        }
        named.append(describeCodePoint(c));
    }
    return named.join(QStringLiteral(", "));
}

void checkTitle(const QString &title, Checker &check)
{
    if (title.trimmed().isEmpty()) {
        check.error("title", tr("The title is empty."), tr("Give the product a title."));
        return;
    }
    if (const int length = codePoints(title); length > kMaxTitleLength)
        check.error("title", tr("The title has %1 characters; Etsy allows %2.").arg(length).arg(kMaxTitleLength),
                    tr("Shorten the title."));
    if (const QString refused = refusedCharacters(title, allowedInTitle); !refused.isEmpty())
        check.error("title", tr("The title contains %1, which Etsy does not allow.").arg(refused),
                    tr("Etsy takes letters, digits, punctuation, math symbols, spaces and ™ © ® in "
                       "titles: remove the others."));
    for (const QChar once : {u'%', u':', u'&', u'+'}) {
        if (title.count(once) > 1)
            check.error("title", tr("The title uses “%1” %2 times; Etsy allows it once.").arg(once).arg(title.count(once)),
                        tr("Keep one “%1” in the title.").arg(once));
    }
}

void checkDescription(const QString &description, Checker &check)
{
    if (description.trimmed().isEmpty())
        check.error("description", tr("The description is empty; Etsy requires one."),
                    tr("Describe the product: materials, size, care."));
}

void checkTags(const QStringList &tags, Checker &check)
{
    if (tags.size() > kMaxTags)
        check.error("tags", tr("%1 tags; Etsy allows %2.").arg(tags.size()).arg(kMaxTags),
                    tr("Keep the %1 tags that describe the product best.").arg(kMaxTags));
    QSet<QString> seen;
    for (const QString &tag : tags) {
        if (const int length = codePoints(tag); length > kMaxTagLength)
            check.error("tags", tr("The tag “%1” has %2 characters; Etsy allows %3.").arg(tag).arg(length).arg(kMaxTagLength),
                        tr("Shorten the tag."));
        if (const QString refused = refusedCharacters(tag, allowedInTag); !refused.isEmpty())
            check.error("tags", tr("A tag contains %1, which Etsy does not allow in tags.").arg(refused),
                        tr("Use letters, digits, spaces, hyphens and apostrophes only."));
        else if (seen.contains(tag.toCaseFolded()))
            check.error("tags", tr("The tag “%1” appears twice.").arg(tag), tr("Remove the duplicate."));
        seen.insert(tag.toCaseFolded());
    }
}

QString amountText(const Money &money)
{
    if (fractionDigits(money.currency) == 0)
        return QString::number(money.minorUnits);
    return QStringLiteral("%1.%2").arg(money.minorUnits / 100).arg(std::abs(money.minorUnits % 100), 2, 10,
                                                                   QLatin1Char('0'));
}

void checkPrice(const ListingDraft &draft, Checker &check)
{
    if (draft.price.minorUnits <= 0)
        check.error("price", tr("The price is not above zero."), tr("Set a price."));
    const Money &highest = draft.highestPrice.currency.isEmpty() ? draft.price : draft.highestPrice;
    if (highest.minorUnits > maxPriceMinorUnits(highest.currency))
        check.error("price",
                    tr("A price of %1 %2 is above Etsy's maximum of %3 %2.")
                        .arg(amountText(highest), highest.currency,
                             amountText({maxPriceMinorUnits(highest.currency), highest.currency})),
                    tr("Lower the price, or sell it elsewhere."));
}

void checkOffer(const ListingDraft &draft, Checker &check)
{
    if (draft.quantity < 1 || draft.quantity > kMaxQuantity)
        check.error("quantity",
                    tr("The quantity is %1; Etsy takes 1 to %2.").arg(draft.quantity).arg(kMaxQuantity),
                    draft.quantity < 1 ? tr("Restock it, or leave it out of this publish.")
                                       : tr("Etsy listings hold at most %1; list %1.").arg(kMaxQuantity));
    for (const QString &sku : draft.skus) {
        if (codePoints(sku) > kMaxSkuLength) {
            check.error("sku", tr("The SKU “%1” has %2 characters; Etsy allows %3.")
                                   .arg(sku).arg(codePoints(sku)).arg(kMaxSkuLength),
                        tr("Shorten the SKU in the store it came from."));
            break;
        }
    }
    if (draft.imageCount > kMaxImages)
        check.error("images", tr("%1 images; Etsy takes %2.").arg(draft.imageCount).arg(kMaxImages),
                    tr("Choose the %1 images to send.").arg(kMaxImages));
}

void checkVariations(const ListingDraft &draft, Checker &check)
{
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

const QStringList &whenMadeValues()
{
    // The 2024 OpenAPI file's eras plus the ones Etsy moved to in 2025.
    static const QStringList values{
        QStringLiteral("made_to_order"), QStringLiteral("2020_2025"), QStringLiteral("2020_2024"),
        QStringLiteral("2010_2019"),     QStringLiteral("2006_2009"), QStringLiteral("2005_2009"),
        QStringLiteral("before_2006"),   QStringLiteral("before_2005"), QStringLiteral("2000_2004"),
        QStringLiteral("1990s"),         QStringLiteral("1980s"),     QStringLiteral("1970s"),
        QStringLiteral("1960s"),         QStringLiteral("1950s"),     QStringLiteral("1940s"),
        QStringLiteral("1930s"),         QStringLiteral("1920s"),     QStringLiteral("1910s"),
        QStringLiteral("1900s"),         QStringLiteral("1800s"),     QStringLiteral("1700s"),
        QStringLiteral("before_1700")};
    return values;
}

void checkRequired(const ListingDraft &draft, Checker &check)
{
    const QString inSettings = tr("Set it in Connectors › Channel settings… or with "
                                  "storeloom-cli channel-settings, or on the product.");
    static const QStringList whoMade{QStringLiteral("i_did"), QStringLiteral("someone_else"),
                                     QStringLiteral("collective")};
    if (draft.whoMade.isEmpty())
        check.error("who_made", tr("Who made it is not set."), inSettings);
    else if (!whoMade.contains(draft.whoMade))
        check.error("who_made", tr("Who made it is “%1”; Etsy takes %2.").arg(draft.whoMade, whoMade.join(QStringLiteral(", "))),
                    inSettings);
    if (draft.whenMade.isEmpty())
        check.error("when_made", tr("When it was made is not set."), inSettings);
    else if (!whenMadeValues().contains(draft.whenMade))
        check.error("when_made", tr("When it was made is “%1”, which Etsy does not know.").arg(draft.whenMade),
                    inSettings);
    if (!draft.taxonomyId)
        check.error("taxonomy_id", tr("The Etsy category is not set."), inSettings);
    if (!draft.shippingProfileId)
        check.error("shipping_profile_id", tr("The shipping profile is not set."), inSettings);
    if (!draft.readinessStateId)
        check.error("readiness_state_id", tr("The processing profile is not set."), inSettings);
}

} // namespace

int fractionDigits(const QString &currency)
{
    static const QSet<QString> none{QStringLiteral("JPY"), QStringLiteral("KRW"),
                                    QStringLiteral("VND"), QStringLiteral("CLP"),
                                    QStringLiteral("ISK"), QStringLiteral("HUF")};
    return none.contains(currency) ? 0 : 2;
}

qint64 maxPriceMinorUnits(const QString &currency)
{
    return fractionDigits(currency) == 0 ? kMaxPriceWhole : kMaxPriceWhole * 100;
}

QString etsyText(const QString &text)
{
    return text.normalized(QString::NormalizationForm_C);
}

QList<ListingIssue> validateListing(const ListingDraft &input)
{
    // Checked as sent: normalized, so a decomposed é is a letter.
    ListingDraft draft = input;
    draft.title = etsyText(draft.title);
    for (QString &tag : draft.tags)
        tag = etsyText(tag);
    Checker check;
    checkTitle(draft.title, check);
    checkDescription(draft.description, check);
    checkTags(draft.tags, check);
    checkPrice(draft, check);
    checkOffer(draft, check);
    checkVariations(draft, check);
    checkRequired(draft, check);
    if (draft.imageCount == 0)
        check.warning("images", tr("No images: listings without photos rarely sell."),
                      tr("Add at least one image."));
    return check.issues;
}

bool hasErrors(const QList<ListingIssue> &issues)
{
    return std::any_of(issues.cbegin(), issues.cend(), [](const ListingIssue &issue) {
        return issue.severity == ListingIssue::Severity::Error;
    });
}

} // namespace storeloom::etsy
