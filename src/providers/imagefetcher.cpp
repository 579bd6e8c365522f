#include "imagefetcher.h"

#include "http/networkjob.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QNetworkAccessManager>

namespace storeloom {

namespace {

constexpr qint64 kMaxBytes = 20 * 1024 * 1024; // Etsy's own ceiling for a listing image

QString tr(const char *text)
{
    return QCoreApplication::translate("ImageFetcher", text);
}

} // namespace

ImageFetcher::ImageFetcher(const std::atomic_bool *stop, int timeoutMs)
    : m_stop(stop), m_timeoutMs(timeoutMs), m_network(std::make_unique<QNetworkAccessManager>())
{}

ImageFetcher::~ImageFetcher() = default;

QString ImageFetcher::mimeTypeOf(const QByteArray &bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("image/png");
    if (bytes.startsWith("\xff\xd8\xff"))
        return QStringLiteral("image/jpeg");
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return QStringLiteral("image/gif");
    if (bytes.size() > 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    return {};
}

ImageFetcher::Result ImageFetcher::fetch(const QUrl &url)
{
    Result result;
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https") &&
        scheme != QLatin1String("file")) {
        result.error = tr("The image address %1 is not a web address.").arg(url.toDisplayString());
        return result;
    }
    NetworkRequest request;
    request.url = url;
    request.timeoutMs = m_timeoutMs;
    request.maxBytes = kMaxBytes;
    request.followRedirects = true;
    request.operation = QStringLiteral("image");
    const NetworkAnswer answer = NetworkJob::run(*m_network, request, m_stop);
    const QByteArray &bytes = answer.body;
    if (m_stop && *m_stop) {
        result.error = tr("Stopped.");
    } else if (answer.transport == NetworkAnswer::Transport::TooLarge) {
        result.error = tr("The image %1 is larger than 20 MB.").arg(url.toDisplayString());
    } else if (!answer.ok()) {
        const QString why = answer.answered() ? tr("HTTP %1").arg(answer.status)
                                              : answer.transportError;
        result.error = tr("Could not download the image %1: %2").arg(url.toDisplayString(), why);
    } else if (const QString mime = mimeTypeOf(bytes); mime.isEmpty()) {
        result.error = tr("%1 is not a PNG, JPEG, GIF or WebP image.").arg(url.toDisplayString());
    } else {
        result.image = {bytes, mime, QFileInfo(url.path()).fileName()};
        if (result.image.fileName.isEmpty())
            result.image.fileName = QStringLiteral("image");
    }
    return result;
}

} // namespace storeloom
