#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace storeloom::etsy {

// Why an Etsy call did not succeed, with Etsy's own words for the merchant.
struct EtsyError
{
    enum class Kind {
        None,
        Network,      // no answer: refused, reset, DNS, TLS
        Timeout,      // nothing arrived within the transfer timeout
        Throttled,    // 429 beyond what waiting here could fix
        Unauthorized, // 401 and the sign-in could not be renewed
        Forbidden,    // 403: a scope is missing, or not the merchant's shop
        NotFound,     // 404
        Invalid,      // 400, 409, 422 and other 4xx: Etsy refused what was sent
        Server,       // 5xx
        Malformed,    // a 2xx whose body is not the JSON Etsy documents
        Cancelled,    // the stop flag was raised
    };

    Kind kind = Kind::None;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString message;    // for the merchant
    // A create or upload whose fate is unknown (sent, no clear answer): look
    // for its result before sending it again.
    bool outcomeUnknown = false;
    int retryAfterSeconds = 0; // Throttled: when Etsy said to come back

    bool ok() const { return kind == Kind::None; }
    // Trying the same request again later may succeed: nothing about the
    // request itself was refused (a cancelled one was simply not finished).
    bool retryable() const;

    // The error for a non-2xx answer, with Etsy's {"error", "error_description"}.
    static EtsyError fromHttp(int status, const QByteArray &body);
    static QString kindName(Kind kind);
};

// A call's value, or why there is none.
template <typename T>
struct EtsyResult
{
    T value{};
    EtsyError error{};

    bool ok() const { return error.ok(); }
};

using EtsyJsonResult = EtsyResult<QJsonObject>;

} // namespace storeloom::etsy
