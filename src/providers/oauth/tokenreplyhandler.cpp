#include "tokenreplyhandler.h"

#include "oautherror.h"
#include "oauthlogging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QUrlQuery>

namespace storeloom {

TokenReplyHandler::TokenReplyHandler(QObject *parent) : QOAuthOobReplyHandler(parent) {}

void TokenReplyHandler::deliverCallback(const QVariantMap &parameters)
{
    Q_EMIT callbackReceived(parameters);
}

static QVariantMap parseTokenBody(const QByteArray &body, const QString &contentType, bool *ok)
{
    *ok = false;
    if (contentType.contains(QLatin1String("application/x-www-form-urlencoded"))) {
        QVariantMap values;
        const QUrlQuery query(QString::fromUtf8(body).replace(QLatin1Char('+'), QLatin1Char(' ')));
        const auto items = query.queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            values.insert(item.first, item.second);
        *ok = !values.isEmpty();
        return values;
    }
    // RFC 6749 §5.1: JSON. Accept it whatever the Content-Type claims.
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return {};
    *ok = true;
    return document.object().toVariantMap();
}

void TokenReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const QString contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    const char *what = m_refreshing ? "refresh" : "code exchange";

    if (httpStatus == 0 && reply->error() != QNetworkReply::NoError) {
        qCWarning(lcOAuth).nospace()
            << what << ": no answer from the token endpoint: " << reply->errorString();
        Q_EMIT tokenRequestFailed(oauth::networkError(reply->errorString()));
        return;
    }
    bool ok = false;
    const QVariantMap values = parseTokenBody(body, contentType, &ok);
    const QString error = values.value(QStringLiteral("error")).toString();
    if (httpStatus >= 400 || !error.isEmpty()) {
        const QString description = values.value(QStringLiteral("error_description")).toString();
        qCWarning(lcOAuth).nospace()
            << what << ": token endpoint answered HTTP " << httpStatus << " "
            << (error.isEmpty() ? QStringLiteral("-") : error) << ": " << description;
        Q_EMIT tokenRequestFailed(
            oauth::tokenEndpointError(error, description, httpStatus, m_refreshing));
        return;
    }
    const QString accessToken = values.value(QStringLiteral("access_token")).toString();
    if (!ok || accessToken.isEmpty()) {
        const QString detail =
            ok ? QStringLiteral("no access token in the answer")
               : QStringLiteral("HTTP %1, %2 bytes of %3")
                     .arg(httpStatus)
                     .arg(body.size())
                     .arg(contentType.isEmpty() ? QStringLiteral("unknown type") : contentType);
        qCWarning(lcOAuth).nospace() << what << ": unreadable token answer: " << detail;
        Q_EMIT tokenRequestFailed(oauth::malformedReplyError(detail));
        return;
    }
    qCDebug(lcOAuth).nospace() << what << ": token answer HTTP " << httpStatus
                               << ", access token length " << accessToken.size()
                               << ", refresh token length "
                               << values.value(QStringLiteral("refresh_token")).toString().size();
    Q_EMIT tokensReceived(values); // Qt's flow stores token, refresh token and expiry
    Q_EMIT tokenResponse(values);
}

} // namespace storeloom
