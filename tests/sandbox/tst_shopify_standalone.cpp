// storeloom-sandbox as benchmarks and other peers start it: a process that
// prints one JSON line (URL, token), serves, and exits on SIGTERM.
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

class TestShopifyStandalone : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesUntilTerminated()
    {
        QProcess process;
        process.start(QStringLiteral(STORELOOM_SANDBOX_PROGRAM),
                      {u"shopify"_s, u"--products"_s, u"25"_s, u"--seed"_s, u"4"_s, u"--plan"_s, u"plus"_s,
                       u"--access-token"_s, u"shpat_bench"_s, u"--fault"_s, u"status=503:next=1"_s});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
        const QJsonObject ready = QJsonDocument::fromJson(process.readLine()).object();
        QCOMPARE(ready[u"accessToken"_s].toString(), u"shpat_bench"_s);
        QCOMPARE(ready[u"products"_s].toInt(), 25);
        QVERIFY(ready[u"url"_s].toString().startsWith(u"http://127.0.0.1:"_s));

        QCOMPARE(shopInfo(ready).first, 503); // the --fault
        const auto [status, body] = shopInfo(ready);
        QCOMPARE(status, 200);
        const QJsonObject reply = QJsonDocument::fromJson(body).object();
        QCOMPARE(reply[u"data"_s][u"shop"_s][u"myshopifyDomain"_s].toString(), ready[u"shopDomain"_s].toString());
        QCOMPARE(reply[u"extensions"_s][u"cost"_s][u"throttleStatus"_s][u"restoreRate"_s].toDouble(), 1000.0);

        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    void refusesBadArguments()
    {
        QProcess process;
        process.start(QStringLiteral(STORELOOM_SANDBOX_PROGRAM), {u"shopify"_s, u"--plan"_s, u"gold"_s});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("--plan"));
    }

private:
    std::pair<int, QByteArray> shopInfo(const QJsonObject &ready)
    {
        QNetworkRequest request(QUrl(ready[u"graphqlUrl"_s].toString()));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        request.setRawHeader("X-Shopify-Access-Token", ready[u"accessToken"_s].toString().toUtf8());
        QNetworkReply *reply = m_network.post(request, R"({"query":"{ shop { myshopifyDomain } }"})");
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    }

    QNetworkAccessManager m_network;
};

QTEST_GUILESS_MAIN(TestShopifyStandalone)
#include "tst_shopify_standalone.moc"
