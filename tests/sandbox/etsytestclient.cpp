#include "etsytestclient.h"

#include <QEventLoop>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QTimer>

namespace storeloom::test {

using namespace Qt::StringLiterals;

QJsonObject EtsyTestClient::Reply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray EtsyTestClient::Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

EtsyTestClient::EtsyTestClient(sandbox::etsy::EtsySandbox &sandbox)
    : m_sandbox(sandbox), m_token(sandbox.issueTokens().accessToken), m_apiKey(sandbox.apiKey().toUtf8())
{
}

QByteArray EtsyTestClient::encodeForm(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[key, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QNetworkRequest EtsyTestClient::request(const QString &path) const
{
    QNetworkRequest request(QUrl(m_sandbox.url().toString() + u"/v3/application"_s + path));
    if (!m_apiKey.isEmpty())
        request.setRawHeader("x-api-key", m_apiKey);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return request;
}

EtsyTestClient::Reply EtsyTestClient::get(const QString &path)
{
    return wait(m_network.get(request(path)));
}

EtsyTestClient::Reply EtsyTestClient::del(const QString &path)
{
    return wait(m_network.deleteResource(request(path)));
}

EtsyTestClient::Reply EtsyTestClient::form(const QByteArray &method, const QString &path,
                                           const QList<QPair<QString, QString>> &fields)
{
    QNetworkRequest form = request(path);
    form.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    return wait(m_network.sendCustomRequest(form, method, encodeForm(fields)));
}

EtsyTestClient::Reply EtsyTestClient::putJson(const QString &path, const QJsonObject &body)
{
    QNetworkRequest put = request(path);
    put.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    return wait(m_network.put(put, QJsonDocument(body).toJson(QJsonDocument::Compact)));
}

EtsyTestClient::Reply EtsyTestClient::upload(const QString &path, const QByteArray &image,
                                             const QList<QPair<QString, QString>> &fields, const QString &filename)
{
    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart file;
    file.setHeader(QNetworkRequest::ContentDispositionHeader,
                   u"form-data; name=\"image\"; filename=\"%1\""_s.arg(filename));
    file.setHeader(QNetworkRequest::ContentTypeHeader, u"image/png"_s);
    file.setBody(image);
    multipart->append(file);
    for (const auto &[name, value] : fields) {
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"%1\""_s.arg(name));
        part.setBody(value.toUtf8());
        multipart->append(part);
    }
    QNetworkReply *reply = m_network.post(request(path), multipart);
    multipart->setParent(reply);
    return wait(reply);
}

EtsyTestClient::Reply EtsyTestClient::getUrl(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return wait(m_network.get(request));
}

EtsyTestClient::Reply EtsyTestClient::postForm(const QUrl &url, const QList<QPair<QString, QString>> &fields)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    return wait(m_network.post(request, encodeForm(fields)));
}

QList<QPair<QString, QString>> EtsyTestClient::listingForm(const QList<QPair<QString, QString>> &changes) const
{
    QList<QPair<QString, QString>> fields{{u"quantity"_s, u"5"_s},
                                          {u"title"_s, u"Hand-poured soy candle: lavender & cedar"_s},
                                          {u"description"_s, u"A candle."_s},
                                          {u"price"_s, u"12.50"_s},
                                          {u"who_made"_s, u"i_did"_s},
                                          {u"when_made"_s, u"made_to_order"_s},
                                          {u"taxonomy_id"_s, u"1002"_s},
                                          {u"shipping_profile_id"_s, u"190000000001"_s},
                                          {u"readiness_state_id"_s, u"1400000001"_s}};
    for (const auto &change : changes) {
        const auto same = [&](const auto &field) { return field.first == change.first; };
        if (change.first != u"tags"_s)
            fields.removeIf(same);
        if (!change.second.isNull())
            fields.append(change);
    }
    return fields;
}

qint64 EtsyTestClient::createListing(const QList<QPair<QString, QString>> &changes)
{
    const Reply reply = form("POST", u"/shops/%1/listings"_s.arg(m_sandbox.options().shopId), listingForm(changes));
    return reply.status == 201 ? reply.json()[u"listing_id"_s].toInteger() : 0;
}

EtsyTestClient::Reply EtsyTestClient::wait(QNetworkReply *reply)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60'000, &loop, &QEventLoop::quit); // a hung server fails the test, not the run
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->isFinished() ? reply->error() : QNetworkReply::TimeoutError;
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

} // namespace storeloom::test
