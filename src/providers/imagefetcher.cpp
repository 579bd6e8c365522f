#include "imagefetcher.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

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
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received) {
        if (received > kMaxBytes)
            reply->abort();
    });
    QTimer stopCheck;
    QObject::connect(&stopCheck, &QTimer::timeout, reply, [this, reply] {
        if (m_stop && *m_stop)
            reply->abort();
    });
    stopCheck.start(100);
    if (!reply->isFinished())
        loop.exec();
    reply->deleteLater();

    const QByteArray bytes = reply->readAll();
    if (m_stop && *m_stop) {
        result.error = tr("Stopped.");
    } else if (reply->error() != QNetworkReply::NoError) {
        result.error = tr("Could not download the image %1: %2")
                           .arg(url.toDisplayString(), reply->errorString());
    } else if (bytes.size() > kMaxBytes) {
        result.error = tr("The image %1 is larger than 20 MB.").arg(url.toDisplayString());
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
