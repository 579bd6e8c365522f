#include "secretscrubber.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QRandomGenerator>
#include <QTest>
#include <thread>
#include <vector>

using namespace storeloom;

namespace {

Q_LOGGING_CATEGORY(lcScrubberTest, "storeloom.test.scrubber", QtDebugMsg)

// The handler beneath the scrubber: it records what would reach the log.
QMutex capturedMutex;
QStringList captured;

void captureHandler(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&capturedMutex);
    captured << message;
}

QStringList takeCaptured()
{
    QMutexLocker lock(&capturedMutex);
    return std::exchange(captured, {});
}

QString randomToken(const char *prefix)
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QString::fromLatin1(prefix) + QString::fromLatin1(bytes.toHex());
}

bool anyContains(const QStringList &messages, const QString &needle)
{
    return std::any_of(messages.cbegin(), messages.cend(),
                       [&](const QString &m) { return m.contains(needle); });
}

} // namespace

class TestSecretScrubber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_previous = qInstallMessageHandler(captureHandler);
        SecretScrubber::install();
        SecretScrubber::install(); // a second call must not wrap the scrubber twice
    }
    void cleanupTestCase() { qInstallMessageHandler(m_previous); }
    void init() { takeCaptured(); }

    void registeredTokenNeverReachesTheLog()
    {
        const QString token = randomToken("shpat_");
        SecretScrubber::registerSecret(token);
        qDebug() << "token is" << token;
        qWarning("Authorization: Bearer %s", qPrintable(token));
        qCInfo(lcScrubberTest).noquote() << "refresh with" << token << "failed";
        qCritical() << token.toUtf8();

        const QStringList messages = takeCaptured();
        QCOMPARE(messages.size(), 4);
        for (const QString &message : messages) {
            QVERIFY2(!message.contains(token), qPrintable(message));
            QVERIFY2(message.contains(QLatin1String("[redacted]")), qPrintable(message));
        }
        QVERIFY(messages.at(1).startsWith(QLatin1String("Authorization: Bearer [redacted]")));
    }

    void encodedFormsAreRedacted()
    {
        const QByteArray token = "etsy+key/" + randomToken("").toLatin1() + " =";
        SecretScrubber::registerSecret(token);
        const QString percent = QString::fromLatin1(token.toPercentEncoding());
        const QString base64 = QString::fromLatin1(token.toBase64());
        const QString base64Url = QString::fromLatin1(
            token.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        qDebug().noquote() << QStringLiteral("GET /v3?api_key=") + percent;
        qDebug().noquote() << "basic" << base64 << "url" << base64Url;

        const QStringList messages = takeCaptured();
        QCOMPARE(messages.size(), 2);
        for (const QString &form : {QString::fromLatin1(token), percent, base64, base64Url})
            QVERIFY2(!anyContains(messages, form), qPrintable(form));
        QCOMPARE(messages.at(0), QStringLiteral("GET /v3?api_key=[redacted]"));
        QCOMPARE(messages.at(1), QStringLiteral("basic [redacted] url [redacted]"));
    }

    void binarySecretIsRedactedInBase64()
    {
        const QByteArray secret("\x01\xff\xfe binary \x80 key\x00\x7f", 18);
        SecretScrubber::registerSecret(secret);
        const QString text = QStringLiteral("blob=") + QString::fromLatin1(secret.toBase64());
        QCOMPARE(SecretScrubber::scrub(text), QStringLiteral("blob=[redacted]"));
    }

    void overlappingSecretsAreFullyRedacted()
    {
        SecretScrubber::registerSecret(QStringLiteral("abcdefgh12345678"));
        SecretScrubber::registerSecret(QStringLiteral("abcdefgh12345678-extended"));
        QCOMPARE(SecretScrubber::scrub(QStringLiteral("a abcdefgh12345678-extended b "
                                                      "abcdefgh12345678 c abcdefgh12345678")),
                 QStringLiteral("a [redacted] b [redacted] c [redacted]"));
    }

    void shortStringsAreNotRedacted()
    {
        SecretScrubber::registerSecret(QStringLiteral("1234567"));
        SecretScrubber::registerSecret(QByteArray("shipped"));
        const QString text = QStringLiteral("order 1234567 shipped");
        QCOMPARE(SecretScrubber::scrub(text), text);
        qInfo("%s", qPrintable(text));
        QCOMPARE(takeCaptured(), QStringList{text});
    }

    void forgottenSecretIsNoLongerRedacted()
    {
        const QString token = randomToken("forget_");
        SecretScrubber::registerSecret(token);
        QCOMPARE(SecretScrubber::scrub(token), QStringLiteral("[redacted]"));
        SecretScrubber::forget(token);
        QCOMPARE(SecretScrubber::scrub(token), token);
    }

    void concurrentLoggingIsSafe()
    {
        const QString token = randomToken("concurrent_");
        SecretScrubber::registerSecret(token);
        constexpr int threads = 4;
        constexpr int perThread = 500;
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&token, t] {
                for (int i = 0; i < perThread; ++i)
                    qDebug().noquote() << "worker" << t << "message" << i << "token" << token;
            });
        }
        // Registering and forgetting other secrets meanwhile rebuilds the patterns.
        workers.emplace_back([] {
            for (int i = 0; i < 200; ++i) {
                const QString other = randomToken("churn_");
                SecretScrubber::registerSecret(other);
                qWarning().noquote() << "churn" << other;
                SecretScrubber::forget(other);
            }
        });
        for (std::thread &worker : workers)
            worker.join();

        const QStringList messages = takeCaptured();
        QCOMPARE(messages.size(), threads * perThread + 200);
        QVERIFY(!anyContains(messages, token));
        QVERIFY(!anyContains(messages, QStringLiteral("churn_")));
        QCOMPARE(messages.count(QStringLiteral("churn [redacted]")), 200);
    }

private:
    QtMessageHandler m_previous = nullptr;
};

QTEST_GUILESS_MAIN(TestSecretScrubber)
#include "tst_secretscrubber.moc"
