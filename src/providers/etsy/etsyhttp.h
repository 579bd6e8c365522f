#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>
#include <atomic>
#include <functional>
#include <optional>
#include <utility>

class QNetworkAccessManager;

namespace storeloom::etsy {

// One Etsy request as the client sends it (again, for retries).
struct EtsyRequest
{
    struct File
    {
        QString partName; // Etsy's field: "image"
        QString fileName;
        QString mimeType;
        QByteArray bytes;
    };
    using Pairs = QList<std::pair<QString, QString>>;

    QByteArray verb = "GET";
    QString path; // /v3/application/…
    Pairs query;
    QByteArray contentType; // of `body`
    QByteArray body;
    Pairs multipartFields;      // multipart/form-data when `file` is set
    std::optional<File> file;
    bool idempotent = true; // sending it twice does no harm
    std::function<bool()> beforeSend; // last word before each send: false holds it back
    QString operation;      // Etsy's operation id, for logs
};

// What came back from one send: an HTTP answer, or why there was none.
struct EtsyHttpAnswer
{
    // NotSent: the worker no longer holds its item (its lease), so nothing went out.
    enum class Transport { Answered, Network, Timeout, Cancelled, NotSent };
    Transport transport = Transport::Answered;
    int status = 0;
    QByteArray body;
    QString transportError; // Qt's text, when nothing was answered
    // Etsy's rate headers; -1 when absent.
    int limitPerSecond = -1;
    int remainingThisSecond = -1;
    int limitPerDay = -1;
    int remainingToday = -1;
    int retryAfterSeconds = -1;
};

struct EtsyHttpSettings
{
    QUrl api;
    QByteArray apiKey;
    int timeoutMs = 30000;
    const std::atomic_bool *stop = nullptr;
};

// Sends `request` once and waits for the answer in a local event loop on
// the calling thread, aborting promptly when the stop flag is raised.
EtsyHttpAnswer sendEtsyRequest(QNetworkAccessManager &network, const EtsyHttpSettings &settings,
                               const EtsyRequest &request, const QString &accessToken);

} // namespace storeloom::etsy
