#include "etsyhttp.h"

#include "http/networkjob.h"

#include <QRandomGenerator>

namespace storeloom::etsy {

namespace {

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
// a create's body can be streamed once (a QHttpMultiPart always rewinds).
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

} // namespace

EtsyHttpAnswer sendEtsyRequest(QNetworkAccessManager &network, const EtsyHttpSettings &settings,
                               const EtsyRequest &request, const QString &accessToken)
{
    NetworkRequest http;
    http.verb = request.verb;
    http.url = urlFor(settings.api, request);
    http.headers = {{"x-api-key", settings.apiKey},
                    {"Authorization", "Bearer " + accessToken.toUtf8()},
                    {"Accept", "application/json"}};
    http.contentType = request.contentType;
    http.body = request.file ? multipartBody(request, &http.contentType) : request.body;
    http.idempotent = request.idempotent;
    http.timeoutMs = settings.timeoutMs;
    http.operation = request.operation;
    const NetworkAnswer sent = NetworkJob::run(network, http, settings.stop);

    EtsyHttpAnswer answer;
    switch (sent.transport) {
    case NetworkAnswer::Transport::Answered:
        answer.transport = EtsyHttpAnswer::Transport::Answered;
        break;
    case NetworkAnswer::Transport::Timeout:
        answer.transport = EtsyHttpAnswer::Transport::Timeout;
        break;
    case NetworkAnswer::Transport::Cancelled:
        answer.transport = EtsyHttpAnswer::Transport::Cancelled;
        break;
    case NetworkAnswer::Transport::NotSent:
        answer.transport = EtsyHttpAnswer::Transport::NotSent;
        break;
    case NetworkAnswer::Transport::Network:
    case NetworkAnswer::Transport::TooLarge:
        answer.transport = EtsyHttpAnswer::Transport::Network;
        break;
    }
    answer.status = sent.status;
    answer.body = sent.body;
    answer.transportError = sent.transportError;
    answer.limitPerSecond = sent.intHeader("x-limit-per-second");
    answer.remainingThisSecond = sent.intHeader("x-remaining-this-second");
    answer.limitPerDay = sent.intHeader("x-limit-per-day");
    answer.remainingToday = sent.intHeader("x-remaining-today");
    answer.retryAfterSeconds = sent.retryAfterSeconds;
    return answer;
}

} // namespace storeloom::etsy
