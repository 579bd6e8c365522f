#include "etsyclient.h"

#include "accesstokensource.h"
#include "etsyquota.h"
#include "leasefence.h"
#include "ratebudget.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QThread>
#include <algorithm>

namespace storeloom::etsy {

Q_LOGGING_CATEGORY(lcEtsy, "storeloom.etsy", QtInfoMsg)

namespace {

constexpr int kPauseSliceMs = 50; // how soon a raised stop flag ends a wait

QString tr(const char *text)
{
    return QCoreApplication::translate("EtsyClient", text);
}

QString id(qint64 value)
{
    return QString::number(value);
}

QString shopPath(qint64 shopId)
{
    return QStringLiteral("/v3/application/shops/") + id(shopId);
}

QString listingPath(qint64 listingId)
{
    return QStringLiteral("/v3/application/listings/") + id(listingId);
}

EtsyRequest get(const QString &operation, const QString &path)
{
    EtsyRequest request;
    request.operation = operation;
    request.path = path;
    return request;
}

EtsyRequest withForm(const QString &operation, QByteArray verb, const QString &path,
                     const ListingForm &form)
{
    EtsyRequest request = get(operation, path);
    request.verb = std::move(verb);
    request.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
    request.body = form.encoded();
    return request;
}

EtsyError makeError(EtsyError::Kind kind, int status, const QString &message, bool outcomeUnknown)
{
    EtsyError error;
    error.kind = kind;
    error.httpStatus = status;
    error.message = message;
    error.outcomeUnknown = outcomeUnknown;
    return error;
}

EtsyJsonResult failure(EtsyError error)
{
    return EtsyJsonResult{QJsonObject(), std::move(error)};
}

EtsyJsonResult parseSuccess(const EtsyRequest &request, const EtsyHttpAnswer &answer)
{
    if (answer.body.trimmed().isEmpty())
        return {}; // 204 No Content (a deleted image)
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(answer.body, &parseError);
    if (parseError.error == QJsonParseError::NoError && json.isObject())
        return EtsyJsonResult{json.object(), EtsyError()};
    const QString why = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                     : tr("not a JSON object");
    // A create that Etsy accepted but whose answer is unreadable left
    // something behind that the caller cannot name.
    return failure(makeError(EtsyError::Kind::Malformed, answer.status,
                             tr("Etsy's answer to %1 could not be read (%2).")
                                 .arg(request.operation, why),
                             !request.idempotent));
}

EtsyError throttledError(int retryAfterSeconds, bool dayBudgetSpent)
{
    const QString when = QLocale().toString(
        QDateTime::currentDateTime().addSecs(retryAfterSeconds), QLocale::ShortFormat);
    EtsyError error = makeError(
        EtsyError::Kind::Throttled, 429,
        dayBudgetSpent
            ? tr("Etsy's daily request limit for this app is used up. Try again after %1.").arg(when)
            : tr("Etsy kept asking Storeloom to slow down. Try again after %1.").arg(when),
        false);
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
}

} // namespace

EtsyClient::EtsyClient(Options options)
    : m_options(std::move(options)),
      m_http{m_options.api, m_options.apiKey, m_options.timeoutMs, m_options.stop},
      m_network(std::make_unique<QNetworkAccessManager>())
{}

EtsyClient::~EtsyClient() = default;

bool EtsyClient::stopped() const
{
    return m_options.stop && m_options.stop->load();
}

// Waits on this thread, a slice at a time, so Cancel is noticed promptly.
bool EtsyClient::pause(qint64 ms, const QString &why)
{
    if (m_options.waiting)
        m_options.waiting(ms, why);
    const QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        if (stopped())
            return false;
        QThread::msleep(ulong(std::clamp<qint64>(deadline.remainingTime(), 1, kPauseSliceMs)));
    }
    return !stopped();
}

namespace {
// How much of Etsy's per-second limit the pacing uses: the rest absorbs the
// difference between this machine's clock and Etsy's window.
constexpr double kShareOfLimit = 0.95;
} // namespace

void EtsyClient::record(const EtsyHttpAnswer &answer)
{
    if (m_options.budget && answer.limitPerSecond > 0 && answer.remainingThisSecond >= 0) {
        // Etsy counts a sliding second: a bucket that could burst its whole
        // capacity after a refill would go over it. Requests are spaced
        // evenly just under the limit instead; answers that arrive late never
        // hand out more, and "nothing left this second" empties the bucket.
        RateBudget &budget = *m_options.budget;
        const double refill = answer.limitPerSecond * kShareOfLimit;
        const double available =
            answer.remainingThisSecond == 0 ? 0.0 : std::min(budget.available(), 1.0);
        budget.update(available, 1.0, refill);
    }
    if (m_options.quota && answer.limitPerDay >= 0 && answer.remainingToday >= 0)
        m_options.quota->record(answer.limitPerDay, answer.remainingToday);
}

