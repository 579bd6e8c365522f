// The plan a merchant confirms: counts, cost against the daily budget, the
// summary line, excluding products, and its JSON (kept with the run).
#include "publishplan.h"
#include "testprinting.h"

#include <QJsonArray>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;
using Action = PlanEntry::Action;
using Severity = ChannelIssue::Severity;

namespace {

PlanEntry entry(qint64 productId, Action action, int apiCalls,
                const QList<ChannelIssue> &issues = {})
{
    PlanEntry e;
    e.productId = productId;
    e.title = u"Product %1"_s.arg(productId);
    e.action = action;
    e.apiCalls = apiCalls;
    e.issues = issues;
    e.listingHash = u"hash-%1"_s.arg(productId);
    if (action == Action::Update || action == Action::Unchanged)
        e.externalId = u"L-%1"_s.arg(productId);
    return e;
}

ChannelIssue issue(Severity severity, const QString &field, const QString &message,
                   const QString &fixHint)
{
    ChannelIssue i;
    i.severity = severity;
    i.field = field;
    i.message = message;
    i.fixHint = fixHint;
    return i;
}

// 2 create (3 calls each), 1 update (2), 3 unchanged, 1 invalid: 8 calls.
PublishPlan samplePlan()
{
    PublishPlan plan;
    plan.connectionId = 7;
    plan.channelName = u"Acme on Etsy"_s;
    plan.entries = {
        entry(1, Action::Create, 3),
        entry(2, Action::Update, 2,
              {issue(Severity::Warning, u"tags"_s, u"Only 13 tags are kept."_s, u"Drop some."_s)}),
        entry(3, Action::Unchanged, 0),
        entry(4, Action::Create, 3),
        entry(5, Action::Invalid, 0,
              {issue(Severity::Error, u"price"_s, u"Etsy needs a price of at least 0.20."_s,
                     u"Raise the price."_s),
               issue(Severity::Warning, u"images"_s, u"No image."_s, QString())}),
        entry(6, Action::Unchanged, 0),
        entry(7, Action::Unchanged, 0),
    };
    return plan;
}

void compareEntries(const QList<PlanEntry> &actual, const QList<PlanEntry> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const PlanEntry &a = actual.at(i);
        const PlanEntry &e = expected.at(i);
        QCOMPARE(a.productId, e.productId);
        QCOMPARE(a.title, e.title);
        QCOMPARE(a.action, e.action);
        QCOMPARE(a.issues, e.issues);
        QCOMPARE(a.listingHash, e.listingHash);
        QCOMPARE(a.externalId, e.externalId);
        QCOMPARE(a.apiCalls, e.apiCalls);
    }
}

} // namespace

class TestPublishPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsAndCalls()
    {
        const PublishPlan plan = samplePlan();
        QCOMPARE(plan.count(Action::Create), 2);
        QCOMPARE(plan.count(Action::Update), 1);
        QCOMPARE(plan.count(Action::Unchanged), 3);
        QCOMPARE(plan.count(Action::Invalid), 1);
        QCOMPARE(plan.apiCalls(), 8);
        QCOMPARE(PublishPlan().apiCalls(), 0);
        QCOMPARE(PublishPlan().count(Action::Create), 0);
    }

    void hasErrorsOnlyForErrors()
    {
        const PublishPlan plan = samplePlan();
        QVERIFY(!plan.entries.at(0).hasErrors()); // no issue
        QVERIFY(!plan.entries.at(1).hasErrors()); // a warning only
        QVERIFY(plan.entries.at(4).hasErrors());
    }

    void actionNames()
    {
        QCOMPARE(nameOf(Action::Create), u"create"_s);
        QCOMPARE(nameOf(Action::Update), u"update"_s);
        QCOMPARE(nameOf(Action::Unchanged), u"unchanged"_s);
        QCOMPARE(nameOf(Action::Invalid), u"invalid"_s);
    }

    void summaryText()
    {
        QCOMPARE(samplePlan().summary(),
                 u"Create 2 · Update 1 · Unchanged 3 (skipped) · Cannot publish 1"_s);
        QCOMPARE(PublishPlan().summary(),
                 u"Create 0 · Update 0 · Unchanged 0 (skipped) · Cannot publish 0"_s);
    }

    void dailyBudget()
    {
        PublishPlan plan = samplePlan(); // 8 calls
        QVERIFY(!plan.exceedsDailyBudget()); // unknown budget: never exceeded
        plan.remainingToday = 8;
        QVERIFY(!plan.exceedsDailyBudget());
        plan.remainingToday = 7;
        QVERIFY(plan.exceedsDailyBudget());
        plan.remainingToday = 0;
        QVERIFY(plan.exceedsDailyBudget());
        QVERIFY(!PublishPlan(plan).without({1, 2, 4}).exceedsDailyBudget());
    }

    void withoutExcludedProducts()
    {
        PublishPlan plan = samplePlan();
        plan.remainingToday = 5;
        plan.limitPerDay = 10000;
        const PublishPlan smaller = plan.without({1, 5, 42});
        QCOMPARE(smaller.entries.size(), 5);
        QList<qint64> ids;
        for (const PlanEntry &e : smaller.entries)
            ids.append(e.productId);
        QCOMPARE(ids, (QList<qint64>{2, 3, 4, 6, 7}));
        QCOMPARE(smaller.count(Action::Create), 1);
        QCOMPARE(smaller.count(Action::Invalid), 0);
        QCOMPARE(smaller.apiCalls(), 5);
        QVERIFY(!smaller.exceedsDailyBudget());
        QCOMPARE(smaller.connectionId, plan.connectionId);
        QCOMPARE(smaller.channelName, plan.channelName);
        QCOMPARE(smaller.remainingToday, plan.remainingToday);
        QCOMPARE(smaller.limitPerDay, plan.limitPerDay);
        QCOMPARE(plan.entries.size(), 7); // the original is left as it was
        QCOMPARE(plan.without({}).entries.size(), 7);
    }

    void jsonRoundTrip()
    {
        PublishPlan plan = samplePlan();
        plan.remainingToday = 4321;
        plan.limitPerDay = 10000;
        const QJsonObject json = plan.toJson();
        QCOMPARE(json.value(u"create"_s).toInt(), 2);
        QCOMPARE(json.value(u"update"_s).toInt(), 1);
        QCOMPARE(json.value(u"unchanged"_s).toInt(), 3);
        QCOMPARE(json.value(u"invalid"_s).toInt(), 1);
        QCOMPARE(json.value(u"apiCalls"_s).toInteger(), 8);
        QCOMPARE(json.value(u"entries"_s).toArray().size(), 7);

        const PublishPlan back = PublishPlan::fromJson(json);
        QCOMPARE(back.connectionId, 7);
        QCOMPARE(back.channelName, u"Acme on Etsy"_s);
        QCOMPARE(back.remainingToday, std::optional<qint64>(4321));
        QCOMPARE(back.limitPerDay, std::optional<qint64>(10000));
        compareEntries(back.entries, plan.entries);
        QCOMPARE(back.entries.at(4).issues.size(), 2);
        QCOMPARE(back.entries.at(4).issues.at(0).severity, Severity::Error);
        QCOMPARE(back.entries.at(4).issues.at(1).severity, Severity::Warning);
        QCOMPARE(back.entries.at(4).issues.at(0).fixHint, u"Raise the price."_s);
        QCOMPARE(back.summary(), plan.summary());
        QCOMPARE(back.toJson(), json);
    }

    void notOfferedAreCountedByReasonAndKeptInJson()
    {
        PublishPlan plan = samplePlan();
        const QString before = plan.summary();
        QVERIFY(plan.notOfferedSummary().isEmpty());
        plan.notOffered = {{40, u"Old draft"_s, NotOfferedReason::Draft},
                           {41, u"Gone mug"_s, NotOfferedReason::Gone},
                           {42, u"Other draft"_s, NotOfferedReason::Draft}};
        QCOMPARE(plan.summary(), before + u" · Not offered 3"_s);
        QCOMPARE(plan.notOfferedSummary(), u"Not offered 3: 2 draft · 1 gone from the store"_s);
        const QJsonObject json = plan.toJson();
        const QJsonObject counts = json.value(u"notOfferedCounts"_s).toObject();
        QCOMPARE(counts.value(u"draft"_s).toInt(), 2);
        QCOMPARE(counts.value(u"archived"_s).toInt(), 0);
        QCOMPARE(counts.value(u"gone"_s).toInt(), 1);
        QCOMPARE(json.value(u"notOffered"_s).toArray().at(1).toObject().value(u"reason"_s),
                 QJsonValue(u"gone"_s));
        const PublishPlan back = PublishPlan::fromJson(json);
        QCOMPARE(back.notOffered, plan.notOffered);
        QCOMPARE(back.toJson(), json);
        QCOMPARE(plan.apiCalls(), samplePlan().apiCalls()); // never sent: they cost nothing
    }

    void priceChangeIsShownAndKept()
    {
        PublishPlan plan = samplePlan();
        plan.entries[0].priceBefore = Money{1000, u"EUR"_s};
        plan.entries[0].priceAfter = Money{1099, u"USD"_s};
        QCOMPARE(plan.entries[0].priceChange(), u"10.00 EUR → 10.99 USD"_s);
        QCOMPARE(plan.entries[1].priceChange(), QString());
        const QJsonObject json = plan.toJson();
        const QJsonObject first = json[u"entries"_s][0].toObject();
        QCOMPARE(first[u"priceChange"_s].toString(), u"10.00 EUR → 10.99 USD"_s);
        QCOMPARE(first[u"priceAfter"_s][u"minorUnits"_s].toInteger(), 1099);
        QVERIFY(!json[u"entries"_s][1].toObject().contains(u"priceChange"_s));
        const PublishPlan back = PublishPlan::fromJson(json);
        QCOMPARE(back.entries[0].priceBefore, plan.entries[0].priceBefore);
        QCOMPARE(back.entries[0].priceAfter, plan.entries[0].priceAfter);
        QVERIFY(!back.entries[1].priceAfter);
    }

    void jsonWithoutBudget()
    {
        const PublishPlan plan = samplePlan();
        const QJsonObject json = plan.toJson();
        QVERIFY(!json.contains(u"remainingToday"_s));
        QVERIFY(!json.contains(u"limitPerDay"_s));
        const PublishPlan back = PublishPlan::fromJson(json);
        QVERIFY(!back.remainingToday);
        QVERIFY(!back.limitPerDay);
        QVERIFY(!back.exceedsDailyBudget());
        compareEntries(back.entries, plan.entries);
    }

    void jsonKeepsLargeIdsAndAZeroBudget()
    {
        PublishPlan plan;
        plan.connectionId = (qint64(1) << 40) + 3;
        plan.remainingToday = 0;
        plan.entries = {entry((qint64(1) << 41) + 5, Action::Create, 1)};
        const PublishPlan back = PublishPlan::fromJson(plan.toJson());
        QCOMPARE(back.connectionId, plan.connectionId);
        QCOMPARE(back.entries.value(0).productId, plan.entries.at(0).productId);
        QCOMPARE(back.remainingToday, std::optional<qint64>(0));
        QVERIFY(back.exceedsDailyBudget());
    }

    void unknownActionReadsAsInvalid()
    {
        QJsonObject json = samplePlan().toJson();
        QJsonArray entries = json.value(u"entries"_s).toArray();
        QJsonObject first = entries.at(0).toObject();
        first.insert(u"action"_s, u"delete"_s);
        entries.replace(0, first);
        json.insert(u"entries"_s, entries);
        QCOMPARE(PublishPlan::fromJson(json).entries.at(0).action, Action::Invalid);
        QVERIFY(PublishPlan::fromJson(QJsonObject()).entries.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPublishPlan)
#include "tst_publishplan.moc"
