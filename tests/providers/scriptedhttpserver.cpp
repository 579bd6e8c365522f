#include "scriptedhttpserver.h"

#include <QTcpSocket>
#include <algorithm>
#include <optional>

namespace {

// The request at the start of `buffer`, once all of it has arrived.
std::optional<ScriptedHttpServer::Request> takeRequest(QByteArray &buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    ScriptedHttpServer::Request request;
    const QList<QByteArray> start = lines.first().trimmed().split(' ');
    request.method = start.value(0);
    request.target = start.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = request.header("content-length").toLongLong();
    if (buffer.size() < headEnd + 4 + length)
        return std::nullopt;
    request.body = buffer.mid(headEnd + 4, length);
    buffer.remove(0, headEnd + 4 + length);
    return request;
}

} // namespace

QByteArray ScriptedHttpServer::Request::query() const
{
    const qsizetype mark = target.indexOf('?');
    return mark < 0 ? QByteArray() : target.mid(mark + 1);
}

QList<std::pair<QString, QString>> ScriptedHttpServer::Request::formFields() const
{
    QList<std::pair<QString, QString>> fields;
    for (QByteArray pair : body.split('&')) {
        pair.replace('+', ' ');
        const qsizetype eq = pair.indexOf('=');
        fields.append({QString::fromUtf8(QByteArray::fromPercentEncoding(pair.left(eq))),
                       QString::fromUtf8(QByteArray::fromPercentEncoding(pair.mid(eq + 1)))});
    }
    return fields;
}

QList<ScriptedHttpServer::Part> ScriptedHttpServer::Request::multipartParts() const
{
    const QByteArray contentType = header("content-type");
    QByteArray boundary = contentType.mid(contentType.indexOf("boundary=") + 9);
    if (boundary.startsWith('"'))
        boundary = boundary.mid(1, boundary.size() - 2);
    const QByteArray delimiter = "--" + boundary;
    QList<Part> parts;
    qsizetype from = body.indexOf(delimiter);
    while (from >= 0) {
        from += delimiter.size();
        if (body.mid(from, 2) == "--")
            break; // the closing delimiter
        from += 2; // CRLF
        const qsizetype next = body.indexOf("\r\n" + delimiter, from);
        const QByteArray chunk = body.mid(from, next - from);
        const qsizetype headEnd = chunk.indexOf("\r\n\r\n");
        Part part;
        part.body = chunk.mid(headEnd + 4);
        for (const QByteArray &line : chunk.left(headEnd).split('\n')) {
            const QByteArray name = line.left(line.indexOf(':')).trimmed().toLower();
            const QByteArray value = line.mid(line.indexOf(':') + 1).trimmed();
            if (name == "content-disposition")
                part.disposition = value;
            else if (name == "content-type")
                part.contentType = value;
        }
        parts.append(part);
        from = next < 0 ? -1 : next + 2;
    }
    return parts;
}

ScriptedHttpServer::ScriptedHttpServer()
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

bool ScriptedHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl ScriptedHttpServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

int ScriptedHttpServer::count(const QByteArray &method) const
{
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(),
                             [&](const Request &r) { return r.method == method; }));
}

ScriptedHttpServer::Answer ScriptedHttpServer::json(int status, const QByteArray &body,
                                                    QList<std::pair<QByteArray, QByteArray>> headers)
{
    headers.prepend({"Content-Type", "application/json"});
    return Answer{status, body, headers, Answer::Action::Respond};
}

void ScriptedHttpServer::onReadable(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    while (std::optional<Request> request = takeRequest(buffer)) {
        m_requests.append(*request);
        answer(socket);
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
    }
}

void ScriptedHttpServer::answer(QTcpSocket *socket)
{
    const Answer answer = m_answers.isEmpty()
                              ? json(500, "{\"error\":\"no answer queued\"}")
                              : m_answers.takeFirst();
    switch (answer.action) {
    case Answer::Action::Hang:
        return;
    case Answer::Action::Drop:
        m_buffers.remove(socket);
        socket->abort();
        return;
    case Answer::Action::Respond:
        break;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + " Scripted\r\n";
    for (const auto &[name, value] : answer.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n\r\n";
    socket->write(out + answer.body);
}
