#include "faketokenendpoint.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>

FakeTokenEndpoint::FakeTokenEndpoint()
{
    m_server.route(QStringLiteral("/token"), QHttpServerRequest::Method::Post,
                   [this](const QHttpServerRequest &request) {
                       m_rawBodies.append(request.body());
                       m_requests.append(decodeForm(request.body()));
                       const Answer answer = m_answers.isEmpty()
                                                 ? Answer{500, "text/plain", "no answer queued"}
                                                 : m_answers.takeFirst();
                       return QHttpServerResponse(
                           answer.contentType, answer.body,
                           static_cast<QHttpServerResponder::StatusCode>(answer.status));
                   });
}

bool FakeTokenEndpoint::listen()
{
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

QUrl FakeTokenEndpoint::tokenUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/token").arg(m_port));
}

QUrl FakeTokenEndpoint::authorizationUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/authorize").arg(m_port));
}

// application/x-www-form-urlencoded, decoded the way a server does it.
QMap<QString, QString> FakeTokenEndpoint::decodeForm(const QByteArray &body)
{
    QMap<QString, QString> form;
    for (QByteArray pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        pair.replace('+', ' ');
        const qsizetype eq = pair.indexOf('=');
        form.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(pair.left(eq))),
                    eq < 0 ? QString()
                           : QString::fromUtf8(QByteArray::fromPercentEncoding(pair.mid(eq + 1))));
    }
    return form;
}
