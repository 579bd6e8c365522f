#pragma once

#include <QAbstractSocket>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QUrl>
#include <functional>

class QTcpSocket;

namespace storeloom {

// The loopback end of an OAuth redirect (RFC 8252 §7.3): a one-shot HTTP
// listener on 127.0.0.1 only. It answers exactly one GET whose path equals the
// redirect path and whose `state` equals the expected one; anything else (another
// path, a wrong or missing state, a favicon request) gets a 4xx page and the
// listener keeps waiting. After the accepted request it stops listening.
//
// Why not QOAuthHttpServerReplyHandler (Qt 6.4): it matches the path by prefix,
// answers "success" to every request on that path before anyone has checked the
// state (so a forged callback cannot be refused), passes query values on without
// decoding them (the code then gets encoded twice) and has no way to report a
// refused request.
class LoopbackRedirect : public QObject
{
    Q_OBJECT

public:
    explicit LoopbackRedirect(QObject *parent = nullptr);
    ~LoopbackRedirect() override;

    // Binds 127.0.0.1:port (0 = a free port). On failure, listenError() and
    // errorString() say why (AddressInUseError for a busy port).
    bool listen(quint16 port, const QString &path);
    void setExpectedState(const QString &state) { m_expectedState = state; }
    // A further check after the state (a provider's signature): empty accepts,
    // anything else is the reason the request is refused.
    void setVerifier(std::function<QString(const QUrl &)> verifier)
    {
        m_verifier = std::move(verifier);
    }

    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_port; }
    QUrl redirectUri() const; // http://127.0.0.1:<port><path>
    QAbstractSocket::SocketError listenError() const { return m_server.serverError(); }
    QString errorString() const { return m_server.errorString(); }

    // Stops listening and drops connections that have not been answered.
    void close();

Q_SIGNALS:
    // The one accepted request (path and state verified); already answered and
    // the listener is closed.
    void redirectReceived(const QUrl &url);
    // A request that was answered with an error page; still listening.
    void requestRefused(const QString &reason);

private:
    void acceptConnections();
    void readRequest(QTcpSocket *socket);
    void handleRequest(QTcpSocket *socket, const QByteArray &method, const QByteArray &target);
    void respond(QTcpSocket *socket, int status, const QString &title, const QString &text);

    QTcpServer m_server;
    QString m_path;
    QString m_expectedState;
    std::function<QString(const QUrl &)> m_verifier;
    quint16 m_port = 0;
    QSet<QTcpSocket *> m_pending; // connected, not answered yet
};

} // namespace storeloom
