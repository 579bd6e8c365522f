// The one HTTP layer every adapter uses: what it puts on the wire, how it
// tells the transport's failures from the platform's answers, Retry-After,
// size limits, redaction in the request log, and the lease fence.
#include "http/networkjob.h"
#include "leasefence.h"
#include "scriptedhttpserver.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QTemporaryFile>
#include <QTest>

using namespace storeloom;
using namespace Qt::StringLiterals;

class TestNetworkJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ScriptedHttpServer>();
        QVERIFY(m_server->listen());
    }
    void cleanup() { NetworkJob::setRequestLog({}); }

    void sendsTheRequestAndReadsTheAnswer()
    {
        m_server->queue(ScriptedHttpServer::json(201, R"({"id":7})", {{"X-Limit", "10"}}));
        NetworkRequest request = at(u"/things"_s);
        request.verb = "POST";
        request.contentType = "application/json";
        request.body = R"({"name":"mug"})";
        request.headers = {{"Authorization", "Bearer secret-token"}};
        const NetworkAnswer answer = NetworkJob::run(m_network, request);
        QVERIFY(answer.ok());
        QCOMPARE(answer.status, 201);
        QCOMPARE(answer.body, QByteArray(R"({"id":7})"));
        QCOMPARE(answer.intHeader("x-limit"), 10);
        const auto &sent = m_server->requests().first();
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.target, QByteArray("/things"));
        QCOMPARE(sent.header("authorization"), QByteArray("Bearer secret-token"));
        QCOMPARE(sent.body, QByteArray(R"({"name":"mug"})"));
    }

    void retryAfterInEitherForm()
    {
        m_server->queue(ScriptedHttpServer::json(429, "{}", {{"Retry-After", "7"}}));
        QCOMPARE(NetworkJob::run(m_network, at(u"/a"_s)).retryAfterSeconds, 7);
        const QByteArray date =
            QDateTime::currentDateTimeUtc().addSecs(120).toString(Qt::RFC2822Date).toLatin1();
        m_server->queue(ScriptedHttpServer::json(503, "{}", {{"Retry-After", date}}));
        const int seconds = NetworkJob::run(m_network, at(u"/b"_s)).retryAfterSeconds;
        QVERIFY2(seconds >= 100 && seconds <= 120, qPrintable(QString::number(seconds)));
        m_server->queue(ScriptedHttpServer::json(200, "{}"));
        QCOMPARE(NetworkJob::run(m_network, at(u"/c"_s)).retryAfterSeconds, -1);
    }

    void theTransportsFailuresAreNotAnswers()
    {
        ScriptedHttpServer::Answer drop;
        drop.action = ScriptedHttpServer::Answer::Action::Drop;
        m_server->queue(drop);
        m_server->queue(drop); // Qt sends a GET a second time by itself
        const NetworkAnswer dropped = NetworkJob::run(m_network, at(u"/drop"_s));
        QCOMPARE(dropped.transport, NetworkAnswer::Transport::Network);
        QVERIFY(!dropped.transportError.isEmpty());

        ScriptedHttpServer::Answer hang;
        hang.action = ScriptedHttpServer::Answer::Action::Hang;
        m_server->queue(hang);
        NetworkRequest slow = at(u"/hang"_s);
        slow.timeoutMs = 200;
        QCOMPARE(NetworkJob::run(m_network, slow).transport, NetworkAnswer::Transport::Timeout);

        m_server->queue(ScriptedHttpServer::json(500, R"({"error":"down"})"));
        const NetworkAnswer server = NetworkJob::run(m_network, at(u"/500"_s));
        QVERIFY(server.answered());
        QVERIFY(!server.ok());
        QCOMPARE(server.status, 500);
    }

    void aRaisedStopFlagCancels()
    {
        ScriptedHttpServer::Answer hang;
        hang.action = ScriptedHttpServer::Answer::Action::Hang;
        m_server->queue(hang);
        const std::atomic_bool stop{true};
        QCOMPARE(NetworkJob::run(m_network, at(u"/hang"_s), &stop).transport,
                 NetworkAnswer::Transport::Cancelled);
    }

    void anAnswerLargerThanAllowedIsRefused()
    {
        m_server->queue(ScriptedHttpServer::json(200, QByteArray(64 * 1024, 'x')));
        NetworkRequest request = at(u"/big"_s);
        request.maxBytes = 1024;
        QCOMPARE(NetworkJob::run(m_network, request).transport, NetworkAnswer::Transport::TooLarge);
    }

    void filesAreReadAsIfServed()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("GIF89a...");
        file.flush();
        NetworkRequest request;
        request.url = QUrl::fromLocalFile(file.fileName());
        const NetworkAnswer answer = NetworkJob::run(m_network, request);
        QVERIFY(answer.ok());
        QCOMPARE(answer.body, QByteArray("GIF89a..."));
    }

    void theRequestLogNeverSeesCredentials()
    {
        QList<NetworkRequest> logged;
        NetworkJob::setRequestLog(
            [&](const NetworkRequest &request, const NetworkAnswer &) { logged.append(request); });
        m_server->queue(ScriptedHttpServer::json(200, "{}"));
        NetworkRequest request = at(u"/me"_s);
        request.headers = {{"Authorization", "Bearer secret-token"},
                           {"x-api-key", "key:secret"},
                           {"X-Shopify-Access-Token", "shpat_secret"},
                           {"Accept", "application/json"}};
        QVERIFY(NetworkJob::run(m_network, request).ok());
        QCOMPARE(logged.size(), 1);
        for (const auto &[name, value] : logged.first().headers) {
            QVERIFY2(!value.contains("secret"), name.constData());
        }
        QCOMPARE(logged.first().headers.last().second, QByteArray("application/json"));
    }

    void aWorkerThatLostItsLeaseSendsNothing()
    {
        LeaseFence lost([] { return false; });
        const LeaseFence::Scope scope(&lost);
        m_server->queue(ScriptedHttpServer::json(200, "{}"));
        QCOMPARE(NetworkJob::run(m_network, at(u"/x"_s)).transport,
                 NetworkAnswer::Transport::NotSent);
        QVERIFY(m_server->requests().isEmpty());
    }

private:
    NetworkRequest at(const QString &path) const
    {
        NetworkRequest request;
        request.url = QUrl(m_server->url().toString() + path);
        return request;
    }

    std::unique_ptr<ScriptedHttpServer> m_server;
    QNetworkAccessManager m_network;
};

QTEST_GUILESS_MAIN(TestNetworkJob)
#include "tst_networkjob.moc"
