#pragma once

#include "catalogdata.h"
#include "catalogviews.h"

#include <QReadWriteLock>

#include <functional>
#include <optional>

namespace storeloom::sandbox::shopify {

// The shop's catalog, shared by the server thread, bulk workers and the
// test's own thread: every method locks, and the server reads under one
// read lock per request through read().
class ShopifyCatalog
{
public:
    struct GenerateOptions
    {
        quint64 seed = 1;
        int products = 100;
        int variantsPerProduct = 3;
        int locations = 3;
        QString shopName = QStringLiteral("Storeloom Sandbox");
        QString shopDomain = QStringLiteral("storeloom-sandbox.myshopify.com");
        QString currency = QStringLiteral("EUR");
    };

    // A read lock and the data it guards, for as long as the object lives.
    class ReadAccess
    {
    public:
        ReadAccess(QReadWriteLock *lock, const CatalogData &data) : m_locker(lock), m_data(data) {}
        const CatalogData &data() const { return m_data; }
        const CatalogData *operator->() const { return &m_data; }

    private:
        QReadLocker m_locker;
        const CatalogData &m_data;
    };

    ShopifyCatalog();

    // Deterministic: the same options give the same catalog, ids included.
    void generate(const GenerateOptions &options);
    // Products, variants, media and collections from JSONL files in the shape
    // of bulk operation output (BulkProducts, BulkCollections, BulkInventory
    // lines, in any mix), kept as the files say; locations and stock come
    // from `options` only when the files carry no stock levels at all.
    bool loadJsonl(const QStringList &paths, const GenerateOptions &options, QString *error);

    ReadAccess read() const { return ReadAccess(&m_lock, m_data); }

    ShopView shop() const;
    int productCount() const;
    std::optional<ProductView> product(qint64 id) const;
    QList<ProductView> products() const;
    void forEachProduct(const std::function<void(const ProductView &)> &visit) const;
    QList<LocationView> locations() const;
    QList<CollectionView> collections() const;

    bool setProductTitle(qint64 productId, const QString &title);
    bool setVariantPrice(qint64 variantId, const QString &price);
    bool setStock(qint64 inventoryItemId, qint64 locationId, int available,
                  std::optional<int> onHand = std::nullopt);
    bool setLocationActive(qint64 locationId, bool active);
    // Applies `edit` to a copy and stores it back (ids kept; variants or
    // media with id 0 get new ones). Bumps updatedAt like Shopify.
    bool editProduct(qint64 productId, const std::function<void(ProductView &)> &edit);
    // The new product's id; its variants, inventory items and media get ids too.
    qint64 addProduct(const ProductView &product);
    bool deleteProduct(qint64 productId);

private:
    ProductView viewOf(const ProductRecord &record) const;
    ProductRecord recordOf(const ProductView &view, qint64 productId);
    void indexProduct(const ProductRecord &record);
    void unindexProduct(const ProductRecord &record);
    void setMemberships(qint64 productId, const QList<qint64> &collectionIds);

    mutable QReadWriteLock m_lock;
    CatalogData m_data;
};

} // namespace storeloom::sandbox::shopify
