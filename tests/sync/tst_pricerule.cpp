#include "channelpricing.h"
#include "pricerule.h"

#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

namespace {

PriceRule ruleFrom(const QString &spec)
{
    QString error;
    const auto rule = PriceRule::fromSpec(spec, &error);
    if (!rule)
        qFatal("%s", qPrintable(error));
    return *rule;
}

qint64 applied(const QString &spec, const Money &price)
{
    const auto result = ruleFrom(spec).apply(price);
    return result ? result->price.minorUnits : -1;
}

} // namespace

class TestPriceRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rateIsExactAndRoundsHalfUp();
    void precisionFollowsEachCurrency();
    void rounding_data();
    void rounding();
    void markupAndMarkdown();
    void markdownFloorsAtTheSmallestPrice();
    void wrongSourceCurrencyIsAnError();
    void specRoundTripsThroughStorage();
    void badSpecsAreRefused();
    void mismatchWithoutRuleIsRefused();
    void ruleConvertsEveryVariantAndShowsOldAndNew();
};

void TestPriceRule::rateIsExactAndRoundsHalfUp()
{
    // 10.00 EUR × 1.0842 = 10.842 → 10.84; 10.05 × 1.0842 = 10.89621 → 10.90.
    QCOMPARE(applied(u"from=EUR to=USD rate=1.0842"_s, {1000, u"EUR"_s}), 1084);
    QCOMPARE(applied(u"from=EUR to=USD rate=1.0842"_s, {1005, u"EUR"_s}), 1090);
    // Exactly half a cent rounds up: 0.01 × 1.5 = 0.015 → 0.02.
    QCOMPARE(applied(u"from=EUR to=USD rate=1.5"_s, {1, u"EUR"_s}), 2);
    // A rate a double cannot hold (0.1 + 0.2) is applied exactly: 50,000.00 × 0.3.
    QCOMPARE(applied(u"from=EUR to=USD rate=0.3"_s, {5000000, u"EUR"_s}), 1500000);
    // No overflow: the largest catalog prices with a long rate.
    QCOMPARE(applied(u"from=EUR to=USD rate=123456.123456789"_s, {1000000000000, u"EUR"_s}),
             qint64(123456123456789000));
}

void TestPriceRule::precisionFollowsEachCurrency()
{
    // JPY has no minor unit: 10.00 EUR at 162.4567 is 1624.567 → 1625 yen.
    QCOMPARE(applied(u"from=EUR to=JPY rate=162.4567"_s, {1000, u"EUR"_s}), 1625);
    // And back: 1625 yen at 0.0061 is 9.9125 EUR → 9.91.
    QCOMPARE(applied(u"from=JPY to=EUR rate=0.0061"_s, {1625, u"JPY"_s}), 991);
    // KWD has three decimals: 10.00 USD at 0.3075 = 3.075 KWD.
    QCOMPARE(applied(u"from=USD to=KWD rate=0.3075"_s, {1000, u"USD"_s}), 3075);
    QCOMPARE(moneyText({1625, u"JPY"_s}), u"1625 JPY"_s);
    QCOMPARE(moneyText({3075, u"KWD"_s}), u"3.075 KWD"_s);
    QCOMPARE(moneyText({5, u"USD"_s}), u"0.05 USD"_s);
}

void TestPriceRule::rounding_data()
{
    QTest::addColumn<QString>("round");
    QTest::addColumn<qint64>("price");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("none") << u"none"_s << qint64(1042) << qint64(1042);
    QTest::newRow(".99 from a whole price") << u".99"_s << qint64(1000) << qint64(1099);
    QTest::newRow(".99 stays") << u".99"_s << qint64(1099) << qint64(1099);
    QTest::newRow(".99 from .98") << u"0.99"_s << qint64(1098) << qint64(1099);
    QTest::newRow(".95 stays") << u".95"_s << qint64(1095) << qint64(1095);
    QTest::newRow(".95 from .94") << u".95"_s << qint64(1094) << qint64(1095);
    QTest::newRow(".95 from .96 goes to the next") << u".95"_s << qint64(1096) << qint64(1195);
    QTest::newRow("whole just below half") << u"whole"_s << qint64(1049) << qint64(1000);
    QTest::newRow("whole at half") << u"whole"_s << qint64(1050) << qint64(1100);
    QTest::newRow("whole stays") << u"whole"_s << qint64(1100) << qint64(1100);
}

