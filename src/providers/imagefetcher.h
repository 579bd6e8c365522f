#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <atomic>
#include <memory>

class QNetworkAccessManager;

namespace storeloom {

// Downloads a catalog image (http, https or file) for a channel upload, on
// the calling worker thread. Only images come back: the bytes must be PNG,
// JPEG, GIF or WebP, and no larger than a channel would take.
class ImageFetcher
{
public:
    struct Image
    {
        QByteArray bytes;
        QString mimeType;
        QString fileName;
    };
    struct Result
    {
        Image image;
        QString error; // for the merchant; empty on success
        bool ok() const { return error.isEmpty(); }
    };

    explicit ImageFetcher(const std::atomic_bool *stop = nullptr, int timeoutMs = 30000);
    ~ImageFetcher();

    Result fetch(const QUrl &url);

    static QString mimeTypeOf(const QByteArray &bytes); // empty when not an image we send

private:
    const std::atomic_bool *m_stop;
    int m_timeoutMs;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace storeloom
