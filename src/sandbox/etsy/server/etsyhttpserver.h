#pragma once

#include "wirereply.h"

#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

namespace storeloom::sandbox::etsy {

using WireHandler = std::function<WireReply(const HttpRequest &)>;

// One client connection: HTTP/1.1 keep-alive, Content-Length bodies, one
// request at a time. Unlike the Shopify sandbox's server it can hang up
// before sending a single byte, which is how "the reply was lost" looks
// to a client.
class EtsyConnection : public QObject
{
    Q_OBJECT

public:
    EtsyConnection(QTcpSocket *socket, const WireHandler &handler, QObject *parent = nullptr);

private:
    void readRequests();
    bool takeRequest(HttpRequest *request, bool *bad);
    void send(const HttpResponse &response, bool keepAlive);
    void hangUp();

    QTcpSocket *m_socket;
    const WireHandler &m_handler;
    QByteArray m_buffer;
    bool m_busy = false;
    bool m_continued = false; // "100 Continue" sent for the request being read
};

// Listens on 127.0.0.1 only; lives in (and is used from) one thread.
class EtsyHttpServer : public QObject
{
    Q_OBJECT

public:
    explicit EtsyHttpServer(WireHandler handler, QObject *parent = nullptr);

    bool listen(quint16 port);
    quint16 port() const { return m_server.serverPort(); }

private:
    WireHandler m_handler;
    QTcpServer m_server;
};

QByteArray statusText(int status);

} // namespace storeloom::sandbox::etsy