void TestPriceRule::rounding()
{
    QFETCH(QString, round);
    QFETCH(qint64, price);
    QFETCH(qint64, expected);
    QCOMPARE(applied(u"from=USD to=USD rate=1 round="_s + round, {price, u"USD"_s}), expected);
}

void TestPriceRule::markupAndMarkdown()
{
    // Convert, then the percentage, then the fixed amount, then round.
    QCOMPARE(applied(u"from=EUR to=USD rate=1.0842 adjust=+10%"_s, {1000, u"EUR"_s}), 1192);
    QCOMPARE(applied(u"from=EUR to=USD rate=1.0842 adjust=+10% round=.99"_s, {1000, u"EUR"_s}),
             1199);
    QCOMPARE(applied(u"from=EUR to=USD rate=1 adjust=-12.5%"_s, {1000, u"EUR"_s}), 875);
    QCOMPARE(applied(u"from=EUR to=USD rate=1 adjust=-0.50"_s, {1000, u"EUR"_s}), 950);
    QCOMPARE(applied(u"from=EUR to=USD rate=1 adjust=+2"_s, {1000, u"EUR"_s}), 1200);
    // A percentage alone needs no currencies.
    QCOMPARE(applied(u"adjust=+20%"_s, {1000, u"GBP"_s}), 1200);
    // .99 on a currency without cents leaves the yen as they are.
    QCOMPARE(applied(u"from=EUR to=JPY rate=100 round=.99"_s, {1000, u"EUR"_s}), 1000);
}

void TestPriceRule::markdownFloorsAtTheSmallestPrice()
{
    const PriceRule rule = ruleFrom(u"from=EUR to=USD rate=1 adjust=-10.00"_s);
    auto result = rule.apply({1001, u"EUR"_s});
    QCOMPARE(result->price.minorUnits, 1); // 0.01 left: just above the floor
    QVERIFY(!result->floored);
    result = rule.apply({1000, u"EUR"_s});
    QCOMPARE(result->price.minorUnits, 1); // 0.00 is raised to the smallest price
    QVERIFY(result->floored);
    result = ruleFrom(u"adjust=-100%"_s).apply({1000, u"EUR"_s});
    QCOMPARE(result->price, (Money{1, u"EUR"_s}));
    QVERIFY(result->floored);
}

void TestPriceRule::wrongSourceCurrencyIsAnError()
{
    QString error;
    QVERIFY(!ruleFrom(u"from=EUR to=USD rate=1.0842"_s).apply({1000, u"GBP"_s}, &error));
    QCOMPARE(error, u"The price rule converts from EUR, but the prices are in GBP."_s);
}

void TestPriceRule::specRoundTripsThroughStorage()
{
    const PriceRule rule = ruleFrom(u"from=eur, to=usd, rate=1.0842, adjust=-0.50, round=.95"_s);
    QCOMPARE(rule.rate, (Decimal{10842, 4}));
    QCOMPARE(rule.amountMinorUnits, -50);
    const QJsonObject json = rule.toJson();
    QCOMPARE(json[u"rate"_s].toString(), u"1.0842"_s); // stored as typed, not as a double
    QCOMPARE(json[u"amount"_s].toString(), u"-0.50"_s);
    QCOMPARE(PriceRule::fromJson(json), rule);
    QCOMPARE(rule.spec(), u"from=EUR to=USD rate=1.0842 adjust=-0.50 round=.95"_s);
    QCOMPARE(ruleFrom(u"from=EUR to=USD rate=0.005 adjust=+7.5%"_s).spec(),
             u"from=EUR to=USD rate=0.005 adjust=+7.5% round=none"_s.remove(u" round=none"_s));
}

