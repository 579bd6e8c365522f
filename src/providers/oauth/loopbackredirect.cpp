#include "loopbackredirect.h"

#include "oauthencoding.h"
#include "oauthlogging.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>
#include <utility>

namespace storeloom {

namespace {
constexpr qsizetype kMaxRequestHead = 16 * 1024;
constexpr int kIdleSocketTimeoutMs = 30'000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Bad Request";
    }
}
} // namespace

LoopbackRedirect::LoopbackRedirect(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackRedirect::acceptConnections);
}

LoopbackRedirect::~LoopbackRedirect()
{
    close();
}

bool LoopbackRedirect::listen(quint16 port, const QString &path)
{
    m_path = path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path;
    if (!m_server.listen(QHostAddress::LocalHost, port)) {
        qCWarning(lcOAuth) << "loopback redirect: cannot listen on 127.0.0.1 port" << port << ":"
                           << m_server.errorString();
        return false;
    }
    m_port = m_server.serverPort();
    qCDebug(lcOAuth) << "loopback redirect: listening on 127.0.0.1 port" << m_port;
    return true;
}

QUrl LoopbackRedirect::redirectUri() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    url.setPath(m_path);
    return url;
}

void LoopbackRedirect::close()
{
    if (m_server.isListening())
        qCDebug(lcOAuth) << "loopback redirect: closing port" << m_port;
    m_server.close();
    const QSet<QTcpSocket *> pending = std::exchange(m_pending, {});
    for (QTcpSocket *socket : pending) {
        socket->abort();
        socket->deleteLater();
    }
}

void LoopbackRedirect::acceptConnections()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this); // outlives the server's close() until answered
        m_pending.insert(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_pending.remove(socket); });
        // Browsers open speculative connections they may never use.
        QTimer::singleShot(kIdleSocketTimeoutMs, socket, [socket] { socket->abort(); });
    }
}

void LoopbackRedirect::readRequest(QTcpSocket *socket)
{
    if (!m_pending.contains(socket))
        return;
    const QByteArray head = socket->peek(kMaxRequestHead);
    if (!head.contains("\r\n\r\n")) {
        if (head.size() >= kMaxRequestHead)
            respond(socket, 431, QStringLiteral("Request too large"), QString());
        return; // wait for the rest of the request head
    }
    const QByteArray requestLine = head.left(head.indexOf("\r\n"));
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1.")) {
        respond(socket, 400, QStringLiteral("Bad request"), QString());
        Q_EMIT requestRefused(QStringLiteral("malformed request"));
        return;
    }
    handleRequest(socket, parts.at(0), parts.at(1));
}

void LoopbackRedirect::handleRequest(QTcpSocket *socket, const QByteArray &method,
                                     const QByteArray &target)
{
    const QUrl url = QUrl::fromEncoded("http://127.0.0.1:" + QByteArray::number(m_port) + target,
                                       QUrl::StrictMode);
    QString refusal;
    if (method != "GET") {
        refusal = QStringLiteral("method %1").arg(QString::fromLatin1(method));
        respond(socket, 405, QStringLiteral("Method not allowed"), QString());
    } else if (!target.startsWith('/') || !url.isValid() || url.path() != m_path) {
        refusal = QStringLiteral("wrong path");
        respond(socket, 404, QStringLiteral("Not found"), QString());
    } else if (m_expectedState.isEmpty() ||
               oauth::redirectParameters(url).value(QStringLiteral("state")).toString() !=
                   m_expectedState) {
        refusal = QStringLiteral("wrong or missing state");
        respond(socket, 400, QStringLiteral("Not this sign-in"),
                tr("This answer does not belong to the sign-in Storeloom is waiting for. "
                   "Return to Storeloom and start connecting again if needed."));
    } else if (m_verifier && !(refusal = m_verifier(url)).isEmpty()) {
        respond(socket, 400, QStringLiteral("Not this sign-in"),
                tr("This answer is not signed by the store Storeloom is connecting. "
                   "Return to Storeloom and start connecting again if needed."));
    }
    if (!refusal.isEmpty()) {
        qCWarning(lcOAuth) << "loopback redirect: refused a request:" << refusal;
        Q_EMIT requestRefused(refusal);
        return;
    }
    respond(socket, 200, QStringLiteral("Storeloom"),
            tr("The store has answered. You can close this tab and return to Storeloom."));
    m_server.close();
    qCDebug(lcOAuth) << "loopback redirect: callback accepted, port" << m_port << "closed";
    Q_EMIT redirectReceived(url);
}

void LoopbackRedirect::respond(QTcpSocket *socket, int status, const QString &title,
                               const QString &text)
{
    m_pending.remove(socket);
    socket->setParent(nullptr); // let the answer finish even if the listener goes away
    const QString escapedText = text.toHtmlEscaped();
    const QByteArray body = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                           "<title>%1</title></head><body><h1>%1</h1><p>%2</p>"
                                           "</body></html>\n")
                                .arg(title.toHtmlEscaped(), escapedText)
                                .toUtf8();
    QByteArray response =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    response += "Content-Type: text/html; charset=utf-8\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n";
    response += "Connection: close\r\n\r\n";
    socket->write(response + body);
    socket->disconnectFromHost(); // after the pending bytes are written
}

} // namespace storeloom
