#include "etsypublishfixture.h"

#include "catalogstore.h"
#include "channelsettings.h"
#include "connectionstore.h"
#include "etsy/etsyprovider.h"
#include "oauth/credentials.h"
#include "providerregistry.h"
#include "publishableproduct.h"
#include "runstore.h"
#include "secretstore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace storeloom::test {

using sandbox::etsy::EtsySandbox;

qint64 addEtsyConnectionWithSignIn(const Workspace &workspace, SecretStore &secrets,
                                   EtsySandbox &sandbox)
{
    QString secretKey;
    qint64 id = 0;
    {
        const DbHandle handle = workspace.openHandle();
        ConnectionStore connections(handle.db());
        Connection pending;
        pending.provider = QStringLiteral("etsy");
        pending.name = QStringLiteral("Etsy");
        id = connections.beginAuthorization(pending);
        const QString shopId = QString::number(sandbox.options().shopId);
        id = connections.completeAuthorization(id, shopId, sandbox.options().shopName,
                                               QStringLiteral("etsy.com/shop/") +
                                                   sandbox.options().shopName,
                                               {QStringLiteral("listings_w")});
        secretKey = connections.get(id).secretKey;
    }
    const auto tokens = sandbox.issueTokens();
    Credentials credentials;
    credentials.tokens.accessToken = tokens.accessToken;
    credentials.tokens.refreshToken = tokens.refreshToken;
    credentials.tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(tokens.expiresIn);
    credentials.fields = {{QStringLiteral("keystring"), sandbox.options().keystring},
                          {QStringLiteral("shared_secret"), sandbox.options().sharedSecret}};
    std::optional<bool> written;
    secrets.write(secretKey, credentials.encode(),
                  [&](const SecretStore::Result &result) { written = result.ok(); });
    if (!QTest::qWaitFor([&] { return written.has_value(); }, 10000) || !*written)
        return 0;
    return id;
}

namespace {

// GETs one of the sandbox's shop endpoints the way the adapter would, waiting
// out the sandbox's per-second limit as the adapter does.
QJsonObject sandboxGet(EtsySandbox &sandbox, const QString &path)
{
    const auto tokens = sandbox.issueTokens();
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(sandbox.url().toString() + path));
    request.setRawHeader("x-api-key", sandbox.apiKey().toUtf8());
    request.setRawHeader("Authorization", "Bearer " + tokens.accessToken.toUtf8());
    for (int attempt = 0; attempt < 10; ++attempt) {
        QNetworkReply *reply = network.get(request);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            qWarning() << "the sandbox did not answer" << path;
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200)
            return QJsonDocument::fromJson(reply->readAll()).object();
        if (status != 429)
            break;
        QTest::qWait(1000 * std::max(1, reply->rawHeader("retry-after").toInt()));
    }
    qWarning() << "the sandbox did not give" << path;
    return {};
}

qint64 firstId(const QJsonObject &page, const QString &key)
{
    return page.value(QStringLiteral("results")).toArray().first().toObject().value(key).toInteger();
}

qint64 firstLeaf(const QJsonArray &nodes)
{
    for (const QJsonValue &node : nodes) {
        const QJsonArray children = node.toObject().value(QStringLiteral("children")).toArray();
        if (children.isEmpty())
            return node.toObject().value(QStringLiteral("id")).toInteger();
        if (const qint64 leaf = firstLeaf(children))
            return leaf;
    }
    return 0;
}

} // namespace

QJsonObject etsySettingsFor(EtsySandbox &sandbox)
{
    const QString shop = QStringLiteral("/v3/application/shops/%1").arg(sandbox.options().shopId);
    const QJsonObject shipping = sandboxGet(sandbox, shop + QStringLiteral("/shipping-profiles"));
    const QJsonObject readiness =
        sandboxGet(sandbox, shop + QStringLiteral("/readiness-state-definitions"));
    const QJsonObject taxonomy =
        sandboxGet(sandbox, QStringLiteral("/v3/application/seller-taxonomy/nodes"));
    return {{QStringLiteral("who_made"), QStringLiteral("i_did")},
            {QStringLiteral("when_made"), QStringLiteral("made_to_order")},
            {QStringLiteral("taxonomy_id"), firstLeaf(taxonomy.value(QStringLiteral("results")).toArray())},
            {QStringLiteral("shipping_profile_id"), firstId(shipping, QStringLiteral("shipping_profile_id"))},
            {QStringLiteral("readiness_state_id"), firstId(readiness, QStringLiteral("readiness_state_id"))}};
}

