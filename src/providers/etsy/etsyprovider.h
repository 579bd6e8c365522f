#pragma once

#include "oauthprovider.h"
#include "publishingprovider.h"

#include <QUrl>

namespace storeloom {

// Etsy Open API v3: a public client with PKCE (the app's keystring is the
// client id); every call also carries x-api-key: keystring:shared_secret.
// Catalog products are published to it as draft listings.
class EtsyProvider : public OAuthProvider, public PublishingProvider
{
public:
    // Where Etsy lives. Each can be pointed elsewhere (a sandbox, a test
    // server) with STORELOOM_ETSY_AUTHORIZE_URL, _TOKEN_URL and _API_URL.
    struct Endpoints
    {
        QUrl authorize{QStringLiteral("https://www.etsy.com/oauth/connect")};
        QUrl token{QStringLiteral("https://api.etsy.com/v3/public/oauth/token")};
        QUrl api{QStringLiteral("https://api.etsy.com")};

        static Endpoints fromEnvironment();
    };

    explicit EtsyProvider(Endpoints endpoints = Endpoints::fromEnvironment())
        : m_endpoints(std::move(endpoints))
    {}

    QString id() const override { return QStringLiteral("etsy"); }
    QString displayName() const override { return QStringLiteral("Etsy"); }
    AuthKind authKind() const override { return AuthKind::OAuthPkce; }
    QList<ConnectField> connectFields() const override;
    QString apiVersion() const override { return QStringLiteral("v3"); }
    RatePolicy ratePolicy() const override;

    OAuthSettings oauthSettings(const Fields &fields) const override;
    void identifyShop(const OAuthTokens &tokens, const Fields &fields,
                      QNetworkAccessManager *network, Identified done) const override;

    QList<ChannelSettingField> channelSettingFields() const override;
    ChannelChoices loadChannelChoices(const ChannelAccessContext &context,
                                      QString *error) const override;
    ChannelCheck checkProduct(const PublishableProduct &product,
                              const QJsonObject &settings) const override;
    ChannelProbe probeShop(const ChannelAccessContext &context) const override;
    std::shared_ptr<OperationHandler>
    createPublishHandler(const ChannelAccessContext &context) const override;

private:
    Endpoints m_endpoints;
};

} // namespace storeloom