void TestPriceRule::badSpecsAreRefused()
{
    QString error;
    for (const QString &spec :
         {u"from=EUR to=USD rate=0"_s, u"from=EUR to=USD rate=1,08"_s, u"rate=1.1"_s,
          u"from=EUR to=USD rate=abc"_s, u"from=EUR to=JPY rate=100 adjust=-0.5"_s,
          u"from=EUR to=USD round=.90"_s, u"colour=red"_s, u"from=EURO to=USD rate=1"_s}) {
        error.clear();
        QVERIFY2(!PriceRule::fromSpec(spec, &error), qPrintable(spec));
        QVERIFY(!error.isEmpty());
    }
}

namespace {

PublishableProduct productPriced(std::initializer_list<qint64> prices, const QString &currency)
{
    PublishableProduct product;
    for (qint64 price : prices) {
        Variant variant;
        variant.id = price;
        variant.price = {price, currency};
        product.product.variants.append(variant);
    }
    return product;
}

} // namespace

void TestPriceRule::mismatchWithoutRuleIsRefused()
{
    PublishableProduct product = productPriced({1000}, u"EUR"_s);
    const QJsonObject settings{{pricingkeys::channelCurrency, u"USD"_s}};
    const ChannelPricing pricing = priceForChannel(product, settings, u"the Etsy shop"_s);
    QCOMPARE(pricing.issues.size(), 1);
    QCOMPARE(pricing.issues.first().severity, ChannelIssue::Severity::Error);
    QCOMPARE(pricing.issues.first().message,
             u"Prices are in EUR, the Etsy shop sells in USD: set a price rule for this channel."_s);
    QCOMPARE(product.product.variants.first().price, (Money{1000, u"EUR"_s})); // untouched
    // The same currency needs no rule.
    PublishableProduct dollars = productPriced({1000}, u"USD"_s);
    QVERIFY(priceForChannel(dollars, settings, u"the Etsy shop"_s).issues.isEmpty());
}

void TestPriceRule::ruleConvertsEveryVariantAndShowsOldAndNew()
{
    PublishableProduct product = productPriced({2000, 1000}, u"EUR"_s);
    const QJsonObject settings{
        {pricingkeys::channelCurrency, u"USD"_s},
        {pricingkeys::priceRule, ruleFrom(u"from=EUR to=USD rate=1.0842 round=.99"_s).toJson()}};
    const ChannelPricing pricing = priceForChannel(product, settings, u"the Etsy shop"_s);
    QVERIFY(pricing.issues.isEmpty());
    QCOMPARE(product.product.variants.at(0).price, (Money{2199, u"USD"_s}));
    QCOMPARE(product.product.variants.at(1).price, (Money{1099, u"USD"_s}));
    QCOMPARE(pricing.before, (Money{1000, u"EUR"_s})); // the lowest, before and after
    QCOMPARE(pricing.after, (Money{1099, u"USD"_s}));
    // A rule into another currency than the shop's is refused.
    PublishableProduct other = productPriced({1000}, u"EUR"_s);
    const QJsonObject pounds{{pricingkeys::channelCurrency, u"GBP"_s},
                             {pricingkeys::priceRule, settings[pricingkeys::priceRule]}};
    const ChannelPricing refused = priceForChannel(other, pounds, u"the Etsy shop"_s);
    QCOMPARE(refused.issues.size(), 1);
    QCOMPARE(refused.issues.first().message,
             u"The price rule gives prices in USD, the Etsy shop sells in GBP."_s);
}

QTEST_GUILESS_MAIN(TestPriceRule)
#include "tst_pricerule.moc"
