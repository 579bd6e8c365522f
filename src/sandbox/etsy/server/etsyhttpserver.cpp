#include "etsyhttpserver.h"

#include <QDateTime>
#include <QLocale>
#include <QPointer>
#include <QTimer>

#include <sys/socket.h>

namespace storeloom::sandbox::etsy {

namespace {

constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qint64 MaxBodyBytes = 32 * 1024 * 1024;

} // namespace

QByteArray statusText(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

EtsyConnection::EtsyConnection(QTcpSocket *socket, const WireHandler &handler, QObject *parent)
    : QObject(parent), m_socket(socket), m_handler(handler)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &EtsyConnection::readRequests);
    connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
}

void EtsyConnection::readRequests()
{
    m_buffer.append(m_socket->readAll());
    if (m_busy)
        return;
    HttpRequest request;
    bool bad = false;
    if (!takeRequest(&request, &bad)) {
        if (bad) {
            m_busy = true;
            send(HttpResponse::json(400, QJsonObject{{QStringLiteral("error"), QStringLiteral("Bad Request")}}), false);
        }
        return;
    }
    m_busy = true;
    const bool keepAlive = request.header("connection").toLower() != "close";
    const WireReply reply = m_handler(request);
    QPointer<EtsyConnection> self(this);
    auto deliver = [self, reply, keepAlive] {
        if (!self)
            return;
        if (reply.drop)
            self->hangUp();
        else
            self->send(reply.response, keepAlive); // then reads the next request
    };
    if (reply.delayMs > 0)
        QTimer::singleShot(reply.delayMs, this, deliver);
    else
        deliver();
}

bool EtsyConnection::takeRequest(HttpRequest *request, bool *bad)
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
        // curl waits for this before sending a larger body.
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

void EtsyConnection::send(const HttpResponse &response, bool keepAlive)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + statusText(response.status) +
                      "\r\nContent-Length: " + QByteArray::number(response.body.size()) +
                      "\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\nDate: " +
                      QLocale::c().toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss").toLatin1() +
                      " GMT\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    m_socket->write(head + "\r\n" + response.body);
    m_busy = false;
    if (!keepAlive) {
        m_socket->disconnectFromHost();
        return;
    }
    QTimer::singleShot(0, this, &EtsyConnection::readRequests);
}

void EtsyConnection::hangUp()
{
    // SO_LINGER 0: close() sends RST instead of FIN, as a dropped connection does.
    const linger abortive{1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    m_socket->abort();
    deleteLater();
}

EtsyHttpServer::EtsyHttpServer(WireHandler handler, QObject *parent)
    : QObject(parent), m_handler(std::move(handler)), m_server(this) // a child, so it moves thread with us
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            new EtsyConnection(socket, m_handler, this);
    });
}

bool EtsyHttpServer::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

} // namespace storeloom::sandbox::etsy
