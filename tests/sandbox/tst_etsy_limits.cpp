// Etsy's rate limits against the sandbox: the four headers on every
// /v3/application answer, the sliding one-second window and the rolling
// day, 429 with retry-after, and refused requests costing nothing. The
// sandbox's clock is frozen, so "the same second" never depends on speed.
#include "etsytestclient.h"

#include <QTest>

using namespace storeloom::sandbox::etsy;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

class TestEtsyLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        EtsySandboxOptions options;
        options.perSecondLimit = 5;
        options.perDayLimit = 1000;
        m_sandbox = std::make_unique<EtsySandbox>(options);
        QVERIFY(m_sandbox->listen());
        m_sandbox->freezeClock();
        m_client = std::make_unique<EtsyTestClient>(*m_sandbox);
    }

    void everyAnswerCarriesTheHeaders()
    {
        const auto ok = m_client->get(u"/users/me"_s);
        QCOMPARE(ok.header("x-limit-per-second"), QByteArray("5"));
        QCOMPARE(ok.header("x-remaining-this-second"), QByteArray("4"));
        QCOMPARE(ok.header("x-limit-per-day"), QByteArray("1000"));
        QCOMPARE(ok.header("x-remaining-today"), QByteArray("999"));
        m_client->setAccessToken(u"4242.bogus"_s);
        const auto unauthorized = m_client->get(u"/users/me"_s);
        QCOMPARE(unauthorized.status, 401);
        QCOMPARE(unauthorized.header("x-remaining-today"), QByteArray("998"));
        const auto notFound = m_client->get(u"/no/such/thing"_s);
        QCOMPARE(notFound.status, 404);
        QVERIFY(!notFound.header("x-remaining-this-second").isEmpty());
    }

    void perSecondWindowRefusesTheSixth()
    {
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_client->get(u"/users/me"_s).status, 200);
        const auto refused = m_client->get(u"/users/me"_s);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorMessage(), u"Too many requests"_s);
        QCOMPARE(refused.header("retry-after"), QByteArray("1"));
        QCOMPARE(refused.header("x-remaining-this-second"), QByteArray("0"));
        QCOMPARE(refused.header("x-remaining-today"), QByteArray("995")); // the 429 cost nothing
        const EtsyCounters counters = m_sandbox->counters();
        QCOMPARE(counters.throttled, 1);
        QCOMPARE(counters.operations.value(u"getMe"_s).throttled, 1);
        QCOMPARE(counters.operations.value(u"getMe"_s).requests, 6);

        m_sandbox->advanceClock(999);
        QCOMPARE(m_client->get(u"/users/me"_s).status, 429);
        m_sandbox->advanceClock(1);
        QCOMPARE(m_client->get(u"/users/me"_s).status, 200);
    }

    void windowSlides()
    {
        QCOMPARE(m_client->get(u"/users/me"_s).status, 200);
        m_sandbox->advanceClock(600);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(m_client->get(u"/users/me"_s).status, 200);
        QCOMPARE(m_client->get(u"/users/me"_s).status, 429);
        m_sandbox->advanceClock(400); // the first request leaves the window
        const auto reply = m_client->get(u"/users/me"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("x-remaining-this-second"), QByteArray("0"));
    }

    void dayBudgetRunsOut()
    {
        m_sandbox->setRemainingToday(2);
        QCOMPARE(m_client->get(u"/users/me"_s).header("x-remaining-today"), QByteArray("1"));
        QCOMPARE(m_client->get(u"/users/me"_s).header("x-remaining-today"), QByteArray("0"));
        m_sandbox->advanceClock(5000); // a new second does not help
        const auto refused = m_client->get(u"/users/me"_s);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.header("x-remaining-today"), QByteArray("0"));
        const int retryAfter = refused.header("retry-after").toInt();
        QVERIFY(retryAfter > 3600);
        QVERIFY(retryAfter <= 24 * 3600);

        m_sandbox->advanceClock(qint64(retryAfter) * 1000);
        m_client->setAccessToken(m_sandbox->issueTokens().accessToken); // a day later the old one has expired
        QCOMPARE(m_client->get(u"/users/me"_s).status, 200);
    }

    void tokenEndpointIsNotCounted()
    {
        const EtsySandbox::Tokens tokens = m_sandbox->issueTokens();
        for (int i = 0; i < 3; ++i)
            m_client->postForm(m_sandbox->tokenUrl(), {{u"grant_type"_s, u"refresh_token"_s},
                                                       {u"client_id"_s, u"sandboxkeystring"_s},
                                                       {u"refresh_token"_s, tokens.refreshToken}});
        QCOMPARE(m_client->get(u"/users/me"_s).header("x-remaining-today"), QByteArray("999"));
    }

private:
    std::unique_ptr<EtsySandbox> m_sandbox;
    std::unique_ptr<EtsyTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestEtsyLimits)
#include "tst_etsy_limits.moc"
