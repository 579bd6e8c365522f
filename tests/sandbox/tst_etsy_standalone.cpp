// `storeloom-sandbox etsy` as benchmarks and other peers start it: one JSON
// line with the URL and credentials, Etsy's API with the tokens it printed,
// the request log, and exit on SIGTERM.
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

class TestEtsyStandalone : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesUntilTerminated()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(u"requests.jsonl"_s);
        QProcess process;
        process.start(QStringLiteral(STORELOOM_SANDBOX_PROGRAM),
                      {u"etsy"_s, u"--listings"_s, u"30"_s, u"--per-second"_s, u"50"_s, u"--per-day"_s, u"500"_s,
                       u"--record"_s, log, u"--fault"_s, u"status=503:method=GET:path=*/listings:count=1"_s});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
        const QJsonObject ready = QJsonDocument::fromJson(process.readLine()).object();
        QVERIFY(ready[u"url"_s].toString().startsWith(u"http://127.0.0.1:"_s));
        QCOMPARE(ready[u"keystring"_s].toString(), u"sandboxkeystring"_s);
        QCOMPARE(ready[u"shopId"_s].toInteger(), 90210);
        QCOMPARE(ready[u"userId"_s].toInteger(), 4242);
        QVERIFY(ready[u"accessToken"_s].toString().startsWith(u"4242."_s));
        QVERIFY(!ready[u"refreshToken"_s].toString().isEmpty());
        QVERIFY(ready[u"authorizeUrl"_s].toString().endsWith(u"/oauth/connect"_s));
        QVERIFY(ready[u"tokenUrl"_s].toString().endsWith(u"/v3/public/oauth/token"_s));

        QCOMPARE(get(ready, u"/shops/90210/listings"_s).first, 503); // the --fault
        const auto [status, headers, body] = getWithHeaders(ready, u"/shops/90210/listings?limit=100"_s);
        QCOMPARE(status, 200);
        QCOMPARE(QJsonDocument::fromJson(body).object()[u"count"_s].toInt(), 30);
        QCOMPARE(headers.value("x-limit-per-second"), QByteArray("50"));
        QCOMPARE(headers.value("x-limit-per-day"), QByteArray("500"));

        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);

        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object()[u"query"_s].toString(), u"limit=100"_s);
    }

    void refusesBadArguments()
    {
        QProcess process;
        process.start(QStringLiteral(STORELOOM_SANDBOX_PROGRAM), {u"etsy"_s, u"--fault"_s, u"explode"_s});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("bad fault"));
    }

private:
    std::pair<int, QByteArray> get(const QJsonObject &ready, const QString &path)
    {
        const auto [status, headers, body] = getWithHeaders(ready, path);
        return {status, body};
    }

    std::tuple<int, QHash<QByteArray, QByteArray>, QByteArray> getWithHeaders(const QJsonObject &ready,
                                                                               const QString &path)
    {
        QNetworkRequest request(QUrl(ready[u"url"_s].toString() + u"/v3/application"_s + path));
        request.setRawHeader("x-api-key",
                             (ready[u"keystring"_s].toString() + u':' + ready[u"sharedSecret"_s].toString()).toUtf8());
        request.setRawHeader("Authorization", "Bearer " + ready[u"accessToken"_s].toString().toUtf8());
        QNetworkReply *reply = m_network.get(request);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        QHash<QByteArray, QByteArray> headers;
        for (const auto &[name, value] : reply->rawHeaderPairs())
            headers.insert(name.toLower(), value);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return {status, headers, body};
    }

    QNetworkAccessManager m_network;
};

QTEST_GUILESS_MAIN(TestEtsyStandalone)
#include "tst_etsy_standalone.moc"
