#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>
#include <utility>

class QTcpSocket;

// A plain HTTP/1.1 server on 127.0.0.1 that answers from a script, one answer
// per request in order, and records every request exactly as it arrived — to
// see what a client puts on the wire and how it copes with throttling, server
// errors, dropped connections and silence. Lives on the test's main thread.
class ScriptedHttpServer : public QObject
{
public:
    struct Part
    {
        QByteArray disposition;
        QByteArray contentType;
        QByteArray body;
    };

    struct Request
    {
        QByteArray method;
        QByteArray target; // path and query, as sent
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;

        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
        QByteArray path() const { return target.left(target.indexOf('?')); }
        QByteArray query() const;
        // The body as application/x-www-form-urlencoded, decoded as a server
        // does, keeping order and repeated keys.
        QList<std::pair<QString, QString>> formFields() const;
        // The body as multipart/form-data, split at the boundary its Content-Type names.
        QList<Part> multipartParts() const;
    };

    struct Answer
    {
        enum class Action { Respond, Drop, Hang };
        int status = 200;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        Action action = Action::Respond;
    };

    ScriptedHttpServer();
    bool listen();
    QUrl url() const;

    void queue(const Answer &answer) { m_answers.append(answer); }
    const QList<Request> &requests() const { return m_requests; }
    int count(const QByteArray &method) const;

    static Answer json(int status, const QByteArray &body,
                       QList<std::pair<QByteArray, QByteArray>> headers = {});

private:
    void onReadable(QTcpSocket *socket);
    void answer(QTcpSocket *socket);

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Answer> m_answers;
    QList<Request> m_requests;
};