qint64 addEtsyChannel(const Workspace &workspace, SecretStore &secrets, EtsySandbox &sandbox)
{
    const qint64 id = addEtsyConnectionWithSignIn(workspace, secrets, sandbox);
    if (id <= 0)
        return 0;
    const DbHandle handle = workspace.openHandle();
    ChannelSettingsStore(handle.db()).setSettings(id, etsySettingsFor(sandbox));
    return id;
}

QHash<QString, QString> etsyCliEnvironment(const EtsySandbox &sandbox)
{
    return {{QStringLiteral("STORELOOM_ETSY_API_URL"), sandbox.url().toString()},
            {QStringLiteral("STORELOOM_ETSY_TOKEN_URL"), sandbox.tokenUrl().toString()},
            {QStringLiteral("STORELOOM_ETSY_AUTHORIZE_URL"), sandbox.authorizeUrl().toString()}};
}

qint64 addWooCommerceConnection(const Workspace &workspace)
{
    const DbHandle handle = workspace.openHandle();
    ConnectionStore connections(handle.db());
    Connection pending;
    pending.provider = QStringLiteral("woocommerce");
    pending.name = QStringLiteral("Corner shop");
    const qint64 id = connections.beginAuthorization(pending);
    return connections.completeAuthorization(id, QStringLiteral("corner"),
                                             QStringLiteral("Corner shop"),
                                             QStringLiteral("corner.example"), {});
}

void addEtsyProvider(ProviderRegistry &providers, const EtsySandbox &sandbox)
{
    EtsyProvider::Endpoints endpoints;
    endpoints.authorize = sandbox.authorizeUrl();
    endpoints.token = sandbox.tokenUrl();
    endpoints.api = sandbox.url();
    providers.add(std::make_unique<EtsyProvider>(endpoints));
}

QList<QJsonObject> listingsTitled(const EtsySandbox &sandbox, const QString &title)
{
    QList<QJsonObject> found;
    for (const QJsonObject &listing : sandbox.listings()) {
        if (listing.value(QStringLiteral("title")).toString() == title)
            found.append(listing);
    }
    return found;
}

SyncRun waitForRunToFinish(const Workspace &workspace, qint64 runId, int timeoutMs)
{
    const DbHandle handle = workspace.openHandle();
    RunStore runs(handle.db());
    if (!QTest::qWaitFor([&] { return runs.get(runId).isFinished(); }, timeoutMs))
        qWarning() << "run" << runId << "did not finish";
    return runs.get(runId);
}

qint64 addPublishableProduct(const Workspace &workspace, const QString &title, int variants,
                             int images, const QUrl &imageHost, qint64 stockEach)
{
    const DbHandle handle = workspace.openHandle();
    CatalogStore catalog(handle.db());
    Product product;
    product.title = title;
    product.description = QStringLiteral("<p>Hand made.</p><p>Cotton &amp; linen.</p>");
    product.tags = {QStringLiteral("handmade"), QStringLiteral("gift")};
    if (variants > 1)
        product.optionNames = {QStringLiteral("Size")};
    for (int v = 0; v < variants; ++v) {
        Variant variant;
        variant.title = QStringLiteral("Size %1").arg(v + 1);
        variant.sku = QStringLiteral("%1-%2").arg(QString(title).remove(u' ').toUpper().left(24)).arg(v + 1);
        variant.price = Money{1250 + 100 * v, QStringLiteral("USD")};
        if (variants > 1)
            variant.optionValues = {QStringLiteral("S%1").arg(v + 1)};
        product.variants.append(variant);
    }
    const qint64 id = catalog.addProduct(product);
    const qint64 location = catalog.addLocation(QStringLiteral("Workshop"));
    const Product stored = *catalog.product(id);
    for (const Variant &variant : stored.variants)
        catalog.setStock(variant.id, location, stockEach, stockEach);
    PublishableProductReader reader(handle.db());
    for (int i = 0; i < images; ++i) {
        reader.addImage(id, {imageHost.toString() +
                                 QStringLiteral("/_sandbox/images/%1-%2.png").arg(id).arg(i),
                             QStringLiteral("Photo %1").arg(i + 1)});
    }
    return id;
}

} // namespace storeloom::test
