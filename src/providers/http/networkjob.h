#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <atomic>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace storeloom {

// One HTTP request as an adapter describes it.
struct NetworkRequest
{
    QByteArray verb = "GET";
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray contentType; // of `body`; empty: no body
    QByteArray body;
    // Sending it twice does no harm. A request that is not (a create, an
    // upload) is streamed so that Qt cannot resend it by itself after a
    // dropped connection: its fate is then reported as unknown instead.
    bool idempotent = true;
    int timeoutMs = 30000;
    qint64 maxBytes = -1; // a larger answer is aborted; -1: no limit
    bool followRedirects = false;
    QString operation; // the platform's name for it, for logs and the request log
};

// What came back: an HTTP answer, or why there was none.
struct NetworkAnswer
{
    enum class Transport {
        Answered,
        Network,   // refused, reset, DNS, TLS
        Timeout,   // nothing arrived in time
        Cancelled, // the caller's stop flag, or abort()
        TooLarge,  // more than maxBytes
        NotSent,   // the worker no longer holds its item (LeaseFence)
    };

    Transport transport = Transport::Answered;
    int status = 0;
    QByteArray body;
    QString transportError;                // Qt's text, when nothing was answered
    QHash<QByteArray, QByteArray> headers; // lower-case names
    int retryAfterSeconds = -1;            // Retry-After in seconds (either form), -1: absent

    bool answered() const { return transport == Transport::Answered; }
    bool ok() const { return answered() && status >= 200 && status < 300; }
    QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
    int intHeader(const QByteArray &lowerCaseName) const; // -1 when absent or not a number
};

// The one way adapters talk HTTP, after Nextcloud's AbstractNetworkJob: one
// job per request with its timeout, Retry-After read, the transport's errors
// told apart from the platform's, a request log for contract checks (with
// credentials redacted), and — on an executor worker — the item's lease
// confirmed before anything is sent.
class NetworkJob : public QObject
{
    Q_OBJECT

public:
    NetworkJob(QNetworkAccessManager &network, NetworkRequest request, QObject *parent = nullptr);
    ~NetworkJob() override;

    // Sends; finished() follows once, on this object's thread.
    void start();
    void abort();

    // Sends without waiting: `done` runs on `context`'s thread with the
    // answer, unless `context` is gone by then. The job deletes itself.
    static void send(QNetworkAccessManager &network, NetworkRequest request, const QObject *context,
                     std::function<void(const NetworkAnswer &)> done);
    // Sends on the calling thread and waits for the answer in a local event
    // loop, aborting promptly when `stop` is raised (worker threads).
    static NetworkAnswer run(QNetworkAccessManager &network, const NetworkRequest &request,
                             const std::atomic_bool *stop = nullptr);

    // Called for every request that got an answer, any thread: credentials
    // (Authorization, API keys, tokens) are already replaced by "[redacted]".
    using RequestLog = std::function<void(const NetworkRequest &, const NetworkAnswer &)>;
    static void setRequestLog(RequestLog log);
    static NetworkRequest redacted(NetworkRequest request);

Q_SIGNALS:
    void finished(const storeloom::NetworkAnswer &answer);

private:
    void onFinished();

    QNetworkAccessManager &m_network;
    NetworkRequest m_request;
    QPointer<QNetworkReply> m_reply;
    bool m_aborted = false;
    bool m_tooLarge = false;
};

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::NetworkAnswer)
