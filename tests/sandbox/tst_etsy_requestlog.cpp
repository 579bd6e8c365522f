// The request log the contract check reads: one JSON object per /v3
// request, bodies of form and JSON requests, multipart part names without
// file bytes, and never a header's value.
#include "etsytestclient.h"

#include "etsy/store/imagebytes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace storeloom::sandbox::etsy;
using namespace storeloom::test;
using namespace Qt::StringLiterals;

class TestEtsyRequestLog : public QObject
{
    Q_OBJECT

private:
    QList<QJsonObject> lines() const
    {
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QList<QJsonObject> objects;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (!line.isEmpty())
                objects.append(QJsonDocument::fromJson(line).object());
        }
        return objects;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"requests.jsonl"_s);
        QVERIFY(m_sandbox.listen());
        QVERIFY(m_sandbox.setRequestLog(m_path));
        m_client = std::make_unique<EtsyTestClient>(m_sandbox);
    }

    void logsEveryV3Request()
    {
        const qint64 id = m_client->createListing({{u"tags"_s, u"a"_s}, {u"tags"_s, u"b"_s}});
        QVERIFY(id != 0);
        m_client->get(u"/shops/90210/listings?state=draft&limit=100"_s);
        m_client->upload(u"/shops/90210/listings/%1/images"_s.arg(id), generatedPng(u"log"_s), {{u"rank"_s, u"1"_s}},
                         u"a.png"_s);
        m_client->putJson(u"/listings/%1/inventory"_s.arg(id),
                          {{u"products"_s, QJsonArray{QJsonObject{
                                               {u"sku"_s, u"X"_s},
                                               {u"property_values"_s, QJsonArray()},
                                               {u"offerings"_s, QJsonArray{QJsonObject{{u"price"_s, 3.5},
                                                                                       {u"quantity"_s, 1},
                                                                                       {u"is_enabled"_s, true}}}}}}}});
        m_client->setApiKey({});
        m_client->setAccessToken({});
        m_client->get(u"/openapi-ping"_s);
        m_client->getUrl(QUrl(m_sandbox.url().toString() + u"/_sandbox/images/x.png"_s)); // not /v3: not logged

        const QList<QJsonObject> logged = lines();
        QCOMPARE(logged.size(), 5);

        const QJsonObject create = logged.at(0);
        QCOMPARE(create[u"method"_s].toString(), u"POST"_s);
        QCOMPARE(create[u"path"_s].toString(), u"/v3/application/shops/90210/listings"_s);
        QCOMPARE(create[u"query"_s].toString(), QString());
        QCOMPARE(create[u"contentType"_s].toString(), u"application/x-www-form-urlencoded"_s);
        QVERIFY(create[u"body"_s].toString().contains(u"tags=a&tags=b"_s));
        QVERIFY(!create.contains(u"multipart"_s));
        QCOMPARE(create[u"headers"_s].toObject(),
                 (QJsonObject{{u"x-api-key"_s, u"present"_s}, {u"authorization"_s, u"present"_s}}));

        const QJsonObject list = logged.at(1);
        QCOMPARE(list[u"method"_s].toString(), u"GET"_s);
        QCOMPARE(list[u"query"_s].toString(), u"state=draft&limit=100"_s);
        QCOMPARE(list[u"body"_s].toString(), QString());

        const QJsonObject upload = logged.at(2);
        QCOMPARE(upload[u"contentType"_s].toString(), u"multipart/form-data"_s);
        QCOMPARE(upload[u"body"_s].toString(), QString());
        QCOMPARE(upload[u"multipart"_s].toArray(),
                 (QJsonArray{QJsonObject{{u"name"_s, u"image"_s}, {u"filename"_s, u"a.png"_s},
                                         {u"contentType"_s, u"image/png"_s}},
                             QJsonObject{{u"name"_s, u"rank"_s}, {u"value"_s, u"1"_s}}}));

        const QJsonObject inventory = logged.at(3);
        QCOMPARE(inventory[u"method"_s].toString(), u"PUT"_s);
        QCOMPARE(inventory[u"contentType"_s].toString(), u"application/json"_s);
        QCOMPARE(QJsonDocument::fromJson(inventory[u"body"_s].toString().toUtf8())
                     .object()[u"products"_s][0][u"sku"_s].toString(),
                 u"X"_s);

        QCOMPARE(logged.at(4)[u"headers"_s].toObject(),
                 (QJsonObject{{u"x-api-key"_s, u"absent"_s}, {u"authorization"_s, u"absent"_s}}));
    }

    void neverLogsSecrets()
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(!text.contains("sandboxsecret"));
        QVERIFY(!text.contains("Bearer"));
        QVERIFY(!text.contains("4242."));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    EtsySandbox m_sandbox;
    std::unique_ptr<EtsyTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestEtsyRequestLog)
#include "tst_etsy_requestlog.moc"
