#pragma once

#include "catalogsource.h"
#include "graphqlreply.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace storeloom {
class RateBudget;
}

namespace storeloom::shopify {

// Sends Admin GraphQL documents one at a time at the pace Shopify's cost
// bucket allows, so that in steady state nothing is ever THROTTLED:
//  - before sending, the query's requested cost (the last one Shopify
//    reported for the same document, else the caller's estimate) is taken
//    from the connection's RateBudget, waiting for the restore rate if the
//    bucket is short;
//  - every reply's throttleStatus replaces the budget's own view;
//  - THROTTLED waits for the missing points and sends again; 5xx, resets,
//    timeouts and malformed bodies are retried with backoff; a 401 asks for
//    a fresh token once. Whatever cannot be helped reaches `done` with the
//    platform's message.
class AdminClient : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        QUrl graphqlUrl;
        int timeoutMs = 60000;
        int maxAttempts = 6;  // sends of one query that failed for transient reasons
        int maxThrottles = 50; // THROTTLED answers to one query before giving up
    };
    using Stats = RequestStats;
    using Done = std::function<void(const GraphqlReply &reply)>;
    // Asked on a 401: call `retry` once a fresh token is in place; false when
    // there is nothing to try (the reply is then reported).
    using Unauthorized = std::function<bool(std::function<void()> retry)>;

    AdminClient(Settings settings, std::shared_ptr<RateBudget> budget,
                QNetworkAccessManager *network, QObject *parent = nullptr);
    ~AdminClient() override;

    // Asked before every request (another thread may renew the token meanwhile).
    void setAccessToken(std::function<QString()> token) { m_token = std::move(token); }
    void setUnauthorizedHandler(Unauthorized handler) { m_onUnauthorized = std::move(handler); }

    // `name` keys the cost Shopify reports, so later calls of the same
    // document ask the bucket for the right amount.
    void send(const QString &name, const QString &document, const QJsonObject &variables,
              double estimatedCost, Done done);
    // Drops the query in flight or waiting; its `done` is not called.
    void abort();

    Stats stats() const { return m_stats; }
    // The cost Shopify asked for the last `name` query.
    double lastRequestedCost(const QString &name) const { return m_requestedCost.value(name); }
    // What an earlier client learned of the documents' costs, carried over.
    QHash<QString, double> requestedCosts() const { return m_requestedCost; }
    void setRequestedCosts(QHash<QString, double> costs) { m_requestedCost = std::move(costs); }

Q_SIGNALS:
    // Waiting `ms` before sending; `why` is for a progress line.
    void waiting(qint64 ms, const QString &why);

private:
    struct Pending
    {
        QString name;
        QString document;
        QJsonObject variables;
        double estimatedCost = 0;
        Done done;
        int attempts = 0;
        int throttles = 0;
        bool reauthorized = false;
    };

    void attempt();
    void post();
    void onReply(const GraphqlReply &reply);
    void retryIn(qint64 ms, const QString &why);
    void finish(const GraphqlReply &reply);

    Settings m_settings;
    std::shared_ptr<RateBudget> m_budget;
    QNetworkAccessManager *m_network;
    std::function<QString()> m_token;
    Unauthorized m_onUnauthorized;
    std::unique_ptr<Pending> m_pending;
    QObject *m_inFlight = nullptr; // context of the request on the wire
    QTimer m_wait;
    QHash<QString, double> m_requestedCost;
    Stats m_stats;
};

} // namespace storeloom::shopify
