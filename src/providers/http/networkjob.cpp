#include "networkjob.h"

#include "leasefence.h"

#include <QDateTime>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <cstring>

Q_LOGGING_CATEGORY(lcHttp, "storeloom.http")

namespace storeloom {

namespace {

constexpr int kStopPollMs = 50; // how soon a raised stop flag aborts the transfer

QMutex g_logMutex;
NetworkJob::RequestLog g_log;

// Qt sends a request again by itself when the connection closes before the
// answer begins (its reconnect attempts) — for a create, a second one. A
// body that cannot be rewound makes Qt report the error instead.
class OneShotBody : public QIODevice
{
public:
    OneShotBody(QByteArray data, QObject *parent) : QIODevice(parent), m_data(std::move(data))
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_data.size() - m_read; }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        const qint64 count = std::min(max, m_data.size() - m_read);
        std::memcpy(out, m_data.constData() + m_read, size_t(count));
        m_read += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_read = 0;
};

// Retry-After is seconds, but the HTTP-date form is legal too.
int retryAfterSeconds(const QByteArray &raw)
{
    if (raw.isEmpty())
        return -1;
    bool ok = false;
    const int seconds = raw.trimmed().toInt(&ok);
    if (ok)
        return std::max(0, seconds);
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(raw.trimmed()), Qt::RFC2822Date);
    return at.isValid() ? std::max<int>(0, int(QDateTime::currentDateTimeUtc().secsTo(at))) : -1;
}

bool isCredentialHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "x-api-key" || lower.contains("token") ||
           lower.contains("secret") || lower == "cookie";
}

} // namespace

int NetworkAnswer::intHeader(const QByteArray &lowerCaseName) const
{
    bool ok = false;
    const int value = headers.value(lowerCaseName).trimmed().toInt(&ok);
    return ok ? value : -1;
}

NetworkJob::NetworkJob(QNetworkAccessManager &network, NetworkRequest request, QObject *parent)
    : QObject(parent), m_network(network), m_request(std::move(request))
{
    qRegisterMetaType<NetworkAnswer>();
}

NetworkJob::~NetworkJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void NetworkJob::start()
{
    // A worker whose item another worker took over must not act on it.
    if (LeaseFence *fence = LeaseFence::current(); fence && !fence->confirm()) {
        NetworkAnswer answer;
        answer.transport = NetworkAnswer::Transport::NotSent;
        answer.transportError = LeaseFence::lostMessage();
        QMetaObject::invokeMethod(
            this, [this, answer] { Q_EMIT finished(answer); }, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest http(m_request.url);
    for (const auto &[name, value] : std::as_const(m_request.headers))
        http.setRawHeader(name, value);
    http.setTransferTimeout(m_request.timeoutMs);
    http.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                      m_request.followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy
                                                : QNetworkRequest::ManualRedirectPolicy);
    if (m_request.contentType.isEmpty()) {
        // get(), not a custom GET: only it reads file: addresses.
        m_reply = m_request.verb == "GET" ? m_network.get(http)
                                          : m_network.sendCustomRequest(http, m_request.verb);
    } else {
        http.setHeader(QNetworkRequest::ContentTypeHeader, m_request.contentType);
        if (m_request.idempotent) {
            m_reply = m_network.sendCustomRequest(http, m_request.verb, m_request.body);
        } else {
            // Streamed as it is, so that Qt cannot send it a second time.
            http.setHeader(QNetworkRequest::ContentLengthHeader, m_request.body.size());
            http.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
            auto *device = new OneShotBody(m_request.body, nullptr);
            m_reply = m_network.sendCustomRequest(http, m_request.verb, device);
            device->setParent(m_reply);
        }
    }
    if (m_request.maxBytes >= 0) {
        connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received) {
            if (received > m_request.maxBytes && m_reply) {
                m_tooLarge = true;
                m_reply->abort();
            }
        });
    }
    connect(m_reply, &QNetworkReply::finished, this, &NetworkJob::onFinished);
}

void NetworkJob::abort()
{
    m_aborted = true;
    if (m_reply)
        m_reply->abort(); // finishes the reply
}

void NetworkJob::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();

    NetworkAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        answer.headers.insert(name.toLower(), value);
    answer.retryAfterSeconds = retryAfterSeconds(answer.header("retry-after"));
    const QNetworkReply::NetworkError error = reply->error();
    // Errors below 100 are the transport's (refused, reset mid-body, timed
    // out); HTTP statuses come as content/protocol/server errors above it.
    const bool overHttp = m_request.url.scheme().startsWith(QLatin1String("http"));
    if (!overHttp && error == QNetworkReply::NoError)
        answer.status = 200; // file: and data: read, as if served
    const bool transportFailed =
        answer.status == 0 || (!overHttp && error != QNetworkReply::NoError) ||
        (error != QNetworkReply::NoError && error < QNetworkReply::ProxyConnectionRefusedError);
    if (m_aborted) {
        answer.transport = NetworkAnswer::Transport::Cancelled;
    } else if (m_tooLarge ||
               (m_request.maxBytes >= 0 && reply->bytesAvailable() > m_request.maxBytes)) {
        answer.transport = NetworkAnswer::Transport::TooLarge;
    } else if (transportFailed) {
        // Qt 6.4 reports its own transfer timeout as "operation canceled".
        const bool timedOut =
            error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError;
        answer.transport =
            timedOut ? NetworkAnswer::Transport::Timeout : NetworkAnswer::Transport::Network;
        answer.transportError = reply->errorString();
    } else {
        answer.body = reply->readAll();
    }
    qCDebug(lcHttp) << m_request.operation << m_request.verb << "answered" << answer.status;
    if (answer.answered()) {
        QMutexLocker lock(&g_logMutex);
        if (g_log)
            g_log(redacted(m_request), answer);
    }
    Q_EMIT finished(answer);
}

void NetworkJob::send(QNetworkAccessManager &network, NetworkRequest request,
                      const QObject *context, std::function<void(const NetworkAnswer &)> done)
{
    auto *job = new NetworkJob(network, std::move(request));
    connect(job, &NetworkJob::finished, context, std::move(done));
    connect(job, &NetworkJob::finished, job, &QObject::deleteLater);
    job->start();
}

NetworkAnswer NetworkJob::run(QNetworkAccessManager &network, const NetworkRequest &request,
                              const std::atomic_bool *stop)
{
    NetworkJob job(network, request);
    std::optional<NetworkAnswer> answer;
    QEventLoop loop;
    connect(&job, &NetworkJob::finished, &loop, [&](const NetworkAnswer &a) {
        answer = a;
        loop.quit();
    });
    QTimer stopPoll;
    stopPoll.setInterval(kStopPollMs);
    connect(&stopPoll, &QTimer::timeout, &loop, [&] {
        if (stop && stop->load())
            job.abort();
    });
    stopPoll.start();
    job.start();
    if (!answer)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return *answer;
}

void NetworkJob::setRequestLog(RequestLog log)
{
    QMutexLocker lock(&g_logMutex);
    g_log = std::move(log);
}

NetworkRequest NetworkJob::redacted(NetworkRequest request)
{
    for (auto &[name, value] : request.headers) {
        if (isCredentialHeader(name))
            value = QByteArrayLiteral("[redacted]");
    }
    return request;
}

} // namespace storeloom
