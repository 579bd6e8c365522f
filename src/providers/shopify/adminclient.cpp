#include "adminclient.h"

#include "graphqlcall.h"
#include "ratebudget.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace storeloom::shopify {

Q_LOGGING_CATEGORY(lcShopify, "storeloom.shopify", QtInfoMsg)

namespace {
constexpr qint64 kMaxBackoffMs = 30000;
constexpr qint64 kThrottleMarginMs = 50; // the bucket is measured when the request arrives
} // namespace

AdminClient::AdminClient(Settings settings, std::shared_ptr<RateBudget> budget,
                         QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_budget(std::move(budget)),
      m_network(network)
{
    m_wait.setSingleShot(true);
    connect(&m_wait, &QTimer::timeout, this, &AdminClient::attempt);
}

AdminClient::~AdminClient() = default;

void AdminClient::send(const QString &name, const QString &document, const QJsonObject &variables,
                       double estimatedCost, Done done)
{
    Q_ASSERT_X(!m_pending, "AdminClient::send", "one query at a time");
    m_pending.reset(new Pending{name, document, variables, estimatedCost, std::move(done)});
    attempt();
}

void AdminClient::abort()
{
    m_wait.stop();
    delete m_inFlight; // its reply is no longer delivered
    m_inFlight = nullptr;
    m_pending.reset();
}

// Takes the query's cost from the bucket, or waits until the bucket has it.
void AdminClient::attempt()
{
    if (!m_pending)
        return;
    const double known = m_requestedCost.value(m_pending->name);
    const double cost = known > 0 ? known : m_pending->estimatedCost;
    if (cost > 0 && !m_budget->tryAcquire(cost)) {
        const double missing = std::min(cost, m_budget->capacity()) - m_budget->available();
        const double rate = std::max(m_budget->refillPerSecond(), 1.0);
        const qint64 ms = std::max<qint64>(1, qint64(std::ceil(missing / rate * 1000)));
        m_wait.start(int(ms));
        Q_EMIT waiting(ms, tr("waiting for Shopify's rate limit"));
        return;
    }
    post();
}

void AdminClient::post()
{
    ++m_stats.requests;
    ++m_pending->attempts;
    m_inFlight = new QObject(this);
    postGraphql(m_network, m_settings.graphqlUrl, m_token ? m_token() : QString(),
                m_pending->document,
                m_pending->variables, m_settings.timeoutMs, m_inFlight,
                [this](const GraphqlReply &reply) {
                    m_inFlight->deleteLater();
                    m_inFlight = nullptr;
                    onReply(reply);
                });
}

void AdminClient::onReply(const GraphqlReply &reply)
{
    if (reply.cost) {
        const QueryCost &cost = *reply.cost;
        if (cost.maximumAvailable > 0)
            m_budget->update(cost.currentlyAvailable, cost.maximumAvailable, cost.restoreRate);
        if (cost.requested > 0)
            m_requestedCost.insert(m_pending->name, cost.requested);
        m_stats.actualCost += cost.actual;
    }
    using Outcome = GraphqlReply::Outcome;
    switch (reply.outcome) {
    case Outcome::Ok:
    case Outcome::QueryErrors:
    case Outcome::HttpError:
        finish(reply);
        return;
    case Outcome::Throttled: {
        ++m_stats.throttled;
        if (++m_pending->throttles > m_settings.maxThrottles) {
            finish(reply);
            return;
        }
        // Wait for exactly the points that were missing, then ask again.
        qint64 ms = 1000;
        if (reply.cost && reply.cost->restoreRate > 0)
            ms = qint64(std::ceil((reply.cost->requested - reply.cost->currentlyAvailable) /
                                  reply.cost->restoreRate * 1000)) +
                 kThrottleMarginMs;
        qCInfo(lcShopify) << m_pending->name << "throttled; waiting" << ms << "ms";
        retryIn(std::max<qint64>(ms, kThrottleMarginMs), tr("Shopify asked to slow down"));
        return;
    }
    case Outcome::Unauthorized:
        if (!m_pending->reauthorized && m_onUnauthorized) {
            m_pending->reauthorized = true;
            if (m_onUnauthorized([this] { attempt(); }))
                return;
        }
        finish(reply);
        return;
    case Outcome::ServerError:
    case Outcome::NetworkError:
    case Outcome::Malformed:
        if (m_pending->attempts >= m_settings.maxAttempts) {
            finish(reply);
            return;
        }
        ++m_stats.retries;
        // Exponential backoff with jitter, so retries of many clients spread out.
        const qint64 base = std::min<qint64>(kMaxBackoffMs, 250LL << (m_pending->attempts - 1));
        const qint64 ms = base / 2 + QRandomGenerator::global()->bounded(base / 2 + 1);
        qCInfo(lcShopify) << m_pending->name << "failed (" << reply.message << "); retry"
                          << m_pending->attempts << "in" << ms << "ms";
        retryIn(ms, reply.message);
        return;
    }
}

void AdminClient::retryIn(qint64 ms, const QString &why)
{
    m_wait.start(int(ms));
    Q_EMIT waiting(ms, why);
}

void AdminClient::finish(const GraphqlReply &reply)
{
    const Done done = std::move(m_pending->done);
    m_pending.reset();
    done(reply);
}

} // namespace storeloom::shopify
