#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace storeloom::sandbox::shopify {

struct HttpRequest
{
    QByteArray method;
    QUrl url; // path and query, as sent
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

// An answer, and how the wire should misbehave while sending it.
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString filePath; // when set, the body is this file, streamed
    int delayMs = 0;          // wait before the first byte
    bool resetMidway = false; // send half the body, then reset the connection

    HttpResponse &header(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
        return *this;
    }

    static HttpResponse json(int status, const QByteArray &body)
    {
        HttpResponse response;
        response.status = status;
        response.body = body;
        response.header("Content-Type", "application/json; charset=utf-8");
        return response;
    }
    static HttpResponse json(int status, const QJsonObject &object)
    {
        return json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    static HttpResponse html(int status, const QString &text)
    {
        HttpResponse response;
        response.status = status;
        response.body = "<!DOCTYPE html><html><body><p>" + text.toHtmlEscaped().toUtf8() + "</p></body></html>";
        response.header("Content-Type", "text/html; charset=utf-8");
        return response;
    }
    static HttpResponse redirect(const QByteArray &location)
    {
        HttpResponse response;
        response.status = 302;
        response.header("Location", location);
        return response;
    }
};

} // namespace storeloom::sandbox::shopify
