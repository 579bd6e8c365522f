#pragma once

#include "catalogsource.h"
#include "graphqlreply.h"

#include <QHash>
#include <QJsonArray>
#include <QUrl>
#include <functional>
#include <memory>

namespace storeloom {
class RateBudget;
}

namespace storeloom::shopify {

class AdminClient;

// Reads a Shopify store's catalog for the hub: the shop's currency and
// product count, locations, collections with their members, then products
// with variants, media and stock per location — in pages priced so no query
// exceeds the maximum cost (learned from the replies), each product
// completed before its page is handed over; or, for a large catalog, the
// whole catalog through bulk operations (BulkExport).
//
// Calls block: each sends its queries through an AdminClient made on the
// calling thread, which paces them by the connection's RateBudget.
class ShopifyCatalogSource : public CatalogSource
{
public:
    using Token = std::function<QString()>;
    // After a 401: a fresh token, or empty when there is none (reconnect).
    using Renew = std::function<QString(const QString &rejected)>;

    ShopifyCatalogSource(QUrl graphqlUrl, Token token, Renew renew,
                         std::shared_ptr<RateBudget> budget, ImportOptions options);
    ~ShopifyCatalogSource() override;

    QString platformName() const override { return QStringLiteral("Shopify"); }
    SourceError open(CatalogOverview *overview, const Stop &stop, const Waiting &waiting) override;
    SourceError fetchPage(const QString &cursor, SourcePage *page, const Stop &stop,
                          const Waiting &waiting) override;
    SourceError exportAll(CatalogPageSink &sink, const QString &resumeFrom, const Stop &stop) override;
    RequestStats stats() const override { return m_stats; }

private:
    class Calls;
    SourceError fetchLocations(Calls &calls, QList<ImportedLocation> *locations);
    SourceError fetchCollections(Calls &calls, QList<ImportedCollection> *collections);
    SourceError fetchMembers(Calls &calls, const QString &collectionId, QJsonObject members);
    SourceError completeProduct(Calls &calls, QJsonObject node, ImportedProduct &product);
    double productCost() const;
    bool shrinkProductShape();
    int productPageSize() const;
    void learnProductCost(const GraphqlReply &reply, int first);
    void learnShape(const QJsonArray &nodes, const QList<ImportedProduct> &products);

    QUrl m_graphqlUrl;
    Token m_token;
    Renew m_renew;
    std::shared_ptr<RateBudget> m_budget;
    ImportOptions m_options;
    RequestStats m_stats;
    QHash<QString, double> m_knownCosts; // carried from one call's client to the next

    QString m_currency;
    int m_locationCount = 1;
    QHash<QString, QStringList> m_membership; // product → its collections
    // Learned from the replies: what one product of ProductsPage costs, and
    // how many variants and media products tend to have.
    double m_costPerProduct = 0;
    int m_variantsFirst = 5;
    int m_mediaFirst = 5;
};

} // namespace storeloom::shopify
