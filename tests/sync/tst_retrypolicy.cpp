#include "retrypolicy.h"

#include <QSet>
#include <QTest>

using namespace storeloom;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ceilingDoublesUpToTheMaximum()
    {
        const RetryPolicy policy(1000, 10000);
        QCOMPARE(policy.ceilingMs(1), 1000);
        QCOMPARE(policy.ceilingMs(2), 2000);
        QCOMPARE(policy.ceilingMs(3), 4000);
        QCOMPARE(policy.ceilingMs(4), 8000);
        QCOMPARE(policy.ceilingMs(5), 10000);
        QCOMPARE(policy.ceilingMs(500), 10000); // no overflow for absurd attempt counts
    }

    void delayIsJitteredWithinTheUpperHalf()
    {
        const RetryPolicy policy(1000, 60000);
        QRandomGenerator random(42);
        for (int attempt = 1; attempt <= 8; ++attempt) {
            QSet<qint64> seen;
            for (int i = 0; i < 200; ++i) {
                const qint64 delay = policy.delayMs(attempt, &random);
                QVERIFY(delay >= policy.ceilingMs(attempt) / 2);
                QVERIFY(delay <= policy.ceilingMs(attempt));
                seen.insert(delay);
            }
            // Workers that failed together must not all come back together.
            QVERIFY2(seen.size() > 50, qPrintable(QString::number(seen.size())));
        }
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
