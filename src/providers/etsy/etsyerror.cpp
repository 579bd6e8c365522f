#include "etsyerror.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace storeloom::etsy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EtsyClient", text);
}

EtsyError::Kind kindOfStatus(int status)
{
    using Kind = EtsyError::Kind;
    switch (status) {
    case 401:
        return Kind::Unauthorized;
    case 403:
        return Kind::Forbidden;
    case 404:
        return Kind::NotFound;
    case 429:
        return Kind::Throttled;
    default:
        return status >= 500 ? Kind::Server : Kind::Invalid;
    }
}

} // namespace

bool EtsyError::retryable() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Throttled:
    case Kind::Server:
    case Kind::Malformed:
    case Kind::Cancelled:
        return true;
    case Kind::Invalid:
        // 409: the listing is being changed by another request; the rest of
        // 4xx is a refusal of what was sent, which a retry repeats.
        return httpStatus == 409;
    case Kind::None:
    case Kind::Unauthorized:
    case Kind::Forbidden:
    case Kind::NotFound:
        return false;
    }
    return false;
}

EtsyError EtsyError::fromHttp(int status, const QByteArray &body)
{
    EtsyError error;
    error.kind = kindOfStatus(status);
    error.httpStatus = status;
    // Only Etsy's JSON error is shown: an HTML page from a proxy means nothing
    // to the merchant.
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QString said = json.value(QStringLiteral("error")).toString().trimmed();
    const QString detail = json.value(QStringLiteral("error_description")).toString().trimmed();
    if (!said.isEmpty() && !detail.isEmpty() && detail != said)
        error.message = said + QStringLiteral(": ") + detail;
    else
        error.message = said.isEmpty() ? detail : said;
    if (error.message.isEmpty())
        error.message = tr("Etsy answered HTTP %1 without saying why.").arg(status);
    return error;
}

QString EtsyError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Throttled:
        return QStringLiteral("throttled");
    case Kind::Unauthorized:
        return QStringLiteral("unauthorized");
    case Kind::Forbidden:
        return QStringLiteral("forbidden");
    case Kind::NotFound:
        return QStringLiteral("not_found");
    case Kind::Invalid:
        return QStringLiteral("invalid");
    case Kind::Server:
        return QStringLiteral("server");
    case Kind::Malformed:
        return QStringLiteral("malformed");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace storeloom::etsy