EtsyJsonResult EtsyClient::execute(const EtsyRequest &request)
{
    Q_ASSERT_X(QThread::currentThread() == m_network->thread(), "EtsyClient",
               "used on a thread other than the one that created it");
    using Transport = EtsyHttpAnswer::Transport;
    using Kind = EtsyError::Kind;
    const EtsyError cancelled =
        makeError(Kind::Cancelled, 0, tr("Cancelled before Etsy answered."), false);

    QString token = m_options.tokens ? m_options.tokens->accessToken() : QString();
    int throttles = 0;
    int transientRetries = 0;
    bool renewed = false;
    for (;;) {
        if (stopped() || (m_options.budget && !m_options.budget->acquire(1, m_options.stop)))
            return failure(cancelled);
        // The wait for budget can outlast the item's lease: a worker that no
        // longer holds its item must not act on it (checked before the
        // caller's last word, which may claim something for the item).
        if (LeaseFence *fence = LeaseFence::current(); fence && !fence->confirm())
            return failure(makeError(Kind::Cancelled, 0, LeaseFence::lostMessage(), false));
        if (request.beforeSend && !request.beforeSend())
            return failure(makeError(Kind::Cancelled, 0, tr("Not sent: the caller held it back."),
                                     false));
        ++m_stats.requests;
        const EtsyHttpAnswer answer = sendEtsyRequest(*m_network, m_http, request, token);
        record(answer);
        qCDebug(lcEtsy) << request.operation << "answered" << answer.status;

        if (answer.transport == Transport::NotSent)
            return failure(makeError(Kind::Cancelled, 0, answer.transportError, false));
        if (answer.transport == Transport::Cancelled) {
            EtsyError error = cancelled;
            error.outcomeUnknown = !request.idempotent; // it may have arrived
            return failure(error);
        }
        const bool transport = answer.transport != Transport::Answered;
        const bool transient = transport || answer.status >= 500;
        if (transient && request.idempotent &&
            transientRetries < m_options.maxTransientRetries) {
            // Exponential backoff with jitter, so the connection's workers spread out.
            const qint64 base = qint64(m_options.backoffMs) << transientRetries;
            const qint64 ms = base / 2 + QRandomGenerator::global()->bounded(base / 2 + 1);
            ++transientRetries;
            ++m_stats.retries;
            qCInfo(lcEtsy) << request.operation << "failed (HTTP" << answer.status
                           << answer.transportError << "); retrying in" << ms << "ms";
            if (!pause(ms, tr("Etsy did not answer properly; trying again")))
                return failure(cancelled);
            continue;
        }
        if (transport) {
            const bool timedOut = answer.transport == Transport::Timeout;
            return failure(makeError(
                timedOut ? Kind::Timeout : Kind::Network, 0,
                timedOut ? tr("Etsy did not answer within %1 seconds.").arg(m_options.timeoutMs / 1000)
                         : tr("Etsy could not be reached: %1").arg(answer.transportError),
                !request.idempotent));
        }

        if (answer.status >= 200 && answer.status < 300)
            return parseSuccess(request, answer);

        if (answer.status == 429) {
            // Etsy did nothing with the request: sending it again is always safe.
            ++m_stats.throttled;
            const int seconds = answer.retryAfterSeconds >= 0 ? answer.retryAfterSeconds : 1;
            if (seconds > m_options.longestThrottleWaitSeconds)
                return failure(throttledError(seconds, true));
            if (throttles >= m_options.maxThrottleRetries)
                return failure(throttledError(seconds, false));
            ++throttles;
            ++m_stats.retries;
            qCInfo(lcEtsy) << request.operation << "throttled; waiting" << seconds << "s";
            // Every worker of the connection holds back, not only this one.
            if (m_options.budget)
                m_options.budget->pauseFor(std::chrono::seconds(seconds));
            if (!pause(qint64(seconds) * 1000, tr("Etsy asked to slow down")))
                return failure(cancelled);
            continue;
        }

        if (answer.status == 401 && !renewed && m_options.tokens) {
            renewed = true;
            const QString fresh = m_options.tokens->renewAfterRejection(token);
            if (!fresh.isEmpty()) {
                qCInfo(lcEtsy) << request.operation << "401: sending again with a renewed token";
                token = fresh;
                ++m_stats.retries;
                continue;
            }
        }

        EtsyError error = EtsyError::fromHttp(answer.status, answer.body);
        if (error.kind == Kind::Unauthorized)
            error.message = tr("Etsy no longer accepts this connection's sign-in; reconnect it in "
                               "Connectors.");
        // A 5xx may come after the create was done.
        error.outcomeUnknown = error.kind == Kind::Server && !request.idempotent;
        qCInfo(lcEtsy) << request.operation << "failed:" << EtsyError::kindName(error.kind)
                       << answer.status;
        return failure(error);
    }
}

EtsyJsonResult EtsyClient::me()
{
    return execute(get(QStringLiteral("getMe"), QStringLiteral("/v3/application/users/me")));
}

