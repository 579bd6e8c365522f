// The Etsy client on the wire, against a scripted HTTP server: the headers
// and bodies it sends, how it paces itself from Etsy's rate headers, and
// what it does on 429, 401, 5xx, dropped connections, unreadable answers and
// Cancel — in particular that a create is never sent twice by itself.
#include "accesstokensource.h"
#include "etsy/etsyclient.h"
#include "etsy/etsyquota.h"
#include "ratebudget.h"
#include "scriptedhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTest>
#include <QThread>
#include <optional>

using namespace storeloom;
using namespace storeloom::etsy;
using namespace Qt::StringLiterals;
using Answer = ScriptedHttpServer::Answer;
using Kind = EtsyError::Kind;

namespace {

constexpr int kWorkerWaitMs = 60000;
const QByteArray kApiKey = "keystring123:shared456";

// Tokens as a test scripts them: the renewals it will hand out, in order.
class ScriptedTokens : public AccessTokenSource
{
public:
    explicit ScriptedTokens(QString token, QStringList renewals = {})
        : m_token(std::move(token)), m_renewals(std::move(renewals))
    {}
    QString accessToken() override
    {
        QMutexLocker lock(&m_mutex);
        return m_token;
    }
    QString renewAfterRejection(const QString &rejected) override
    {
        QMutexLocker lock(&m_mutex);
        m_rejected.append(rejected);
        if (m_renewals.isEmpty())
            return {};
        m_token = m_renewals.takeFirst();
        return m_token;
    }
    QStringList rejected()
    {
        QMutexLocker lock(&m_mutex);
        return m_rejected;
    }

private:
    QMutex m_mutex;
    QString m_token;
    QStringList m_renewals;
    QStringList m_rejected;
};

// Runs `work` on a worker thread, as the executor does, while this thread
// keeps serving HTTP.
template <typename Work>
auto onWorker(Work work) -> decltype(work())
{
    std::optional<decltype(work())> result;
    std::unique_ptr<QThread> thread(QThread::create([&] { result = work(); }));
    thread->start();
    if (!QTest::qWaitFor([&] { return thread->isFinished(); }, kWorkerWaitMs))
        qFatal("the Etsy client did not return");
    return *result;
}

QByteArray rateHeadersBody()
{
    return QByteArrayLiteral("{\"user_id\":7,\"shop_id\":42}");
}

} // namespace

class TestEtsyClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ScriptedHttpServer>();
        QVERIFY(m_server->listen());
        m_tokens = std::make_unique<ScriptedTokens>(u"7.first-token"_s);
        m_stop = false;
    }

    void sendsTheKeyAndTheTokenAndFeedsTheBudgets()
    {
        m_server->queue(ScriptedHttpServer::json(200, rateHeadersBody(),
                                                 {{"x-limit-per-second", "10"},
                                                  {"x-remaining-this-second", "9"},
                                                  {"x-limit-per-day", "10000"},
                                                  {"x-remaining-today", "9876"}}));
        auto budget = std::make_shared<RateBudget>(1, 1);
        auto quota = std::make_shared<EtsyQuota>();
        const EtsyJsonResult me = onWorker([&] {
            EtsyClient::Options options = this->options();
            options.budget = budget;
            options.quota = quota;
            return EtsyClient(options).me();
        });
        QVERIFY2(me.ok(), qPrintable(me.error.message));
        QCOMPARE(me.value.value(u"shop_id"_s).toInteger(), 42);

        const ScriptedHttpServer::Request &sent = m_server->requests().at(0);
        QCOMPARE(sent.method, "GET");
        QCOMPARE(sent.target, "/v3/application/users/me");
        QCOMPARE(sent.header("x-api-key"), kApiKey);
        QCOMPARE(sent.header("authorization"), "Bearer 7.first-token");
        QCOMPARE(sent.header("accept"), "application/json");
        // Etsy's per-second limit sets the pace: evenly, just under it, no bursts.
        QCOMPARE(budget->capacity(), 1.0);
        QCOMPARE(budget->refillPerSecond(), 9.5);
        QCOMPARE(quota->limitPerDay(), 10000);
        QCOMPARE(quota->remainingToday(), 9876);
        QVERIFY(quota->observedAt().isValid());
    }

    void formFieldsSurviveTrickyCharactersAndTagsRepeat()
    {
        m_server->queue(ScriptedHttpServer::json(201, "{\"listing_id\":555}"));
        const QString title = u"Salt & Pepper + Co 100% = \"ok\"? #1"_s;
        const QString description = u"Line one\nCafé ☕ a=b&c=d; 50/50"_s;
        const QStringList tags{u"salt shaker"_s, u"c&d"_s, u"e+f"_s, u"™ mark"_s};
        const EtsyJsonResult created = onWorker([&] {
            ListingForm form;
            form.add(u"quantity"_s, qint64(3))
                .add(u"title"_s, title)
                .add(u"description"_s, description)
                .add(u"price"_s, u"12.50"_s)
                .addFlag(u"is_supply"_s, false)
                .addAll(u"tags"_s, tags);
            return EtsyClient(options()).createDraftListing(42, form);
        });
        QVERIFY2(created.ok(), qPrintable(created.error.message));
        QCOMPARE(created.value.value(u"listing_id"_s).toInteger(), 555);

        const ScriptedHttpServer::Request &sent = m_server->requests().at(0);
        QCOMPARE(sent.method, "POST");
        QCOMPARE(sent.target, "/v3/application/shops/42/listings");
        QCOMPARE(sent.header("content-type"), "application/x-www-form-urlencoded");
        const QList<std::pair<QString, QString>> expected{
            {u"quantity"_s, u"3"_s},     {u"title"_s, title},       {u"description"_s, description},
            {u"price"_s, u"12.50"_s},    {u"is_supply"_s, u"false"_s}, {u"tags"_s, tags[0]},
            {u"tags"_s, tags[1]},        {u"tags"_s, tags[2]},      {u"tags"_s, tags[3]}};
        QCOMPARE(sent.formFields(), expected);
        QVERIFY2(sent.body.contains("tags=salt%20shaker&tags=c%26d&tags=e%2Bf&"), sent.body);
    }

    void updatesAndInventoryAreSentAsEtsyDocumentsThem()
    {
        m_server->queue(ScriptedHttpServer::json(200, "{\"listing_id\":555}"));
        m_server->queue(ScriptedHttpServer::json(200, "{\"products\":[]}"));
        m_server->queue(ScriptedHttpServer::json(200, "{\"count\":0,\"results\":[]}"));
        m_server->queue(Answer{204, {}, {}, Answer::Action::Respond});
        const QJsonObject inventory{
            {u"products"_s, QJsonArray{QJsonObject{{u"sku"_s, u"MUG-1"_s}}}}};
        const QList<EtsyJsonResult> results = onWorker([&] {
            EtsyClient::Options options = this->options();
            options.api = m_server->url().resolved(QUrl(u"/etsy/"_s)); // a base with a path
            EtsyClient client(options);
            ListingForm form;
            form.add(u"title"_s, u"Mug"_s);
            return QList<EtsyJsonResult>{client.updateListing(42, 555, form),
                                         client.updateListingInventory(555, inventory),
                                         client.listingsByShop(42, u"draft"_s, 500, 200,
                                                               u"created"_s, u"desc"_s),
                                         client.deleteListingImage(42, 555, 9)};
        });
        for (const EtsyJsonResult &result : results)
            QVERIFY2(result.ok(), qPrintable(result.error.message));
        const QList<ScriptedHttpServer::Request> &sent = m_server->requests();
        QCOMPARE(sent.at(0).method, "PATCH");
        QCOMPARE(sent.at(0).target, "/etsy/v3/application/shops/42/listings/555");
        QCOMPARE(sent.at(0).body, "title=Mug");
        QCOMPARE(sent.at(1).method, "PUT");
        QCOMPARE(sent.at(1).target, "/etsy/v3/application/listings/555/inventory");
        QCOMPARE(sent.at(1).header("content-type"), "application/json");
        QCOMPARE(QJsonDocument::fromJson(sent.at(1).body).object(), inventory);
        QCOMPARE(sent.at(2).path(), "/etsy/v3/application/shops/42/listings");
        QCOMPARE(sent.at(2).query(), "state=draft&limit=100&offset=200&sort_on=created&sort_order=desc");
        QCOMPARE(sent.at(3).method, "DELETE");
        QCOMPARE(sent.at(3).target, "/etsy/v3/application/shops/42/listings/555/images/9");
    }

    void imagesAreUploadedAsMultipart()
    {
        m_server->queue(ScriptedHttpServer::json(201, "{\"listing_image_id\":77}"));
        QByteArray image("\xFF\xD8\xFF\xE0 binary\r\n--not-a-boundary\r\n\0end", 40);
        const EtsyJsonResult uploaded = onWorker([&] {
            return EtsyClient(options()).uploadListingImage(42, 555, image, u"mug \"front\".jpg"_s,
                                                            u"image/jpeg"_s, 2, u"A blue mug"_s);
        });
        QVERIFY2(uploaded.ok(), qPrintable(uploaded.error.message));
        const ScriptedHttpServer::Request &sent = m_server->requests().at(0);
        QCOMPARE(sent.method, "POST");
        QCOMPARE(sent.target, "/v3/application/shops/42/listings/555/images");
        QVERIFY2(sent.header("content-type").startsWith("multipart/form-data; boundary="),
                 sent.header("content-type"));
        const QList<ScriptedHttpServer::Part> parts = sent.multipartParts();
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts[0].disposition, "form-data; name=\"rank\"");
        QCOMPARE(parts[0].body, "2");
        QCOMPARE(parts[1].disposition, "form-data; name=\"alt_text\"");
        QCOMPARE(parts[1].body, "A blue mug");
        QCOMPARE(parts[2].disposition, "form-data; name=\"image\"; filename=\"mug _front_.jpg\"");
        QCOMPARE(parts[2].contentType, "image/jpeg");
        QCOMPARE(parts[2].body, image);
    }

    void throttlingPausesTheConnectionThenSendsAgain()
    {
        m_server->queue(ScriptedHttpServer::json(429, "{\"error\":\"Too many requests\"}",
                                                 {{"retry-after", "1"}}));
        m_server->queue(ScriptedHttpServer::json(201, "{\"listing_id\":1}"));
        auto budget = std::make_shared<RateBudget>(10, 10);
        std::atomic_bool budgetPaused = false;
        QList<qint64> waits;
        const auto [created, stats] = onWorker([&] {
            EtsyClient::Options options = this->options();
            options.budget = budget;
            options.waiting = [&](qint64 ms, const QString &) {
                waits.append(ms);
                // The other workers of the connection hold back too.
                budgetPaused = !budget->tryAcquire(0.001);
            };
            EtsyClient client(options);
            ListingForm form;
            form.add(u"title"_s, u"Mug"_s);
            const EtsyJsonResult result = client.createDraftListing(42, form);
            return std::pair{result, client.stats()};
        });
        QVERIFY2(created.ok(), qPrintable(created.error.message));
        QCOMPARE(m_server->count("POST"), 2); // a 429 did nothing: sending again is safe
        QCOMPARE(waits, QList<qint64>{1000});
        QVERIFY(budgetPaused);
        QCOMPARE(stats.requests, 2);
        QCOMPARE(stats.throttled, 1);
        QCOMPARE(stats.retries, 1);
    }

    void aSpentDayBudgetEndsAtOnceAndSaysWhen()
    {
        m_server->queue(ScriptedHttpServer::json(429, "{\"error\":\"Daily limit reached\"}",
                                                 {{"retry-after", "7200"},
                                                  {"x-limit-per-day", "10000"},
                                                  {"x-remaining-today", "0"}}));
        auto quota = std::make_shared<EtsyQuota>();
        int waited = 0;
        const EtsyJsonResult result = onWorker([&] {
            EtsyClient::Options options = this->options();
            options.quota = quota;
            options.waiting = [&](qint64, const QString &) { ++waited; };
            return EtsyClient(options).listing(555);
        });
        QCOMPARE(result.error.kind, Kind::Throttled);
        QCOMPARE(result.error.retryAfterSeconds, 7200);
        QVERIFY(result.error.retryable());
        QVERIFY2(result.error.message.contains("daily request limit"_L1) &&
                     result.error.message.contains("Try again after"_L1),
                 qPrintable(result.error.message));
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(waited, 0);
        QCOMPARE(quota->remainingToday(), 0);
    }

    void aRejectedTokenIsRenewedOnceAndTheRequestSentAgain()
    {
        m_tokens = std::make_unique<ScriptedTokens>(u"7.old"_s, QStringList{u"7.fresh"_s});
        m_server->queue(ScriptedHttpServer::json(401, "{\"error\":\"invalid_token\"}"));
        m_server->queue(ScriptedHttpServer::json(200, rateHeadersBody()));
        const EtsyJsonResult me = onWorker([&] { return EtsyClient(options()).me(); });
        QVERIFY2(me.ok(), qPrintable(me.error.message));
        QCOMPARE(m_tokens->rejected(), QStringList{u"7.old"_s});
        QCOMPARE(m_server->requests().at(0).header("authorization"), "Bearer 7.old");
        QCOMPARE(m_server->requests().at(1).header("authorization"), "Bearer 7.fresh");
    }

    void aSignInThatCannotBeRenewedIsReported()
    {
        // No renewal to be had.
        m_server->queue(ScriptedHttpServer::json(401, "{\"error\":\"invalid_token\"}"));
        // Renewed, and refused again: not renewed a second time.
        m_server->queue(ScriptedHttpServer::json(401, "{\"error\":\"invalid_token\"}"));
        m_server->queue(ScriptedHttpServer::json(401, "{\"error\":\"invalid_token\"}"));
        const auto [first, second] = onWorker([&] {
            EtsyClient client(options());
            const EtsyJsonResult refused = client.me();
            ScriptedTokens renewsOnce(u"7.a"_s, {u"7.b"_s, u"7.c"_s});
            EtsyClient::Options options = this->options();
            options.tokens = &renewsOnce;
            return std::pair{refused, EtsyClient(options).me()};
        });
        for (const EtsyJsonResult &result : {first, second}) {
            QCOMPARE(result.error.kind, Kind::Unauthorized);
            QCOMPARE(result.error.httpStatus, 401);
            QVERIFY(!result.error.retryable());
            QVERIFY2(result.error.message.contains("reconnect it in Connectors"_L1),
                     qPrintable(result.error.message));
        }
        QCOMPARE(m_server->requests().size(), 3);
    }

    void aCreateIsNeverSentTwiceByItself()
    {
        m_server->queue(ScriptedHttpServer::json(500, "{\"error\":\"Internal error\"}"));
        m_server->queue(Answer{0, {}, {}, Answer::Action::Drop});
        m_server->queue(ScriptedHttpServer::json(503, "{\"error\":\"Unavailable\"}"));
        m_server->queue(ScriptedHttpServer::json(200, "{\"listing_id\":"));
        m_server->queue(ScriptedHttpServer::json(400, "{\"error\":\"title is too long\"}"));
        const QList<EtsyJsonResult> results = onWorker([&] {
            EtsyClient client(options());
            ListingForm form;
            form.add(u"title"_s, u"Mug"_s);
            return QList<EtsyJsonResult>{
                client.createDraftListing(42, form), client.createDraftListing(42, form),
                client.uploadListingImage(42, 555, "jpeg", u"a.jpg"_s, u"image/jpeg"_s),
                client.createDraftListing(42, form), client.createDraftListing(42, form)};
        });
        QCOMPARE(m_server->count("POST"), 5); // one per call
        const QList<Kind> kinds{Kind::Server, Kind::Network, Kind::Server, Kind::Malformed,
                                Kind::Invalid};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(results[i].error.kind, kinds[i]);
            QVERIFY2(results[i].error.outcomeUnknown, qPrintable(results[i].error.message));
            QVERIFY(results[i].error.retryable());
        }
        QCOMPARE(results[0].error.message, u"Internal error"_s);
        // Refused outright: nothing was created, and sending it again will not help.
        QCOMPARE(results[4].error.kind, Kind::Invalid);
        QCOMPARE(results[4].error.message, u"title is too long"_s);
        QVERIFY(!results[4].error.outcomeUnknown);
        QVERIFY(!results[4].error.retryable());
    }

    void readsAreSentAgainAfterServerErrorsAndDrops()
    {
        m_server->queue(ScriptedHttpServer::json(503, "{\"error\":\"Unavailable\"}"));
        m_server->queue(Answer{0, {}, {}, Answer::Action::Drop});
        m_server->queue(ScriptedHttpServer::json(200, "{\"listing_id\":555}"));
        m_server->queue(ScriptedHttpServer::json(502, "{}"));
        m_server->queue(ScriptedHttpServer::json(502, "{}"));
        m_server->queue(ScriptedHttpServer::json(502, "{\"error\":\"Bad gateway\"}"));
        const auto [read, givenUp, stats] = onWorker([&] {
            EtsyClient client(options());
            const EtsyJsonResult first = client.listing(555);
            const EtsyJsonResult second = client.listingInventory(555);
            return std::tuple{first, second, client.stats()};
        });
        QVERIFY2(read.ok(), qPrintable(read.error.message));
        QCOMPARE(givenUp.error.kind, Kind::Server);
        QCOMPARE(givenUp.error.httpStatus, 502);
        QCOMPARE(givenUp.error.message, u"Bad gateway"_s);
        QVERIFY(!givenUp.error.outcomeUnknown);
        // Twice more each, as configured (Qt itself sends a read again after a
        // drop, which the client need not see).
        QCOMPARE(m_server->count("GET"), 6);
        QCOMPARE(stats.requests, stats.retries + 2);
    }

    void errorsCarryEtsysWords()
    {
        m_server->queue(ScriptedHttpServer::json(404, "{\"error\":\"Listing not found\"}"));
        m_server->queue(ScriptedHttpServer::json(
            403, "{\"error\":\"insufficient_scope\",\"error_description\":\"listings_w is required\"}"));
        m_server->queue(Answer{409, "<html>Conflict</html>", {{"Content-Type", "text/html"}},
                               Answer::Action::Respond});
        m_server->queue(ScriptedHttpServer::json(200, "[1,2]"));
        const QList<EtsyJsonResult> results = onWorker([&] {
            EtsyClient client(options());
            return QList<EtsyJsonResult>{client.listing(1), client.shop(42),
                                         client.shippingProfiles(42),
                                         client.readinessStateDefinitions(42)};
        });
        QCOMPARE(results[0].error.kind, Kind::NotFound);
        QCOMPARE(results[0].error.message, u"Listing not found"_s);
        QCOMPARE(results[1].error.kind, Kind::Forbidden);
        QCOMPARE(results[1].error.message, u"insufficient_scope: listings_w is required"_s);
        QCOMPARE(results[2].error.kind, Kind::Invalid);
        QVERIFY2(results[2].error.message.contains("409"_L1), qPrintable(results[2].error.message));
        QCOMPARE(results[3].error.kind, Kind::Malformed);
        QVERIFY2(results[3].error.message.contains("could not be read"_L1),
                 qPrintable(results[3].error.message));
        QVERIFY(!results[3].error.outcomeUnknown);
        QCOMPARE(m_server->requests().at(3).target,
                 "/v3/application/shops/42/readiness-state-definitions");
    }

    void cancelEndsAWaitingRequestPromptly()
    {
        m_server->queue(Answer{0, {}, {}, Answer::Action::Hang});
        std::optional<EtsyJsonResult> result;
        std::unique_ptr<QThread> worker(QThread::create([&] {
            EtsyClient::Options options = this->options();
            options.timeoutMs = 10 * kWorkerWaitMs; // only Cancel can end it
            result = EtsyClient(options).sellerTaxonomyNodes();
        }));
        worker->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, kWorkerWaitMs);
        m_stop = true;
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), kWorkerWaitMs);
        QCOMPARE(result->error.kind, Kind::Cancelled);

        // Cancel during a throttle wait, and before anything is sent.
        m_stop = false;
        m_server->queue(ScriptedHttpServer::json(429, "{}", {{"retry-after", "120"}}));
        const auto [throttled, notSent] = onWorker([&] {
            EtsyClient::Options options = this->options();
            options.waiting = [&](qint64, const QString &) { m_stop = true; };
            EtsyClient client(options);
            const EtsyJsonResult first = client.sellerTaxonomyNodes();
            return std::pair{first, client.me()};
        });
        QCOMPARE(throttled.error.kind, Kind::Cancelled);
        QCOMPARE(notSent.error.kind, Kind::Cancelled);
        QCOMPARE(m_server->requests().size(), 2);
    }

private:
    EtsyClient::Options options()
    {
        EtsyClient::Options options;
        options.api = m_server->url();
        options.apiKey = kApiKey;
        options.tokens = m_tokens.get();
        options.stop = &m_stop;
        options.backoffMs = 1; // the backoff's length is not what these tests are about
        return options;
    }

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<ScriptedTokens> m_tokens;
    std::atomic_bool m_stop = false;
};

QTEST_GUILESS_MAIN(TestEtsyClient)
#include "tst_etsyclient.moc"
