// How money, times and progress are written on screen.

#include "displayformat.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>

using namespace storeloom;

class TestDisplayFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void money_data();
    void money();
    void priceRange();
    void followsTheLocale();
    void relativeTime();
    void progress();
};

void TestDisplayFormat::money_data()
{
    QTest::addColumn<qint64>("minorUnits");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");
    QTest::newRow("euro") << qint64(1250) << QStringLiteral("EUR") << QStringLiteral("12.50 EUR");
    QTest::newRow("cents") << qint64(5) << QStringLiteral("USD") << QStringLiteral("0.05 USD");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("GBP") << QStringLiteral("0.00 GBP");
    QTest::newRow("negative") << qint64(-1905) << QStringLiteral("EUR") << QStringLiteral("-19.05 EUR");
    QTest::newRow("yen") << qint64(1500) << QStringLiteral("JPY") << QStringLiteral("1500 JPY");
    QTest::newRow("dinar") << qint64(12345) << QStringLiteral("KWD") << QStringLiteral("12.345 KWD");
    QTest::newRow("no currency") << qint64(1250) << QString() << QStringLiteral("12.50");
    QTest::newRow("huge") << std::numeric_limits<qint64>::min() << QStringLiteral("EUR")
                          << QStringLiteral("-92233720368547758.08 EUR");
}

void TestDisplayFormat::money()
{
    QFETCH(qint64, minorUnits);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(DisplayFormat::money({minorUnits, currency}), expected);
}

void TestDisplayFormat::priceRange()
{
    const QString eur = QStringLiteral("EUR");
    QCOMPARE(DisplayFormat::priceRange({1250, eur}, {1900, eur}), QStringLiteral("12.50–19.00 EUR"));
    QCOMPARE(DisplayFormat::priceRange({1250, eur}, {1250, eur}), QStringLiteral("12.50 EUR"));
    QCOMPARE(DisplayFormat::priceRange({}, {}), QString());
    QCOMPARE(DisplayFormat::priceRange({100, QStringLiteral("JPY")}, {250, QStringLiteral("JPY")}),
             QStringLiteral("100–250 JPY"));
}

void TestDisplayFormat::followsTheLocale()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QString text = DisplayFormat::money({123456, QStringLiteral("EUR")});
    QLocale::setDefault(QLocale::c());
    QCOMPARE(text, QStringLiteral("1.234,56 EUR"));
}

void TestDisplayFormat::relativeTime()
{
    const qint64 now = QDateTime(QDate(2024, 5, 20), QTime(12, 0)).toMSecsSinceEpoch();
    const qint64 minute = 60 * 1000;
    QCOMPARE(DisplayFormat::relativeTime(now - 5000, now), QStringLiteral("just now"));
    QCOMPARE(DisplayFormat::relativeTime(now + 5000, now), QStringLiteral("just now"));
    QCOMPARE(DisplayFormat::relativeTime(now - 2 * minute, now), QStringLiteral("2 min ago"));
    QCOMPARE(DisplayFormat::relativeTime(now - 3 * 60 * minute, now), QStringLiteral("3 h ago"));
    QCOMPARE(DisplayFormat::relativeTime(now - 25 * 60 * minute, now), QStringLiteral("yesterday"));
    QCOMPARE(DisplayFormat::relativeTime(now - 4 * 24 * 60 * minute, now),
             QStringLiteral("4 days ago"));
    const qint64 longAgo = QDateTime(QDate(2024, 1, 2), QTime(9, 0)).toMSecsSinceEpoch();
    QCOMPARE(DisplayFormat::relativeTime(longAgo, now),
             QLocale().toString(QDate(2024, 1, 2), QLocale::ShortFormat));
    QCOMPARE(DisplayFormat::relativeTime(0, now), QString());
}

void TestDisplayFormat::progress()
{
    QCOMPARE(DisplayFormat::progress(0, 3), QStringLiteral("0/3"));
    QCOMPARE(DisplayFormat::progress(12, 40), QStringLiteral("12/40"));
}

QTEST_MAIN(TestDisplayFormat)
#include "tst_displayformat.moc"
