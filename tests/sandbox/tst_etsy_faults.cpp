// Faults on the wire from the Etsy sandbox, above all "the request was
// carried out but the reply was lost" — what exactly-once publishing has
// to survive — plus plain failures, hang-ups, slow and malformed replies.
#include "etsytestclient.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

using namespace storeloom::sandbox::etsy;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

namespace {

const QString kCreatePath = u"/v3/application/shops/*/listings"_s;

struct RawExchange
{
    QByteArray received;
    bool closed = false;
};

} // namespace

class TestEtsyFaults : public QObject
{
    Q_OBJECT

private:
    // One createDraftListing on a socket of its own, so that nothing (like
    // a client library resending) stands between the test and the wire.
    RawExchange rawCreate()
    {
        const QByteArray body = EtsyTestClient::encodeForm(m_client->listingForm());
        const QByteArray token = m_sandbox->issueTokens().accessToken.toUtf8();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_sandbox->url().port()));
        if (!socket.waitForConnected(10'000))
            return {};
        socket.write("POST /v3/application/shops/90210/listings HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     "x-api-key: " + m_sandbox->apiKey().toUtf8() + "\r\nAuthorization: Bearer " + token +
                     "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        RawExchange exchange;
        while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(10'000))
            exchange.received += socket.readAll();
        exchange.received += socket.readAll();
        exchange.closed = socket.state() != QAbstractSocket::ConnectedState;
        return exchange;
    }

private Q_SLOTS:
    void init()
    {
        EtsySandboxOptions options;
        options.perSecondLimit = 100000;
        m_sandbox = std::make_unique<EtsySandbox>(options);
        QVERIFY(m_sandbox->listen());
        m_client = std::make_unique<EtsyTestClient>(*m_sandbox);
    }

    void commitThenHangUp()
    {
        m_sandbox->commitThenLoseReply("POST", kCreatePath);
        const RawExchange lost = rawCreate();
        QVERIFY(lost.closed);
        QCOMPARE(lost.received, QByteArray()); // not a byte of an answer
        // The listing exists all the same, exactly once.
        QCOMPARE(m_sandbox->listings().size(), 1);
        QCOMPARE(m_sandbox->counters().operations.value(u"createDraftListing"_s).created, 1);
        QCOMPARE(m_sandbox->counters().faultsInjected, 1);
        // The fault is used up: the next create is answered.
        QVERIFY(rawCreate().received.startsWith("HTTP/1.1 201 Created"));
        QCOMPARE(m_sandbox->listings().size(), 2);
    }

    void qnamClientSeesAnErrorAfterEveryAttemptIsLost()
    {
        // Qt 6.4's QNetworkAccessManager quietly sends a POST again when the
        // connection closes before an answer; each attempt here commits.
        m_sandbox->commitThenLoseReply("POST", kCreatePath, 0, 10);
        const auto lost = m_client->form("POST", u"/shops/90210/listings"_s, m_client->listingForm());
        QCOMPARE(lost.status, 0);
        QVERIFY(lost.error != QNetworkReply::NoError);
        const qint64 attempts = m_sandbox->counters().operations.value(u"createDraftListing"_s).requests;
        QVERIFY(attempts >= 1);
        QCOMPARE(m_sandbox->listings().size(), attempts);
    }

    void commitThenAnswer502()
    {
        m_sandbox->commitThenLoseReply("POST", kCreatePath, 502);
        const auto reply = m_client->form("POST", u"/shops/90210/listings"_s, m_client->listingForm());
        QCOMPARE(reply.status, 502);
        QCOMPARE(reply.errorMessage(), u"Bad Gateway"_s);
        QCOMPARE(m_sandbox->listings().size(), 1);
    }

    void commitThenLoseTheRotatedRefreshToken()
    {
        // The refresh happened, the old token is spent, and the new one never arrived.
        const EtsySandbox::Tokens tokens = m_sandbox->issueTokens();
        m_sandbox->commitThenLoseReply("POST", u"/v3/public/oauth/token"_s, 502);
        const QList<QPair<QString, QString>> refresh{{u"grant_type"_s, u"refresh_token"_s},
                                                     {u"client_id"_s, u"sandboxkeystring"_s},
                                                     {u"refresh_token"_s, tokens.refreshToken}};
        QCOMPARE(m_client->postForm(m_sandbox->tokenUrl(), refresh).status, 502);
        const auto retry = m_client->postForm(m_sandbox->tokenUrl(), refresh);
        QCOMPARE(retry.status, 400);
        QCOMPARE(retry.json()[u"error"_s].toString(), u"invalid_grant"_s);
    }

    void failNextIsNotCarriedOut()
    {
        m_sandbox->failNext("POST", kCreatePath, 503, 2);
        for (int i = 0; i < 2; ++i) {
            const auto reply = m_client->form("POST", u"/shops/90210/listings"_s, m_client->listingForm());
            QCOMPARE(reply.status, 503);
            QCOMPARE(reply.errorMessage(), u"Service Unavailable"_s);
        }
        QVERIFY(m_sandbox->listings().isEmpty());
        QCOMPARE(m_client->form("POST", u"/shops/90210/listings"_s, m_client->listingForm()).status, 201);
    }

    void dropIsNotCarriedOut()
    {
        m_sandbox->dropNext("POST", kCreatePath);
        const RawExchange dropped = rawCreate();
        QVERIFY(dropped.closed);
        QCOMPARE(dropped.received, QByteArray());
        QVERIFY(m_sandbox->listings().isEmpty());
    }

    void faultsMatchMethodAndPath()
    {
        m_sandbox->failNext("POST", kCreatePath, 500);
        QCOMPARE(m_client->get(u"/shops/90210/listings"_s).status, 200);
        QCOMPARE(m_client->get(u"/users/me"_s).status, 200);
        QCOMPARE(m_client->form("POST", u"/shops/90210/listings"_s, m_client->listingForm()).status, 500);
    }

    void malformedReplyStillCommits()
    {
        m_sandbox->malformedNext("POST", kCreatePath);
        const auto reply = m_client->form("POST", u"/shops/90210/listings"_s, m_client->listingForm());
        QCOMPARE(reply.status, 201);
        QJsonParseError error;
        QJsonDocument::fromJson(reply.body, &error);
        QVERIFY(error.error != QJsonParseError::NoError);
        QCOMPARE(m_sandbox->listings().size(), 1);
    }

    void delayedReplyArrivesIntact()
    {
        m_sandbox->delayNext("GET", u"/v3/application/users/me"_s, 50);
        const auto reply = m_client->get(u"/users/me"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()[u"shop_id"_s].toInteger(), 90210);
    }

    void faultSpecsParse()
    {
        QString error;
        const auto fault = EtsyFault::parse(u"commit-drop:method=post:path=/v3/application/shops/*/listings:count=3"_s,
                                            &error);
        QVERIFY(fault);
        QCOMPARE(fault->kind, EtsyFault::Kind::CommitThenDrop);
        QCOMPARE(fault->method, QByteArray("POST"));
        QCOMPARE(fault->count, 3);
        QVERIFY(fault->matches("POST", u"/v3/application/shops/90210/listings"_s));
        QVERIFY(!fault->matches("GET", u"/v3/application/shops/90210/listings"_s));
        QCOMPARE(EtsyFault::parse(u"commit-status=502"_s, &error)->status, 502);
        QCOMPARE(EtsyFault::parse(u"delay=250"_s, &error)->delayMs, 250);
        QVERIFY(!EtsyFault::parse(u"explode"_s, &error));
        QVERIFY(!error.isEmpty());
    }

private:
    std::unique_ptr<EtsySandbox> m_sandbox;
    std::unique_ptr<EtsyTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestEtsyFaults)
#include "tst_etsy_faults.moc"
