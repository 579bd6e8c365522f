#include "etsysandbox.h"

#include "etsy/api/etsyapi.h"
#include "etsy/api/etsyrouter.h"
#include "etsy/etsylogging.h"
#include "etsy/server/etsyhttpserver.h"
#include "etsy/server/ratelimiter.h"
#include "etsy/server/requestlog.h"
#include "etsy/store/etsyshop.h"

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

EtsySandbox::EtsySandbox(EtsySandboxOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
    m_shop = std::make_unique<EtsyShop>(
        ShopSettings{m_options.userId, m_options.shopId, m_options.shopName, m_options.currency});
    m_store = std::make_unique<ListingStore>(m_clock, *m_shop);
    m_store->seed(m_options.seedListings);
    m_auth = std::make_unique<EtsyAuth>(m_clock, EtsyAuthSettings{m_options.keystring, m_options.sharedSecret,
                                                                  m_options.userId,
                                                                  m_options.accessTokenLifetimeSeconds, 300});
    m_limiter = std::make_unique<RateLimiter>(m_clock, RateLimits{m_options.perSecondLimit, m_options.perDayLimit});
    m_log = std::make_unique<RequestLog>();
    m_api = std::make_unique<EtsyApi>(*m_shop, *m_store);
    m_router = std::make_unique<EtsyRouter>(*m_api, *m_auth, *m_limiter, m_faults, *m_log, m_counters);
    m_thread.setObjectName(u"etsy-sandbox"_s);
    m_thread.start();
}

EtsySandbox::~EtsySandbox()
{
    if (m_server)
        QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool EtsySandbox::listen(quint16 port)
{
    if (!m_server) {
        m_server = new EtsyHttpServer([this](const HttpRequest &request) {
            QMutexLocker locker(&m_mutex);
            return m_router->handle(request);
        });
        m_server->moveToThread(&m_thread);
    }
    bool listening = false;
    QMetaObject::invokeMethod(
        m_server,
        [this, port, &listening] {
            listening = m_server->listen(port);
            m_port = m_server->port();
        },
        Qt::BlockingQueuedConnection);
    if (listening)
        qCInfo(lcEtsySandbox) << "Etsy sandbox listening on" << url().toString();
    return listening;
}

QUrl EtsySandbox::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

EtsySandbox::Tokens EtsySandbox::issueTokens()
{
    QMutexLocker locker(&m_mutex);
    return m_auth->issueTokens();
}

bool EtsySandbox::expireAccessToken(const QString &accessToken)
{
    QMutexLocker locker(&m_mutex);
    return m_auth->expireAccessToken(accessToken);
}

bool EtsySandbox::revokeRefreshToken(const QString &refreshToken)
{
    QMutexLocker locker(&m_mutex);
    return m_auth->revokeRefreshToken(refreshToken);
}

void EtsySandbox::setRemainingToday(int remaining)
{
    QMutexLocker locker(&m_mutex);
    m_limiter->setRemainingToday(m_options.keystring, remaining);
}

void EtsySandbox::freezeClock()
{
    QMutexLocker locker(&m_mutex);
    m_clock.freeze();
}

void EtsySandbox::advanceClock(qint64 ms)
{
    QMutexLocker locker(&m_mutex);
    m_clock.advance(ms);
}

void EtsySandbox::addFault(const EtsyFault &fault)
{
    QMutexLocker locker(&m_mutex);
    m_faults.add(fault);
}

void EtsySandbox::clearFaults()
{
    QMutexLocker locker(&m_mutex);
    m_faults.clear();
}

void EtsySandbox::failNext(const QByteArray &method, const QString &pathPattern, int status, int count)
{
    addFault({EtsyFault::Kind::Status, method, pathPattern, count, status, 0});
}

void EtsySandbox::dropNext(const QByteArray &method, const QString &pathPattern, int count)
{
    addFault({EtsyFault::Kind::Drop, method, pathPattern, count, 0, 0});
}

void EtsySandbox::delayNext(const QByteArray &method, const QString &pathPattern, int delayMs, int count)
{
    addFault({EtsyFault::Kind::Delay, method, pathPattern, count, 0, delayMs});
}

void EtsySandbox::commitThenLoseReply(const QByteArray &method, const QString &pathPattern, int status, int count)
{
    addFault({status ? EtsyFault::Kind::CommitThenStatus : EtsyFault::Kind::CommitThenDrop, method, pathPattern,
              count, status, 0});
}

void EtsySandbox::malformedNext(const QByteArray &method, const QString &pathPattern, int count)
{
    addFault({EtsyFault::Kind::Malformed, method, pathPattern, count, 0, 0});
}

bool EtsySandbox::setRequestLog(const QString &path)
{
    QMutexLocker locker(&m_mutex);
    return m_log->open(path);
}

QList<QJsonObject> EtsySandbox::listings() const
{
    QMutexLocker locker(&m_mutex);
    return m_store->listings();
}

std::optional<QJsonObject> EtsySandbox::listing(qint64 listingId) const
{
    QMutexLocker locker(&m_mutex);
    return m_store->listing(listingId);
}

QJsonObject EtsySandbox::inventory(qint64 listingId) const
{
    QMutexLocker locker(&m_mutex);
    return m_store->inventory(listingId);
}

QList<EtsyImage> EtsySandbox::images(qint64 listingId) const
{
    QMutexLocker locker(&m_mutex);
    return m_store->images(listingId);
}

int EtsySandbox::imageCount(qint64 listingId) const
{
    return int(images(listingId).size());
}

EtsyCounters EtsySandbox::counters() const
{
    QMutexLocker locker(&m_mutex);
    return m_counters;
}

void EtsySandbox::resetCounters()
{
    QMutexLocker locker(&m_mutex);
    m_counters = {};
}

} // namespace storeloom::sandbox::etsy
