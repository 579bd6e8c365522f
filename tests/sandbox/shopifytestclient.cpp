#include "shopifytestclient.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace storeloom::test {

using namespace Qt::StringLiterals;

QJsonObject ShopifyTestClient::Reply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

bool ShopifyTestClient::Reply::isJson() const
{
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError;
}

QByteArray ShopifyTestClient::Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

qint64 ShopifyTestClient::Reply::requestedCost() const
{
    const QJsonValue cost = json()[u"extensions"_s][u"cost"_s][u"requestedQueryCost"_s];
    return cost.isDouble() ? qint64(cost.toDouble()) : -1;
}

qint64 ShopifyTestClient::Reply::actualCost() const
{
    const QJsonValue cost = json()[u"extensions"_s][u"cost"_s][u"actualQueryCost"_s];
    return cost.isDouble() ? qint64(cost.toDouble()) : -1;
}

QString ShopifyTestClient::Reply::firstErrorCode() const
{
    return json()[u"errors"_s][0][u"extensions"_s][u"code"_s].toString();
}

QString ShopifyTestClient::Reply::firstErrorMessage() const
{
    return json()[u"errors"_s][0][u"message"_s].toString();
}

ShopifyTestClient::ShopifyTestClient(sandbox::shopify::ShopifySandbox &sandbox, QString token)
    : m_sandbox(sandbox), m_token(std::move(token))
{
}

QString ShopifyTestClient::documentText(const QString &name)
{
    QFile file(QStringLiteral(STORELOOM_SHOPIFY_DOCUMENTS) + u'/' + name + u".graphql"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the adapter document %s", qPrintable(file.fileName()));
    return QString::fromUtf8(file.readAll());
}

ShopifyTestClient::Reply ShopifyTestClient::graphql(const QString &query, const QJsonObject &variables,
                                                    const QString &operationName)
{
    QJsonObject body{{u"query"_s, query}, {u"variables"_s, variables}};
    if (!operationName.isEmpty())
        body.insert(u"operationName"_s, operationName);
    QNetworkRequest request(m_sandbox.graphqlUrl(m_version));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    if (!m_token.isEmpty())
        request.setRawHeader("X-Shopify-Access-Token", m_token.toUtf8());
    return wait(m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
}

ShopifyTestClient::Reply ShopifyTestClient::document(const QString &name, const QJsonObject &variables)
{
    return graphql(documentText(name), variables);
}

ShopifyTestClient::Reply ShopifyTestClient::get(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return wait(m_network.get(request));
}

ShopifyTestClient::Reply ShopifyTestClient::post(const QUrl &url, const QByteArray &body,
                                                 const QByteArray &contentType)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    return wait(m_network.post(request, body));
}

ShopifyTestClient::Reply ShopifyTestClient::wait(QNetworkReply *reply)
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
