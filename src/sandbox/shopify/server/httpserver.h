#pragma once

#include "httpmessage.h"

#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>
#include <memory>

namespace storeloom::sandbox::shopify {

using HttpHandler = std::function<HttpResponse(const HttpRequest &)>;

// One client connection: HTTP/1.1 with keep-alive and Content-Length bodies
// (no chunked encoding, one request at a time). File bodies are streamed
// 64 KiB at a time as the socket drains, so a response of any size costs
// little memory. Faults are real on the wire: a delay before the first byte,
// or half the body followed by a TCP reset.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(QTcpSocket *socket, const HttpHandler &handler, QObject *parent = nullptr);

private:
    void readRequests();
    bool takeRequest(HttpRequest *request, bool *bad);
    void respond(HttpResponse response, bool keepAlive);
    void send(const HttpResponse &response, bool keepAlive);
    void pump();
    void finishResponse();
    void resetConnection();

    QTcpSocket *m_socket;
    const HttpHandler &m_handler;
    QByteArray m_buffer;
    bool m_busy = false;
    bool m_keepAlive = true;
    bool m_continued = false; // "100 Continue" sent for the request being read
    std::unique_ptr<QFile> m_file;
    qint64 m_fileRemaining = 0; // bytes of the file still to send
    bool m_resetWhenFlushed = false;
};

// Listens on 127.0.0.1 only. Lives in (and is used from) one thread.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    explicit HttpServer(HttpHandler handler, QObject *parent = nullptr);

    bool listen(quint16 port);
    quint16 port() const;
    void close();

private:
    HttpHandler m_handler;
    QTcpServer *m_server = nullptr;
};

QByteArray reasonPhrase(int status);

} // namespace storeloom::sandbox::shopify
