#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace storeloom::shopify {

// What Shopify reports of a query's price and of the bucket after it.
struct QueryCost
{
    double requested = 0;
    double actual = 0;
    double maximumAvailable = 0;
    double currentlyAvailable = 0;
    double restoreRate = 0;
};

// One Admin GraphQL answer, classified so callers decide on retrying
// without reading bodies themselves.
struct GraphqlReply
{
    enum class Outcome {
        Ok,            // data present, no errors
        Throttled,     // errors[].extensions.code == THROTTLED: wait and send again
        QueryErrors,   // a GraphQL `errors` array: the platform's message
        Unauthorized,  // 401: the token is no longer good
        ServerError,   // HTTP 5xx: try again later
        HttpError,     // another HTTP status (404 for an unknown API version, say)
        NetworkError,  // no answer: refused, reset, timed out
        Malformed,     // not the JSON Shopify sends
    };

    Outcome outcome = Outcome::Malformed;
    QJsonObject data;
    QJsonArray errors;
    std::optional<QueryCost> cost;
    int httpStatus = 0;
    QString message; // for the merchant, with the platform's own words when there are some

    bool ok() const { return outcome == Outcome::Ok; }
    // Whether an error's extensions.code is `code` (MAX_COST_EXCEEDED, say).
    bool hasErrorCode(const QString &code) const;
    // Sending the same request again may work.
    bool retryable() const;
};

// Classifies an answer; `networkError` is the transport's message, empty if
// the reply arrived.
GraphqlReply parseGraphqlReply(int httpStatus, const QByteArray &body,
                               const QString &networkError = QString());

} // namespace storeloom::shopify
