#pragma once

#include <QByteArray>
#include <QHttpServer>
#include <QList>
#include <QMap>
#include <QUrl>

// A token endpoint that answers what the test tells it to and records the
// form bodies it receives, to check what goes over the wire (encoding, the
// parameters Qt 6.4 adds or drops) and how failed answers are reported.
class FakeTokenEndpoint
{
public:
    struct Answer
    {
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
    };

    FakeTokenEndpoint();
    bool listen(); // 127.0.0.1, a free port
    QUrl tokenUrl() const;
    QUrl authorizationUrl() const;

    void queue(const Answer &answer) { m_answers.append(answer); }
    QList<QMap<QString, QString>> requests() const { return m_requests; } // decoded forms
    QList<QByteArray> rawBodies() const { return m_rawBodies; }

    static QMap<QString, QString> decodeForm(const QByteArray &body);

private:
    QHttpServer m_server;
    quint16 m_port = 0;
    QList<Answer> m_answers;
    QList<QMap<QString, QString>> m_requests;
    QList<QByteArray> m_rawBodies;
};
