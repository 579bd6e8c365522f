#include "oautherror.h"

#include <QCoreApplication>

namespace storeloom {

QString OAuthError::kindName(Kind kind)
{
    switch (kind) {
    case Cancelled:
        return QStringLiteral("Cancelled");
    case Timeout:
        return QStringLiteral("Timeout");
    case PortInUse:
        return QStringLiteral("PortInUse");
    case AuthorizationDenied:
        return QStringLiteral("AuthorizationDenied");
    case InvalidGrant:
        return QStringLiteral("InvalidGrant");
    case ServerError:
        return QStringLiteral("ServerError");
    case NetworkError:
        return QStringLiteral("NetworkError");
    case MalformedReply:
        return QStringLiteral("MalformedReply");
    }
    return QString();
}

namespace oauth {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("storeloom::OAuthFlow", text);
}

OAuthError make(OAuthError::Kind kind, const QString &message, const QString &serverError = {},
                const QString &description = {}, int httpStatus = 0)
{
    OAuthError error;
    error.kind = kind;
    error.message = message;
    error.serverError = serverError;
    error.serverDescription = description;
    error.httpStatus = httpStatus;
    return error;
}

// " (error: description)" when the server said something.
QString serverSays(const QString &error, const QString &description)
{
    if (error.isEmpty() && description.isEmpty())
        return QString();
    if (description.isEmpty())
        return QStringLiteral(" (%1)").arg(error);
    return QStringLiteral(" (%1: %2)").arg(error, description);
}

} // namespace

OAuthError cancelledError()
{
    return make(OAuthError::Cancelled, tr("Connecting the store was cancelled."));
}

OAuthError timeoutError(std::chrono::seconds waited)
{
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(waited).count();
    const QString span = minutes >= 1 ? tr("%1 min").arg(minutes) : tr("%1 s").arg(waited.count());
    return make(OAuthError::Timeout,
                tr("The store's sign-in page did not send you back to Storeloom within %1. "
                   "Start connecting again.")
                    .arg(span));
}

OAuthError portInUseError(quint16 port, const QString &detail)
{
    return make(OAuthError::PortInUse,
                tr("Storeloom cannot receive the store's answer: port %1 on this computer is "
                   "already used by another program. Close that program or choose another "
                   "redirect port in the connection settings, then connect again.")
                    .arg(port),
                QString(), detail);
}

OAuthError listenError(const QString &detail)
{
    return make(
        OAuthError::NetworkError,
        tr("Storeloom cannot receive the store's answer on this computer (%1).").arg(detail),
        QString(), detail);
}

OAuthError authorizationError(const QString &error, const QString &description)
{
    if (error == QLatin1String("access_denied")) {
        return make(OAuthError::AuthorizationDenied,
                    tr("Access was not granted on the store's sign-in page%1. Connect again and "
                       "approve the access Storeloom asks for.")
                        .arg(serverSays(QString(), description)),
                    error, description);
    }
    return make(
        OAuthError::ServerError,
        tr("The store's sign-in page refused the request%1.").arg(serverSays(error, description)),
        error, description);
}

OAuthError tokenEndpointError(const QString &error, const QString &description, int httpStatus,
                              bool refreshing)
{
    // A renewal refused for the app's credentials (a rotated client secret, a
    // client-credentials grant withdrawn) is as final as a revoked grant.
    const bool credentialsRefused =
        refreshing && (error == QLatin1String("invalid_client") ||
                       error == QLatin1String("unauthorized_client"));
    if (error == QLatin1String("invalid_grant") || credentialsRefused) {
        const QString message =
            refreshing
                ? tr("The store no longer accepts Storeloom's authorization (it was revoked, has "
                     "expired or was replaced)%1. Reconnect the store to continue.")
                : tr("The store rejected the sign-in code%1. Start connecting again.");
        return make(OAuthError::InvalidGrant, message.arg(serverSays(error, description)), error,
                    description, httpStatus);
    }
    const QString said = serverSays(
        error.isEmpty() && httpStatus ? QStringLiteral("HTTP %1").arg(httpStatus) : error,
        description);
    return make(OAuthError::ServerError,
                tr("The store's sign-in service answered with an error%1.").arg(said), error,
                description, httpStatus);
}

OAuthError networkError(const QString &detail)
{
    return make(OAuthError::NetworkError,
                tr("Storeloom could not reach the store's sign-in service (%1). Check the "
                   "connection and try again.")
                    .arg(detail),
                QString(), detail);
}

OAuthError malformedReplyError(const QString &detail)
{
    return make(
        OAuthError::MalformedReply,
        tr("The store's sign-in service sent an answer Storeloom cannot read (%1).").arg(detail),
        QString(), detail);
}

} // namespace oauth
} // namespace storeloom