EtsyJsonResult EtsyClient::shop(qint64 shopId)
{
    return execute(get(QStringLiteral("getShop"), shopPath(shopId)));
}

EtsyJsonResult EtsyClient::shippingProfiles(qint64 shopId)
{
    return execute(get(QStringLiteral("getShopShippingProfiles"),
                       shopPath(shopId) + QStringLiteral("/shipping-profiles")));
}

EtsyJsonResult EtsyClient::readinessStateDefinitions(qint64 shopId)
{
    return execute(get(QStringLiteral("getShopReadinessStateDefinitions"),
                       shopPath(shopId) + QStringLiteral("/readiness-state-definitions")));
}

EtsyJsonResult EtsyClient::sellerTaxonomyNodes()
{
    return execute(get(QStringLiteral("getSellerTaxonomyNodes"),
                       QStringLiteral("/v3/application/seller-taxonomy/nodes")));
}

EtsyJsonResult EtsyClient::createDraftListing(qint64 shopId, const ListingForm &form,
                                              const std::function<bool()> &beforeSend)
{
    EtsyRequest request = withForm(QStringLiteral("createDraftListing"), "POST",
                                   shopPath(shopId) + QStringLiteral("/listings"), form);
    request.idempotent = false; // a second send makes a second listing
    request.beforeSend = beforeSend;
    return execute(request);
}

EtsyJsonResult EtsyClient::updateListing(qint64 shopId, qint64 listingId, const ListingForm &form)
{
    return execute(withForm(QStringLiteral("updateListing"), "PATCH",
                            shopPath(shopId) + QStringLiteral("/listings/") + id(listingId), form));
}

EtsyJsonResult EtsyClient::listingsByShop(qint64 shopId, const QString &state, int limit,
                                          int offset, const QString &sortOn,
                                          const QString &sortOrder)
{
    EtsyRequest request =
        get(QStringLiteral("getListingsByShop"), shopPath(shopId) + QStringLiteral("/listings"));
    if (!state.isEmpty())
        request.query.append({QStringLiteral("state"), state});
    request.query.append({QStringLiteral("limit"), QString::number(std::clamp(limit, 1, 100))});
    request.query.append({QStringLiteral("offset"), QString::number(std::max(offset, 0))});
    if (!sortOn.isEmpty())
        request.query.append({QStringLiteral("sort_on"), sortOn});
    if (!sortOrder.isEmpty())
        request.query.append({QStringLiteral("sort_order"), sortOrder});
    return execute(request);
}

EtsyJsonResult EtsyClient::listing(qint64 listingId)
{
    return execute(get(QStringLiteral("getListing"), listingPath(listingId)));
}

EtsyJsonResult EtsyClient::listingImages(qint64 listingId)
{
    return execute(
        get(QStringLiteral("getListingImages"), listingPath(listingId) + QStringLiteral("/images")));
}

EtsyJsonResult EtsyClient::uploadListingImage(qint64 shopId, qint64 listingId,
                                              const QByteArray &bytes, const QString &fileName,
                                              const QString &mimeType, int rank,
                                              const QString &altText)
{
    EtsyRequest request = get(QStringLiteral("uploadListingImage"),
                              shopPath(shopId) + QStringLiteral("/listings/") + id(listingId) +
                                  QStringLiteral("/images"));
    request.verb = "POST";
    request.idempotent = false; // a second send adds the image twice
    if (rank > 0)
        request.multipartFields.append({QStringLiteral("rank"), QString::number(rank)});
    if (!altText.isEmpty())
        request.multipartFields.append({QStringLiteral("alt_text"), altText});
    request.file = EtsyRequest::File{QStringLiteral("image"), fileName, mimeType, bytes};
    return execute(request);
}

EtsyJsonResult EtsyClient::deleteListingImage(qint64 shopId, qint64 listingId, qint64 imageId)
{
    EtsyRequest request = get(QStringLiteral("deleteListingImage"),
                              shopPath(shopId) + QStringLiteral("/listings/") + id(listingId) +
                                  QStringLiteral("/images/") + id(imageId));
    request.verb = "DELETE";
    return execute(request);
}

EtsyJsonResult EtsyClient::listingInventory(qint64 listingId)
{
    return execute(get(QStringLiteral("getListingInventory"),
                       listingPath(listingId) + QStringLiteral("/inventory")));
}

EtsyJsonResult EtsyClient::updateListingInventory(qint64 listingId,
                                                  const QJsonObject &wholeInventory)
{
    EtsyRequest request = get(QStringLiteral("updateListingInventory"),
                              listingPath(listingId) + QStringLiteral("/inventory"));
    request.verb = "PUT";
    request.contentType = QByteArrayLiteral("application/json");
    request.body = QJsonDocument(wholeInventory).toJson(QJsonDocument::Compact);
    return execute(request);
}

} // namespace storeloom::etsy
