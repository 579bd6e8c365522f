#include "httpserver.h"

#include "shopify/shopifylogging.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QTimer>

#include <sys/socket.h>

namespace storeloom::sandbox::shopify {

namespace {

constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qint64 MaxBodyBytes = 64 * 1024 * 1024;
constexpr qint64 ChunkBytes = 64 * 1024;
constexpr qint64 HighWater = 256 * 1024; // keep at most this much queued in the socket

} // namespace

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpHandler &handler, QObject *parent)
    : QObject(parent), m_socket(socket), m_handler(handler)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::readRequests);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::pump);
    connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
}

void HttpConnection::readRequests()
{
    m_buffer.append(m_socket->readAll());
    while (!m_busy) {
        HttpRequest request;
        bool bad = false;
        if (!takeRequest(&request, &bad)) {
            if (bad) {
                m_busy = true;
                send(HttpResponse::json(400, QByteArray(R"({"errors":"Bad Request"})")), false);
            }
            return;
        }
        const QByteArray connection = request.header("connection").toLower();
        const bool keepAlive = connection != "close";
        m_busy = true;
        respond(m_handler(request), keepAlive);
    }
}

bool HttpConnection::takeRequest(HttpRequest *request, bool *bad)
{
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        *bad = m_buffer.size() > MaxHeaderBytes;
        return false;
    }
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        *bad = true;
        return false;
    }
    request->method = requestLine.at(0);
    request->url = QUrl::fromEncoded(requestLine.at(1));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request->headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
    }
    bool ok = true;
    const QByteArray lengthHeader = request->header("content-length");
    const qint64 length = lengthHeader.isEmpty() ? 0 : lengthHeader.toLongLong(&ok);
    if (!ok || length < 0 || length > MaxBodyBytes || !request->header("transfer-encoding").isEmpty()) {
        *bad = true;
        return false;
    }
    if (m_buffer.size() < headerEnd + 4 + length) {
        // curl and Node wait for this before sending a larger body.
        if (!m_continued && request->header("expect").toLower() == "100-continue") {
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            m_continued = true;
        }
        return false;
    }
    m_continued = false;
    request->body = m_buffer.mid(headerEnd + 4, length);
    m_buffer.remove(0, headerEnd + 4 + length);
    return true;
}

void HttpConnection::respond(HttpResponse response, bool keepAlive)
{
    if (response.delayMs <= 0) {
        send(response, keepAlive);
        return;
    }
    QPointer<HttpConnection> self(this);
    QTimer::singleShot(response.delayMs, this, [self, response, keepAlive] {
        if (self)
            self->send(response, keepAlive);
    });
}

void HttpConnection::send(const HttpResponse &response, bool keepAlive)
{
    m_keepAlive = keepAlive && !response.resetMidway;
    qint64 length = response.body.size();
    if (!response.filePath.isEmpty()) {
        m_file = std::make_unique<QFile>(response.filePath);
        if (!m_file->open(QIODevice::ReadOnly)) {
            m_file.reset();
            send(HttpResponse::json(404, QByteArray(R"({"errors":"Not Found"})")), keepAlive);
            return;
        }
        length = m_file->size();
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) +
                      "\r\nContent-Length: " + QByteArray::number(length) +
                      "\r\nConnection: " + (m_keepAlive ? "keep-alive" : "close") + "\r\nDate: " +
                      QLocale::c().toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss").toLatin1() +
                      " GMT\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    m_socket->write(head + "\r\n");
    m_resetWhenFlushed = response.resetMidway;
    if (m_file) {
        m_fileRemaining = response.resetMidway ? length / 2 : length;
        pump();
        return;
    }
    m_socket->write(response.resetMidway ? response.body.left(response.body.size() / 2) : response.body);
    if (!m_resetWhenFlushed)
        finishResponse();
}

void HttpConnection::pump()
{
    while (m_file && m_fileRemaining > 0 && m_socket->bytesToWrite() < HighWater) {
        const QByteArray chunk = m_file->read(std::min(ChunkBytes, m_fileRemaining));
        if (chunk.isEmpty()) {
            qCWarning(lcShopifySandbox) << "file body ended early:" << m_file->fileName();
            resetConnection();
            return;
        }
        m_socket->write(chunk);
        m_fileRemaining -= chunk.size();
    }
    if (m_file && m_fileRemaining == 0) {
        m_file.reset();
        if (!m_resetWhenFlushed)
            finishResponse();
    }
    if (!m_file && m_resetWhenFlushed && m_socket->bytesToWrite() == 0)
        resetConnection();
}

void HttpConnection::finishResponse()
{
    m_busy = false;
    if (!m_keepAlive) {
        m_socket->disconnectFromHost();
        return;
    }
    QTimer::singleShot(0, this, &HttpConnection::readRequests);
}

void HttpConnection::resetConnection()
{
    // SO_LINGER 0: close() sends RST instead of FIN, as a dropped connection does.
    const linger abortive{1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    m_resetWhenFlushed = false;
    m_socket->abort();
    deleteLater();
}

HttpServer::HttpServer(HttpHandler handler, QObject *parent) : QObject(parent), m_handler(std::move(handler)) {}

bool HttpServer::listen(quint16 port)
{
    if (!m_server) {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                new HttpConnection(socket, m_handler, this);
        });
    }
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 HttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void HttpServer::close()
{
    if (m_server)
        m_server->close();
    for (HttpConnection *connection : findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly))
        delete connection;
}

} // namespace storeloom::sandbox::shopify
