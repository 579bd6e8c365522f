// Etsy's listing rules, checked before anything is sent: each rule refuses
// what breaks it (with a hint) and lets through what keeps to it.
#include "etsy/listingvalidation.h"

#include <QTest>

using namespace storeloom;
using namespace storeloom::etsy;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(storeloom::etsy::ListingDraft)

namespace {

ListingDraft good()
{
    ListingDraft draft;
    draft.title = u"Linen scarf: hand-woven, 180 cm & soft"_s;
    draft.description = u"Woven from Baltic linen."_s;
    draft.price = {2450, u"EUR"_s};
    draft.highestPrice = {2950, u"EUR"_s};
    draft.skus = {u"SCARF-1"_s, u"SCARF-2"_s};
    draft.quantity = 12;
    draft.tags = {u"linen scarf"_s, u"hand woven"_s, u"mother's day"_s};
    draft.imageCount = 3;
    draft.variationProperties = {u"Colour"_s, u"Size"_s};
    draft.variationCount = 6;
    draft.whoMade = u"i_did"_s;
    draft.whenMade = u"made_to_order"_s;
    draft.taxonomyId = 1234;
    draft.shippingProfileId = 55;
    draft.readinessStateId = 7;
    return draft;
}

QStringList errorFields(const QList<ListingIssue> &issues)
{
    QStringList fields;
    for (const ListingIssue &issue : issues) {
        if (issue.severity == ListingIssue::Severity::Error) {
            fields.append(issue.field);
            if (issue.fixHint.isEmpty() || issue.message.isEmpty())
                fields.append(u"(no message or hint)"_s);
        }
    }
    return fields;
}

} // namespace

class TestEtsyListingValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aGoodListingPasses()
    {
        const auto issues = validateListing(good());
        QVERIFY2(issues.isEmpty(), qPrintable(issues.value(0).message));
        QVERIFY(!hasErrors(issues));
    }

    void eachRuleRefusesWhatBreaksIt_data()
    {
        QTest::addColumn<ListingDraft>("draft");
        QTest::addColumn<QString>("field");
        auto row = [](const char *name, const QString &field, auto change) {
            ListingDraft draft = good();
            change(draft);
            QTest::newRow(name) << draft << field;
        };
        row("empty title", u"title"_s, [](ListingDraft &d) { d.title.clear(); });
        row("141-character title", u"title"_s, [](ListingDraft &d) { d.title = QString(141, u'a'); });
        row("emoji in title", u"title"_s, [](ListingDraft &d) { d.title += u" 🧣"_s; });
        row("two % in title", u"title"_s, [](ListingDraft &d) { d.title = u"50% off, 100% linen"_s; });
        row("two : in title", u"title"_s, [](ListingDraft &d) { d.title = u"Scarf: linen: blue"_s; });
        row("two & in title", u"title"_s, [](ListingDraft &d) { d.title = u"Blue & red & green"_s; });
        row("two + in title", u"title"_s, [](ListingDraft &d) { d.title = u"Scarf + hat + gloves"_s; });
        row("14 tags", u"tags"_s, [](ListingDraft &d) {
            d.tags.clear();
            for (int i = 0; i < 14; ++i)
                d.tags.append(u"tag %1"_s.arg(i));
        });
        row("21-character tag", u"tags"_s, [](ListingDraft &d) { d.tags.append(QString(21, u'b')); });
        row("tag with a comma", u"tags"_s, [](ListingDraft &d) { d.tags.append(u"red, blue"_s); });
        row("duplicate tag", u"tags"_s, [](ListingDraft &d) { d.tags.append(u"Linen Scarf"_s); });
        row("zero price", u"price"_s, [](ListingDraft &d) { d.price.minorUnits = 0; });
        row("price 50,000.01", u"price"_s, [](ListingDraft &d) { d.highestPrice.minorUnits = 5000001; });
        row("price ¥50,001", u"price"_s, [](ListingDraft &d) {
            d.price = {900, u"JPY"_s};
            d.highestPrice = {50001, u"JPY"_s};
        });
        row("empty description", u"description"_s, [](ListingDraft &d) { d.description.clear(); });
        row("blank description", u"description"_s, [](ListingDraft &d) { d.description = u" \n "_s; });
        row("33-character SKU", u"sku"_s, [](ListingDraft &d) { d.skus.append(QString(33, u'S')); });
        row("unknown who_made", u"who_made"_s, [](ListingDraft &d) { d.whoMade = u"robot"_s; });
        row("unknown when_made", u"when_made"_s, [](ListingDraft &d) { d.whenMade = u"2030s"_s; });
        row("zero width space in title", u"title"_s, [](ListingDraft &d) { d.title += u"\u200B"_s; });
        row("lone accent in title", u"title"_s, [](ListingDraft &d) { d.title = u"\u0301 scarf"_s; });
        row("no stock", u"quantity"_s, [](ListingDraft &d) { d.quantity = 0; });
        row("1000 in stock", u"quantity"_s, [](ListingDraft &d) { d.quantity = 1000; });
        row("11 images", u"images"_s, [](ListingDraft &d) { d.imageCount = 11; });
        row("3 properties", u"variations"_s, [](ListingDraft &d) { d.variationProperties.append(u"Material"_s); });
        row("71 variations", u"variations"_s, [](ListingDraft &d) { d.variationCount = 71; });
        row("parentheses in an option value", u"variations"_s,
            [](ListingDraft &d) { d.variationValues = {u"Small"_s, u"Large (XL)"_s}; });
        row("no who_made", u"who_made"_s, [](ListingDraft &d) { d.whoMade.clear(); });
        row("no when_made", u"when_made"_s, [](ListingDraft &d) { d.whenMade.clear(); });
        row("no taxonomy", u"taxonomy_id"_s, [](ListingDraft &d) { d.taxonomyId.reset(); });
        row("no shipping profile", u"shipping_profile_id"_s, [](ListingDraft &d) { d.shippingProfileId.reset(); });
        row("no processing profile", u"readiness_state_id"_s, [](ListingDraft &d) { d.readinessStateId.reset(); });
    }

    void eachRuleRefusesWhatBreaksIt()
    {
        QFETCH(ListingDraft, draft);
        QFETCH(QString, field);
        const auto issues = validateListing(draft);
        QVERIFY(hasErrors(issues));
        QCOMPARE(errorFields(issues), QStringList{field});
    }

    void theLimitsThemselvesAreAllowed()
    {
        ListingDraft draft = good();
        draft.title = QString(140, u'a');
        draft.tags.clear();
        for (int i = 0; i < 13; ++i)
            draft.tags.append(QString(18, QChar(u'a' + i)) + u"-'"_s);
        draft.quantity = 999;
        draft.highestPrice = {5000000, u"EUR"_s}; // 50,000.00
        draft.skus = {QString(32, u'S')};
        draft.imageCount = 10;
        draft.variationCount = 70;
        const auto issues = validateListing(draft);
        QVERIFY2(!hasErrors(issues), qPrintable(issues.value(0).message));
    }

    void whatMerchantsRegretIsAWarningNotAnError()
    {
        ListingDraft draft = good();
        draft.imageCount = 0;
        const auto issues = validateListing(draft);
        QVERIFY(!hasErrors(issues));
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.at(0).field, u"images"_s);
        QCOMPARE(issues.at(0).severity, ListingIssue::Severity::Warning);
    }

    void decomposedAccentsAreLettersOnceNormalized()
    {
        ListingDraft draft = good();
        const QString decomposedE = u"e\u0301"_s;
        draft.title = u"Caf"_s + decomposedE + u" cr"_s + decomposedE + u"me scarf"_s;
        draft.tags = {u"caf"_s + decomposedE, u"Caf\u00e9"_s + u" au lait"_s};
        QVERIFY2(validateListing(draft).isEmpty(), qPrintable(validateListing(draft).value(0).message));
        // 140 letters when composed, 280 UTF-16 units as written.
        draft.title = decomposedE.repeated(140);
        QVERIFY2(!hasErrors(validateListing(draft)), qPrintable(validateListing(draft).value(0).message));
        QCOMPARE(etsyText(draft.title).size(), 140);
        draft.title += u"e"_s;
        QCOMPARE(validateListing(draft).first().message, u"The title has 141 characters; Etsy allows 140."_s);
    }

    void refusedCharactersAreNamedNotPrinted()
    {
        ListingDraft draft = good();
        draft.title = u"Scarf\u200B \u0301blue \U0001F9E3"_s;
        const auto issues = validateListing(draft);
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().message,
                 u"The title contains U+200B ZERO WIDTH SPACE, U+0301 COMBINING ACUTE ACCENT, "
                 "U+1F9E3 (other symbol), which Etsy does not allow."_s);
        draft = good();
        draft.tags = {u"blue\u00ADscarf"_s};
        QCOMPARE(validateListing(draft).first().message,
                 u"A tag contains U+00AD SOFT HYPHEN, which Etsy does not allow in tags."_s);
    }

    void priceMessageSaysTheMaximum()
    {
        ListingDraft draft = good();
        draft.highestPrice = {5000001, u"USD"_s};
        QCOMPARE(validateListing(draft).first().message,
                 u"A price of 50000.01 USD is above Etsy's maximum of 50000.00 USD."_s);
    }
};

QTEST_GUILESS_MAIN(TestEtsyListingValidation)
#include "tst_etsylistingvalidation.moc"
