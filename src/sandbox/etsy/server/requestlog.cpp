#include "requestlog.h"

#include "etsy/api/formdata.h"
#include "etsy/etsylogging.h"

#include <QJsonArray>

namespace storeloom::sandbox::etsy {

using namespace Qt::StringLiterals;

bool RequestLog::open(const QString &path)
{
    m_file.close();
    if (path.isEmpty())
        return true;
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        qCWarning(lcEtsySandbox) << "cannot open the request log" << path << m_file.errorString();
        return false;
    }
    return true;
}

void RequestLog::record(const HttpRequest &request)
{
    if (!m_file.isOpen())
        return;
    m_file.write(line(request) + '\n');
    m_file.flush();
}

namespace {

// Token requests carry grants (a code, its verifier, a refresh token): the
// log keeps that they were sent, never their values.
QString withoutSecrets(const QByteArray &formBody)
{
    static const QList<QByteArray> secretFields{"code", "code_verifier", "refresh_token",
                                                "client_secret"};
    QList<QByteArray> pairs = formBody.split('&');
    for (QByteArray &pair : pairs) {
        const qsizetype equals = pair.indexOf('=');
        if (equals > 0 && secretFields.contains(pair.left(equals)))
            pair = pair.left(equals) + "=redacted";
    }
    return QString::fromUtf8(pairs.join('&'));
}

} // namespace

QByteArray RequestLog::line(const HttpRequest &request)
{
    const QString type = mediaType(request.header("content-type"));
    const bool textBody = type == u"application/x-www-form-urlencoded"_s || type == u"application/json"_s;
    auto presence = [&](const QByteArray &name) {
        return request.headers.contains(name) ? u"present"_s : u"absent"_s;
    };
    QJsonObject entry{
        {u"method"_s, QString::fromLatin1(request.method)},
        {u"path"_s, request.url.path(QUrl::FullyEncoded)},
        {u"query"_s, request.url.query(QUrl::FullyEncoded)},
        {u"contentType"_s, type},
        {u"body"_s, !textBody ? QString()
                    : type == u"application/json"_s ? QString::fromUtf8(request.body)
                                                    : withoutSecrets(request.body)},
        {u"headers"_s, QJsonObject{{u"x-api-key"_s, presence("x-api-key")},
                                   {u"authorization"_s, presence("authorization")}}}};
    if (type == u"multipart/form-data"_s) {
        QList<MultipartPart> parts; // none when the body does not parse
        parseMultipart(request.body, request.header("content-type"), &parts);
        QJsonArray described;
        for (const MultipartPart &part : std::as_const(parts)) {
            if (part.filename.isEmpty())
                described.append(QJsonObject{{u"name"_s, part.name}, {u"value"_s, QString::fromUtf8(part.data)}});
            else
                described.append(QJsonObject{
                    {u"name"_s, part.name}, {u"filename"_s, part.filename}, {u"contentType"_s, part.contentType}});
        }
        entry.insert(u"multipart"_s, described);
    }
    return QJsonDocument(entry).toJson(QJsonDocument::Compact);
}

} // namespace storeloom::sandbox::etsy
