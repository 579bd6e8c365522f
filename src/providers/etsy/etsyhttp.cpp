#include "etsyhttp.h"

#include <QDateTime>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>
#include <algorithm>
#include <cstring>

namespace storeloom::etsy {

namespace {

constexpr int kStopPollMs = 50; // how soon a raised stop flag aborts the transfer

QUrl urlFor(const QUrl &api, const EtsyRequest &request)
{
    QUrl url = api;
    QString base = api.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + request.path);
    QByteArray query;
    for (const auto &[key, value] : request.query) {
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    if (!query.isEmpty())
        url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}

// A quoted Content-Disposition parameter cannot hold quotes or line breaks.
QByteArray dispositionValue(const QString &text)
{
    QByteArray value = text.toUtf8();
    for (char &c : value) {
        if (c == '"' || c == '\r' || c == '\n' || c == '\\')
            c = '_';
    }
    return value;
}

// multipart/form-data, built here rather than with QHttpMultiPart so that
// the body can go through a OneShotBody (a QHttpMultiPart always rewinds).
QByteArray multipartBody(const EtsyRequest &request, QByteArray *contentType)
{
    QByteArray boundary;
    do {
        boundary = "storeloom-" + QByteArray::number(QRandomGenerator::system()->generate64(), 16) +
                   QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    } while (request.file->bytes.contains(boundary));
    QByteArray body;
    const auto partHead = [&](const QString &name) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" +
                dispositionValue(name) + '"';
    };
    for (const auto &[name, value] : request.multipartFields) {
        partHead(name);
        body += "\r\n\r\n" + value.toUtf8() + "\r\n";
    }
    const EtsyRequest::File &file = *request.file;
    partHead(file.partName);
    body += "; filename=\"" + dispositionValue(file.fileName) + "\"\r\nContent-Type: " +
            file.mimeType.toUtf8() + "\r\n\r\n" + file.bytes + "\r\n--" + boundary + "--\r\n";
    *contentType = "multipart/form-data; boundary=" + boundary;
    return body;
}

// Qt sends a request again by itself when the connection closes before the
// answer begins (its reconnect attempts) — for a create, a second listing.
// A body that cannot be rewound makes Qt report the error instead.
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

int intHeader(const QNetworkReply *reply, const QByteArray &name)
{
    bool ok = false;
    const int value = reply->rawHeader(name).trimmed().toInt(&ok);
    return ok ? value : -1;
}

// Retry-After is seconds from Etsy, but the HTTP-date form is legal too.
int retryAfterSeconds(const QNetworkReply *reply)
{
    const QByteArray raw = reply->rawHeader("retry-after").trimmed();
    bool ok = false;
    const int seconds = raw.toInt(&ok);
    if (ok)
        return std::max(0, seconds);
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(raw), Qt::RFC2822Date);
    return at.isValid() ? std::max<int>(0, int(QDateTime::currentDateTimeUtc().secsTo(at))) : -1;
}

QNetworkReply *send(QNetworkAccessManager &network, QNetworkRequest &http,
                    const EtsyRequest &request)
{
    QByteArray contentType = request.contentType;
    const QByteArray body = request.file ? multipartBody(request, &contentType) : request.body;
    if (contentType.isEmpty())
        return network.sendCustomRequest(http, request.verb);
    http.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (request.idempotent)
        return network.sendCustomRequest(http, request.verb, body);
    // Streamed as it is, so that Qt cannot send it a second time.
    http.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
    http.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    auto *device = new OneShotBody(body, nullptr);
    QNetworkReply *reply = network.sendCustomRequest(http, request.verb, device);
    device->setParent(reply);
    return reply;
}

} // namespace

EtsyHttpAnswer sendEtsyRequest(QNetworkAccessManager &network, const EtsyHttpSettings &settings,
                               const EtsyRequest &request, const QString &accessToken)
{
    QNetworkRequest http(urlFor(settings.api, request));
    http.setRawHeader("x-api-key", settings.apiKey);
    http.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    http.setRawHeader("Accept", "application/json");
    http.setTransferTimeout(settings.timeoutMs);
    QNetworkReply *reply = send(network, http, request);

    bool cancelled = false;
    QEventLoop loop;
    QTimer stopPoll;
    stopPoll.setInterval(kStopPollMs);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&stopPoll, &QTimer::timeout, &loop, [&] {
        if (settings.stop && settings.stop->load()) {
            cancelled = true;
            reply->abort(); // finishes the reply, which ends the loop
        }
    });
    stopPoll.start();
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);

    EtsyHttpAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();
    // Errors below 100 are the transport's (refused, reset mid-body, timed
    // out); HTTP statuses come as content/protocol/server errors above it.
    const bool transportFailed =
        answer.status == 0 ||
        (error != QNetworkReply::NoError && error < QNetworkReply::ProxyConnectionRefusedError);
    if (cancelled) {
        answer.transport = EtsyHttpAnswer::Transport::Cancelled;
    } else if (transportFailed) {
        // Qt 6.4 reports its own transfer timeout as "operation canceled".
        const bool timedOut = error == QNetworkReply::TimeoutError ||
                              error == QNetworkReply::OperationCanceledError;
        answer.transport = timedOut ? EtsyHttpAnswer::Transport::Timeout
                                    : EtsyHttpAnswer::Transport::Network;
        answer.transportError = reply->errorString();
    } else {
        answer.body = reply->readAll();
    }
    answer.limitPerSecond = intHeader(reply, "x-limit-per-second");
    answer.remainingThisSecond = intHeader(reply, "x-remaining-this-second");
    answer.limitPerDay = intHeader(reply, "x-limit-per-day");
    answer.remainingToday = intHeader(reply, "x-remaining-today");
    answer.retryAfterSeconds = retryAfterSeconds(reply);
    delete reply; // finished, and no longer in any of its signals
    return answer;
}

} // namespace storeloom::etsy
