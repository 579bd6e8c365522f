#include "graphqlreply.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QStringList>

namespace storeloom::shopify {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ShopifyGraphql", text);
}

std::optional<QueryCost> costOf(const QJsonObject &root)
{
    const QJsonObject cost = root.value(QLatin1String("extensions"))
                                 .toObject()
                                 .value(QLatin1String("cost"))
                                 .toObject();
    if (cost.isEmpty())
        return std::nullopt;
    const QJsonObject status = cost.value(QLatin1String("throttleStatus")).toObject();
    QueryCost result;
    result.requested = cost.value(QLatin1String("requestedQueryCost")).toDouble();
    result.actual = cost.value(QLatin1String("actualQueryCost")).toDouble();
    result.maximumAvailable = status.value(QLatin1String("maximumAvailable")).toDouble();
    result.currentlyAvailable = status.value(QLatin1String("currentlyAvailable")).toDouble();
    result.restoreRate = status.value(QLatin1String("restoreRate")).toDouble();
    return result;
}

QString messagesOf(const QJsonArray &errors)
{
    QStringList messages;
    for (const QJsonValue &error : errors) {
        const QString message = error.toObject().value(QLatin1String("message")).toString();
        if (!message.isEmpty() && !messages.contains(message))
            messages.append(message);
    }
    return messages.join(QStringLiteral("; "));
}

bool throttled(const QJsonArray &errors)
{
    for (const QJsonValue &error : errors) {
        if (error.toObject()
                .value(QLatin1String("extensions"))
                .toObject()
                .value(QLatin1String("code"))
                .toString() == QLatin1String("THROTTLED"))
            return true;
    }
    return false;
}

} // namespace

bool GraphqlReply::hasErrorCode(const QString &code) const
{
    for (const QJsonValue &error : errors) {
        if (error.toObject().value(QLatin1String("extensions")).toObject().value(QLatin1String("code")).toString() == code)
            return true;
    }
    return false;
}

bool GraphqlReply::retryable() const
{
    return outcome == Outcome::Throttled || outcome == Outcome::ServerError ||
           outcome == Outcome::NetworkError || outcome == Outcome::Malformed;
}

GraphqlReply parseGraphqlReply(int httpStatus, const QByteArray &body, const QString &networkError)
{
    GraphqlReply reply;
    reply.httpStatus = httpStatus;
    if (httpStatus == 0) {
        reply.outcome = GraphqlReply::Outcome::NetworkError;
        reply.message = tr("Shopify could not be reached (%1).").arg(networkError);
        return reply;
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject root = json.object();
    if (httpStatus == 401 || httpStatus == 403) {
        reply.outcome = GraphqlReply::Outcome::Unauthorized;
        reply.message = tr("Shopify refused Storeloom's access (HTTP %1). Reconnect the store.")
                            .arg(httpStatus);
        return reply;
    }
    if (httpStatus >= 500) {
        reply.outcome = GraphqlReply::Outcome::ServerError;
        reply.message = tr("Shopify had a server error (HTTP %1); Storeloom will try again.")
                            .arg(httpStatus);
        return reply;
    }
    if (httpStatus != 200) {
        reply.outcome = GraphqlReply::Outcome::HttpError;
        reply.message = tr("Shopify answered HTTP %1.").arg(httpStatus);
        return reply;
    }
    if (parseError.error != QJsonParseError::NoError || !json.isObject()) {
        reply.outcome = GraphqlReply::Outcome::Malformed;
        reply.message = tr("Shopify's answer was not readable JSON (%1 at byte %2).")
                            .arg(parseError.errorString())
                            .arg(parseError.offset);
        return reply;
    }
    reply.cost = costOf(root);
    reply.errors = root.value(QLatin1String("errors")).toArray();
    reply.data = root.value(QLatin1String("data")).toObject();
    if (throttled(reply.errors)) {
        reply.outcome = GraphqlReply::Outcome::Throttled;
        reply.message = tr("Shopify asked Storeloom to slow down.");
    } else if (!reply.errors.isEmpty() || root.value(QLatin1String("errors")).isString()) {
        reply.outcome = GraphqlReply::Outcome::QueryErrors;
        const QString said = reply.errors.isEmpty()
                                 ? root.value(QLatin1String("errors")).toString()
                                 : messagesOf(reply.errors);
        reply.message = tr("Shopify refused the request: %1").arg(said);
    } else if (!root.contains(QLatin1String("data")) || !root.value(QLatin1String("data")).isObject()) {
        reply.outcome = GraphqlReply::Outcome::Malformed;
        reply.message = tr("Shopify's answer carried no data.");
    } else {
        reply.outcome = GraphqlReply::Outcome::Ok;
    }
    return reply;
}

} // namespace storeloom::shopify
