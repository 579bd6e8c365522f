#pragma once

#include "oauthtypes.h"
#include "provider.h"

#include <QHash>
#include <functional>

class QNetworkAccessManager;

namespace storeloom {

// Who a grant belongs to, as the platform says.
struct ShopIdentity
{
    QString externalShopId;
    QString name;
    QString domain;
};

// A provider whose merchants authorize through OAuth 2.0 in their browser.
class OAuthProvider : public Provider
{
public:
    using Fields = QHash<QString, QString>;
    // Empty `error`: `identity` is set.
    using Identified = std::function<void(const ShopIdentity &identity, const QString &error)>;

    // The flow's settings from what the merchant typed in the connect form.
    virtual OAuthSettings oauthSettings(const Fields &fields) const = 0;

    // Asks the platform whose shop the new tokens open.
    virtual void identifyShop(const OAuthTokens &tokens, const Fields &fields,
                              QNetworkAccessManager *network, Identified done) const = 0;
};

} // namespace storeloom
