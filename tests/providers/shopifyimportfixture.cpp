#include "shopifyimportfixture.h"

#include "connectionstore.h"
#include "credentials.h"
#include "ratebudget.h"
#include "secretstore.h"
#include "importservice.h"
#include "shopify/shopifycatalogsource.h"
#include "shopify/shopifynormalizer.h"
#include "shopify/shopifyprovider.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

namespace storeloom::test {

using namespace sandbox::shopify;

namespace {

QString variantKey(const QString &sku, qint64 price, const QString &barcode,
                   const QStringList &options)
{
    return QStringLiteral("%1|%2|%3|%4").arg(sku).arg(price).arg(barcode, options.join(u'/'));
}

QSqlQuery run(const QSqlDatabase &db, const QString &sql, qint64 connectionId)
{
    QSqlQuery query(db);
    query.prepare(sql);
    query.bindValue(QStringLiteral(":connection"), connectionId);
    query.exec();
    return query;
}

} // namespace

CatalogImage imageOfWorkspace(const QSqlDatabase &db, qint64 connectionId)
{
    CatalogImage image;
    QHash<qint64, QString> productGid;
    QSqlQuery products = run(db, QStringLiteral(
        "SELECT m.external_id, p.id, p.title FROM mappings m JOIN products p ON p.id = m.internal_id "
        "WHERE m.connection_id = :connection AND m.entity_type = 'product' "
        "AND p.source_deleted_at IS NULL"), connectionId);
    while (products.next()) {
        productGid.insert(products.value(1).toLongLong(), products.value(0).toString());
        image[products.value(0).toString()].title = products.value(2).toString();
    }
    QHash<qint64, QString> variantGid;
    QSqlQuery variants = run(db, QStringLiteral(
        "SELECT m.external_id, v.id, v.product_id, v.sku, v.price_amount, v.barcode, "
        "(SELECT GROUP_CONCAT(value, '/') FROM (SELECT ov.value FROM variant_option_values ov "
        " JOIN product_options o ON o.id = ov.option_id WHERE ov.variant_id = v.id "
        " ORDER BY o.position)) "
        "FROM mappings m JOIN variants v ON v.id = m.internal_id "
        "WHERE m.connection_id = :connection AND m.entity_type = 'variant'"), connectionId);
    while (variants.next()) {
        const QString product = productGid.value(variants.value(2).toLongLong());
        if (product.isEmpty())
            continue;
        variantGid.insert(variants.value(1).toLongLong(), variants.value(0).toString());
        image[product].variants.insert(
            variants.value(0).toString(),
            variantKey(variants.value(3).toString(), variants.value(4).toLongLong(),
                       variants.value(5).toString(),
                       variants.value(6).toString().split(u'/', Qt::SkipEmptyParts)));
    }
    QSqlQuery stock = run(db, QStringLiteral(
        "SELECT s.variant_id, lm.external_id, s.available, s.on_hand, v.product_id "
        "FROM stock_levels s JOIN variants v ON v.id = s.variant_id "
        "JOIN mappings lm ON lm.internal_id = s.location_id AND lm.entity_type = 'location' "
        "AND lm.connection_id = :connection"), connectionId);
    while (stock.next()) {
        const QString product = productGid.value(stock.value(4).toLongLong());
        if (product.isEmpty())
            continue;
        image[product].stock.insert(
            variantGid.value(stock.value(0).toLongLong()) + u'@' + stock.value(1).toString(),
            QStringLiteral("%1/%2").arg(stock.value(2).toLongLong()).arg(stock.value(3).toLongLong()));
    }
    QSqlQuery media = run(db, QStringLiteral(
        "SELECT md.product_id, md.url FROM media md JOIN products p ON p.id = md.product_id "
        "WHERE p.source_connection_id = :connection ORDER BY md.product_id, md.position"), connectionId);
    while (media.next()) {
        const QString product = productGid.value(media.value(0).toLongLong());
        if (!product.isEmpty())
            image[product].mediaUrls.append(media.value(1).toString());
    }
    QSqlQuery members = run(db, QStringLiteral(
        "SELECT cp.product_id, cm.external_id FROM collection_products cp "
        "JOIN mappings cm ON cm.internal_id = cp.collection_id AND cm.entity_type = 'collection' "
        "AND cm.connection_id = :connection"), connectionId);
    while (members.next()) {
        const QString product = productGid.value(members.value(0).toLongLong());
        if (!product.isEmpty())
            image[product].collections.append(members.value(1).toString());
    }
    for (ProductImage &product : image)
        product.collections.sort();
    return image;
}

CatalogImage imageOfSandbox(const ShopifyCatalog &catalog)
{
    CatalogImage image;
    const QString currency = catalog.shop().currency;
    catalog.forEachProduct([&](const ProductView &view) {
        ProductImage &product = image[ShopifyGid::product(view.id)];
        product.title = view.title;
        for (const VariantView &variant : view.variants) {
            QStringList options;
            for (const QString &name : view.options) {
                QString value;
                for (const auto &[optionName, optionValue] : variant.selectedOptions) {
                    if (optionName == name)
                        value = optionValue;
                }
                options.append(value);
            }
            const QString gid = ShopifyGid::variant(variant.id);
            product.variants.insert(
                gid, variantKey(variant.sku, shopify::minorUnits(variant.price, currency).value_or(-1),
                                variant.barcode, options));
            for (const StockView &level : variant.stock)
                product.stock.insert(gid + u'@' + ShopifyGid::location(level.locationId),
                                     QStringLiteral("%1/%2").arg(level.available).arg(level.onHand));
        }
        for (const MediaView &media : view.media)
            product.mediaUrls.append(media.url);
        for (qint64 collection : view.collectionIds)
            product.collections.append(ShopifyGid::collection(collection));
        product.collections.sort();
    });
    return image;
}

QString firstDifference(const CatalogImage &workspace, const CatalogImage &sandbox)
{
    if (workspace.size() != sandbox.size())
        return QStringLiteral("%1 products in the workspace, %2 in the shop")
            .arg(workspace.size())
            .arg(sandbox.size());
    for (auto it = sandbox.cbegin(); it != sandbox.cend(); ++it) {
        const auto mine = workspace.constFind(it.key());
        if (mine == workspace.cend())
            return QStringLiteral("%1 was not imported").arg(it.key());
        const ProductImage &a = *mine;
        const ProductImage &b = *it;
        if (a.title != b.title)
            return QStringLiteral("%1: title %2 vs %3").arg(it.key(), a.title, b.title);
        if (a.variants != b.variants)
            return QStringLiteral("%1: variants differ (%2 vs %3)")
                .arg(it.key(), QStringList(a.variants.values()).join(u';'),
                     QStringList(b.variants.values()).join(u';'));
        if (a.stock != b.stock)
            return QStringLiteral("%1: stock differs (%2 levels vs %3)")
                .arg(it.key())
                .arg(a.stock.size())
                .arg(b.stock.size());
        if (a.mediaUrls != b.mediaUrls)
            return QStringLiteral("%1: media differ").arg(it.key());
        if (a.collections != b.collections)
            return QStringLiteral("%1: collections %2 vs %3")
                .arg(it.key(), a.collections.join(u','), b.collections.join(u','));
    }
    return {};
}

ImportOutcome runImport(const Workspace &workspace, qint64 connectionId,
                        ShopifySandbox &sandbox, const QString &token, ImportOptions options,
                        std::function<void(CatalogImportJob &)> whileRunning)
{
    auto budget = ShopifyProvider().ratePolicy().createBudget(); // as a connection gets it
    ImportService imports(workspace, [&](qint64, const ImportOptions &options, QString *) {
        return std::make_unique<shopify::ShopifyCatalogSource>(
            sandbox.graphqlUrl(), [token] { return token; }, nullptr, budget, options);
    });
    const std::unique_ptr<CatalogImportJob> job(imports.createJob(connectionId, options));
    QSignalSpy finished(job.get(), &CatalogImportJob::finished);
    if (whileRunning)
        whileRunning(*job);
    job->start();
    if (finished.isEmpty() && !finished.wait(240000))
        return {};
    return finished.first().first().value<ImportOutcome>();
}

qint64 addShopifyConnection(const Workspace &workspace, const QString &shopDomain)
{
    const DbHandle handle = workspace.openHandle();
    ConnectionStore connections(handle.db());
    Connection pending;
    pending.provider = QStringLiteral("shopify");
    pending.name = QStringLiteral("Shopify");
    const qint64 id = connections.beginAuthorization(pending);
    return connections.completeAuthorization(id, shopDomain, QStringLiteral("Sandbox"), shopDomain,
                                             {QStringLiteral("read_products")});
}

qint64 addShopifyConnectionWithSignIn(const Workspace &workspace, SecretStore &secrets,
                                      ShopifySandbox &sandbox)
{
    const qint64 id = addShopifyConnection(workspace, sandbox.shopDomain());
    QString secretKey;
    {
        const DbHandle handle = workspace.openHandle();
        secretKey = ConnectionStore(handle.db()).get(id).secretKey;
    }
    const auto app = sandbox.auth().settings();
    Credentials credentials;
    credentials.tokens.accessToken = sandbox.issueAccessToken();
    credentials.fields = {{QStringLiteral("shop_domain"), sandbox.shopDomain()},
                          {QStringLiteral("client_id"), app.clientId},
                          {QStringLiteral("client_secret"), app.clientSecret},
                          {QStringLiteral("sign_in"), QStringLiteral("client-credentials")}};
    std::optional<bool> written;
    secrets.write(secretKey, credentials.encode(),
                  [&](const SecretStore::Result &result) { written = result.ok(); });
    if (!QTest::qWaitFor([&] { return written.has_value(); }, 10000) || !*written)
        return 0;
    return id;
}

} // namespace storeloom::test
