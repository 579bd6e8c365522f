#pragma once

#include "graphqlreply.h"

#include <QJsonObject>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QObject;

namespace storeloom::shopify {

// Sends one Admin GraphQL document with the shop's access token (in its
// header only) and hands the classified answer to `done`, on `context`'s
// thread; nothing is delivered once `context` is gone.
void postGraphql(QNetworkAccessManager *network, const QUrl &url, const QString &accessToken,
                 const QString &document, const QJsonObject &variables, int timeoutMs,
                 const QObject *context, std::function<void(const GraphqlReply &)> done);

} // namespace storeloom::shopify
