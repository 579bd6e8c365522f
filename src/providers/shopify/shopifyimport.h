#pragma once

#include "adminclient.h"
#include "catalogimport.h"
#include "catalogimportjob.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <memory>
#include <optional>

namespace storeloom {
class RateBudget;
}

namespace storeloom::shopify {

class BulkExport;

// Imports one Shopify connection's catalog into the workspace: shop
// currency and product count, locations, products with variants, media and
// stock per location, collections and membership. Catalogs under the bulk
// threshold are paged (page sizes chosen from the requested cost so no query
// exceeds the maximum); larger ones go through bulk operations, streamed.
// Each page commits with its checkpoint: cancelling (or a crash) leaves the
// workspace consistent and the next import resumes where this one stopped.
// The run appears in Sync jobs with its progress.
//
// Lives on one thread (its own network access and database connection are
// made there by start()); results arrive as signals.
class ShopifyImport : public QObject
{
    Q_OBJECT

public:
    using TokenSource = std::function<QString()>;

    // `token` is asked before every request and must be callable from the
    // import's thread; `onUnauthorized` (optional) renews it after a 401.
    ShopifyImport(Workspace workspace, qint64 connectionId, QUrl graphqlUrl, TokenSource token,
                  std::shared_ptr<RateBudget> budget, ImportOptions options = {},
                  QObject *parent = nullptr);
    void setUnauthorizedHandler(AdminClient::Unauthorized handler)
    {
        m_onUnauthorized = std::move(handler);
    }
    ~ShopifyImport() override;

    void start();
    void cancel();

Q_SIGNALS:
    void progress(const storeloom::ImportProgress &progress);
    void finished(const storeloom::ImportOutcome &outcome);

private:
    // Each step sends one query and continues in its reply handler.
    void fetchOverview();
    void fetchLocations(const QString &after);
    void fetchProducts(const QString &after);
    void completeProduct(int index);
    void fetchMoreVariants(int index, const QString &after);
    void fetchMoreMedia(int index, const QString &after);
    void markFetched(int index, const QString &connection);
    void applyProductPage();
    void fetchCollections(const QString &after);
    void fetchCollectionMembers(int index, const QString &after);
    void startBulk();
    void finishImport();
    void keepCheckpoint();

    bool accept(const GraphqlReply &reply); // false: the import has failed
    void fail(const QString &message);
    void end(ImportOutcome::Status status, const QString &message);
    void reportProgress(const QString &waiting = {});
    double productCost() const; // requested points per product of ProductsPage
    bool shrinkProductShape();
    int productPageSize() const;
    void learnProductCost(const GraphqlReply &reply, int first);
    bool resumesAt(const QString &phase) const;

    Workspace m_workspace;
    qint64 m_connectionId;
    QUrl m_graphqlUrl;
    TokenSource m_token;
    AdminClient::Unauthorized m_onUnauthorized;
    std::shared_ptr<RateBudget> m_budget;
    ImportOptions m_options;

    std::optional<DbHandle> m_db;
    std::unique_ptr<CatalogImport> m_import;
    std::unique_ptr<QNetworkAccessManager> m_network;
    AdminClient *m_client = nullptr;
    BulkExport *m_bulk = nullptr;
    qint64 m_runId = 0;
    ImportCheckpoint m_checkpoint;
    QString m_resumePhase; // where begin() found an unfinished import, if it did
    QString m_resumeCursor;
    bool m_resumed = false;
    QElapsedTimer m_clock;
    bool m_ended = false;
    bool m_usesBulk = false;

    QString m_currency;
    qint64 m_productTotal = 0;
    int m_locationCount = 0;
    QList<ImportedLocation> m_locations;
    // Learned from the replies: what one product of ProductsPage costs, and
    // how many variants and media products tend to have.
    double m_costPerProduct = 0;
    int m_variantsFirst = 5;
    int m_mediaFirst = 5;

    // The page being completed (products whose variants or media overflow).
    QJsonArray m_pageNodes;
    QList<ImportedProduct> m_page;
    QString m_pageCursor;
    bool m_pageHasNext = false;

    QHash<QString, QStringList> m_membership; // product → its collections
    QJsonArray m_collectionNodes;
    QString m_collectionsCursor;
    bool m_collectionsHasNext = false;
};

} // namespace storeloom::shopify

