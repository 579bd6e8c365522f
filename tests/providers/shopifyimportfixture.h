#pragma once

#include "catalogimportjob.h"
#include "shopify/shopifysandbox.h"
#include "testworkspace.h"

#include <QHash>
#include <QMap>
#include <QSqlDatabase>

namespace storeloom {
class SecretStore;
}

namespace storeloom::test {

// One product as the workspace and the sandbox both describe it, keyed by
// Shopify GIDs, so an import can be compared with the shop exactly.
struct ProductImage
{
    QString title;
    QMap<QString, QString> variants;  // variant GID → "sku|price minor units|barcode|options"
    QMap<QString, QString> stock;     // "variant GID@location GID" → "available/on hand"
    QStringList mediaUrls;
    QStringList collections;          // collection GIDs, sorted

    friend bool operator==(const ProductImage &, const ProductImage &) = default;
};
using CatalogImage = QMap<QString, ProductImage>; // product GID → product

CatalogImage imageOfWorkspace(const QSqlDatabase &db, qint64 connectionId);
CatalogImage imageOfSandbox(const sandbox::shopify::ShopifyCatalog &catalog);
// The first difference between two images, or empty.
QString firstDifference(const CatalogImage &workspace, const CatalogImage &sandbox);

// Runs one import of the Shopify sandbox to its end through the hub's
// ImportService, the token given.
ImportOutcome runImport(const Workspace &workspace, qint64 connectionId,
                        sandbox::shopify::ShopifySandbox &sandbox, const QString &token,
                        ImportOptions options = {},
                        std::function<void(CatalogImportJob &)> whileRunning = {});

// A Live Shopify connection row for the sandbox's shop (its token lives in the test).
qint64 addShopifyConnection(const Workspace &workspace, const QString &shopDomain);
// The same, with a fresh sandbox token in the keychain as a connect would leave it,
// for what reads the sign-in from there (the CLI, the GUI). 0 on failure.
qint64 addShopifyConnectionWithSignIn(const Workspace &workspace, SecretStore &secrets,
                                      sandbox::shopify::ShopifySandbox &sandbox);

} // namespace storeloom::test
