#include "shopifycatalogsource.h"

#include "adminclient.h"
#include "bulkexport.h"
#include "ratebudget.h"
#include "shopifydocuments.h"
#include "shopifyjson.h"
#include "shopifynormalizer.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTimer>

namespace storeloom::shopify {

namespace {

constexpr int kLocationsFirst = 250;
constexpr int kCollectionMembersFirst = 30;
constexpr int kMoreMediaFirst = 100; // media past the first page of a product
constexpr int kStopPollMs = 100;
const SourceError kStopped{SourceError::Kind::Cancelled, {}};

QString tr(const char *text)
{
    return QCoreApplication::translate("storeloom::shopify::ShopifyCatalogSource", text);
}

SourceError errorOf(const GraphqlReply &reply)
{
    using Kind = SourceError::Kind;
    if (reply.outcome == GraphqlReply::Outcome::Unauthorized)
        return {Kind::NeedsSignIn, tr("Shopify no longer accepts this connection's sign-in (%1): "
                                      "reconnect the store, then import again.")
                                       .arg(reply.message)};
    return {reply.retryable() ? Kind::Retryable : Kind::Permanent, reply.message};
}

SourceError unreadable(const QString &what, const QString &problem)
{
    return {SourceError::Kind::Permanent,
            tr("Shopify sent %1 Storeloom cannot read: %2").arg(what, problem)};
}

} // namespace

// The queries of one call to the source: a client made on the calling
// thread, waited for there, stopped when `stop` says so.
class ShopifyCatalogSource::Calls
{
public:
    Calls(ShopifyCatalogSource &source, Stop stop, const Waiting &waiting)
        : m_source(source), m_stop(std::move(stop)),
          m_client(AdminClient::Settings{source.m_graphqlUrl}, source.m_budget, &m_network)
    {
        m_client.setAccessToken(source.m_token);
        m_client.setRequestedCosts(source.m_knownCosts);
        m_client.setUnauthorizedHandler(
            [renew = source.m_renew, token = source.m_token, client = &m_client](std::function<void()> retry) {
                if (!renew || renew(token()).isEmpty())
                    return false;
                QTimer::singleShot(0, client, std::move(retry));
                return true;
            });
        if (waiting)
            QObject::connect(&m_client, &AdminClient::waiting, [waiting](qint64 ms, const QString &why) {
                if (ms >= 500) // short waits are the normal pace, not news
                    waiting(why);
            });
    }
    ~Calls()
    {
        m_source.m_stats += m_client.stats();
        m_source.m_knownCosts = m_client.requestedCosts();
    }

    AdminClient &client() { return m_client; }
    QNetworkAccessManager &network() { return m_network; }

    // Waits for `started` to call `done` (true) or for the stop (false).
    bool wait(const std::function<void(std::function<void()> done)> &started,
              const std::function<void()> &abort)
    {
        QEventLoop loop;
        bool finished = false;
        started([&] {
            finished = true;
            loop.quit();
        });
        QTimer poll;
        poll.callOnTimeout([&] {
            if (m_stop && m_stop()) {
                abort();
                loop.quit();
            }
        });
        poll.start(kStopPollMs);
        if (!finished)
            loop.exec();
        return finished;
    }

    // One query; false: stopped before its answer.
    bool send(const QString &key, const QString &documentName, const QJsonObject &variables,
              double estimate, GraphqlReply *reply)
    {
        return wait(
            [&](std::function<void()> done) {
                m_client.send(key, document(documentName), variables, estimate,
                              [reply, done](const GraphqlReply &answer) {
                                  *reply = answer;
                                  done();
                              });
            },
            [this] { m_client.abort(); });
    }

private:
    ShopifyCatalogSource &m_source;
    Stop m_stop;
    QNetworkAccessManager m_network;
    AdminClient m_client;
};

ShopifyCatalogSource::ShopifyCatalogSource(QUrl graphqlUrl, Token token, Renew renew,
                                           std::shared_ptr<RateBudget> budget,
                                           ImportOptions options)
    : m_graphqlUrl(std::move(graphqlUrl)), m_token(std::move(token)), m_renew(std::move(renew)),
      m_budget(std::move(budget)), m_options(std::move(options))
{}

ShopifyCatalogSource::~ShopifyCatalogSource() = default;

SourceError ShopifyCatalogSource::open(CatalogOverview *overview, const Stop &stop,
                                       const Waiting &waiting)
{
    Calls calls(*this, stop, waiting);
    GraphqlReply reply;
    if (!calls.send(QStringLiteral("CatalogOverview"), QStringLiteral("CatalogOverview"), {}, 2, &reply))
        return kStopped;
    if (!reply.ok())
        return errorOf(reply);
    m_currency = at(reply.data, "shop").value(QLatin1String("currencyCode")).toString();
    overview->currency = m_currency;
    overview->productTotal = at(reply.data, "productsCount").value(QLatin1String("count")).toInteger();
    using Mode = ImportOptions::Mode;
    overview->bulk = m_options.mode == Mode::Bulk ||
                     (m_options.mode == Mode::Automatic &&
                      overview->productTotal >= m_options.bulkThreshold);
    if (const SourceError error = fetchLocations(calls, &overview->locations); !error.ok())
        return error;
    m_locationCount = std::max<int>(1, int(overview->locations.size()));
    // A bulk export brings collections and memberships with it.
    m_membership.clear();
    if (!overview->bulk)
        return fetchCollections(calls, &overview->collections);
    return {};
}

SourceError ShopifyCatalogSource::fetchLocations(Calls &calls, QList<ImportedLocation> *locations)
{
    QString after;
    for (;;) {
        const QJsonObject variables{{QStringLiteral("first"), kLocationsFirst},
                                    {QStringLiteral("after"), cursorValue(after)}};
        GraphqlReply reply;
        if (!calls.send(QStringLiteral("LocationsPage"), QStringLiteral("LocationsPage"), variables,
                        2 + kLocationsFirst, &reply))
            return kStopped;
        if (!reply.ok())
            return errorOf(reply);
        const QJsonObject page = at(reply.data, "locations");
        for (const QJsonValue &node : page.value(QLatin1String("nodes")).toArray()) {
            const QJsonObject location = node.toObject();
            locations->append({location.value(QLatin1String("id")).toString(),
                               location.value(QLatin1String("name")).toString(),
                               location.value(QLatin1String("isActive")).toBool(true)});
        }
        if (!hasNextPage(page))
            return {};
        after = endCursor(page);
    }
}

// Membership goes with the products (as in a bulk export), so collections
// come first: every member is noted, then each product carries its
// collections when it is written.
SourceError ShopifyCatalogSource::fetchCollections(Calls &calls,
                                                   QList<ImportedCollection> *collections)
{
    const int first = std::clamp(int(m_options.maxQueryCost * 0.95 / (3 + kCollectionMembersFirst)), 1, 250);
    QString after;
    for (;;) {
        const QJsonObject variables{{QStringLiteral("first"), first},
                                    {QStringLiteral("after"), cursorValue(after)},
                                    {QStringLiteral("productsFirst"), kCollectionMembersFirst}};
        GraphqlReply reply;
        if (!calls.send(QStringLiteral("CollectionsPage"), QStringLiteral("CollectionsPage"),
                        variables, 2 + first * (3.0 + kCollectionMembersFirst), &reply))
            return kStopped;
        if (!reply.ok())
            return errorOf(reply);
        const QJsonObject page = at(reply.data, "collections");
        for (const QJsonValue &node : page.value(QLatin1String("nodes")).toArray()) {
            const QJsonObject c = node.toObject();
            const QString id = c.value(QLatin1String("id")).toString();
            collections->append({id, c.value(QLatin1String("title")).toString(),
                                 c.value(QLatin1String("handle")).toString()});
            if (const SourceError error = fetchMembers(calls, id, c.value(QLatin1String("products")).toObject());
                !error.ok())
                return error;
        }
        if (!hasNextPage(page))
            return {};
        after = endCursor(page);
    }
}

SourceError ShopifyCatalogSource::fetchMembers(Calls &calls, const QString &collectionId,
                                               QJsonObject members)
{
    for (;;) {
        for (const QJsonValue &node : members.value(QLatin1String("nodes")).toArray())
            m_membership[node.toObject().value(QLatin1String("id")).toString()].append(collectionId);
        if (!hasNextPage(members))
            return {};
        const QJsonObject variables{{QStringLiteral("id"), collectionId},
                                    {QStringLiteral("first"), 250},
                                    {QStringLiteral("after"), endCursor(members)}};
        GraphqlReply reply;
        if (!calls.send(QStringLiteral("CollectionProductsPage"), QStringLiteral("CollectionProductsPage"),
                        variables, 3 + 250, &reply))
            return kStopped;
        if (!reply.ok())
            return errorOf(reply);
        members = at(reply.data, "collection.products");
    }
}

double ShopifyCatalogSource::productCost() const
{
    if (m_costPerProduct > 0)
        return m_costPerProduct;
    // Shopify's rule: a connection costs `first` times what one node selects;
    // objects cost 1, scalars 0. Until a reply says otherwise, count it so.
    const int levels = std::min(m_locationCount, 250);
    return 3 + (3 + m_variantsFirst * (8.0 + 3.0 * levels)) + (3 + 3.0 * m_mediaFirst);
}

int ShopifyCatalogSource::productPageSize() const
{
    const double budget = std::min(m_options.maxQueryCost, m_budget->capacity()) * 0.95 - 2;
    return std::clamp(int(budget / productCost()), 1, 250);
}

void ShopifyCatalogSource::learnProductCost(const GraphqlReply &reply, int first)
{
    if (reply.cost && reply.cost->requested > 0 && first > 0)
        m_costPerProduct = reply.cost->requested / first;
}

// Fewer variants and images a product per query, when even one product's
// stock at every location would cost more than a query may (the rest comes
// through the overflow queries). False: nothing left to shrink.
bool ShopifyCatalogSource::shrinkProductShape()
{
    if (m_variantsFirst == 1 && m_mediaFirst == 1)
        return false;
    m_variantsFirst = std::max(1, m_variantsFirst / 2);
    m_mediaFirst = std::max(1, m_mediaFirst / 2);
    m_costPerProduct = 0; // priced anew for the new shape
    return true;
}

// Asks for as many variants and media as products here have: a query priced
// for 100 variants when 3 come back wastes the bucket. A connection that
// overflowed asks for more next time.
void ShopifyCatalogSource::learnShape(const QJsonArray &nodes, const QList<ImportedProduct> &products)
{
    int mostVariants = 1;
    int mostMedia = 1;
    for (int i = 0; i < nodes.size(); ++i) {
        const QJsonObject node = nodes.at(i).toObject();
        const int variants = int(products.at(i).variants.size());
        const int media = int(products.at(i).media.size());
        mostVariants = std::max(mostVariants, hasNextPage(node.value(QLatin1String("variants")).toObject())
                                                  ? 2 * variants : variants);
        mostMedia = std::max(mostMedia, hasNextPage(node.value(QLatin1String("media")).toObject())
                                            ? 2 * media : media);
    }
    m_variantsFirst = std::clamp(mostVariants, 1, 100);
    m_mediaFirst = std::clamp(mostMedia, 1, 20);
}

SourceError ShopifyCatalogSource::fetchPage(const QString &cursor, SourcePage *page,
                                            const Stop &stop, const Waiting &waiting)
{
    Calls calls(*this, stop, waiting);
    GraphqlReply reply;
    int first = 0;
    for (;;) {
        const double budget = std::min(m_options.maxQueryCost, m_budget->capacity()) * 0.95 - 2;
        while (productCost() > budget && shrinkProductShape()) {
        }
        first = productPageSize();
        const QJsonObject variables{{QStringLiteral("first"), first},
                                    {QStringLiteral("after"), cursorValue(cursor)},
                                    {QStringLiteral("variantsFirst"), m_variantsFirst},
                                    {QStringLiteral("levelsFirst"), std::min(m_locationCount, 250)},
                                    {QStringLiteral("mediaFirst"), m_mediaFirst}};
        // The document's cost changes with the page sizes: its key says which.
        const QString key = QStringLiteral("ProductsPage/%1/%2/%3").arg(first).arg(m_variantsFirst).arg(m_mediaFirst);
        if (!calls.send(key, QStringLiteral("ProductsPage"), variables, first * productCost() + 2, &reply))
            return kStopped;
        if (!reply.hasErrorCode(QStringLiteral("MAX_COST_EXCEEDED")))
            break;
        if (first > 1) { // smaller pages
            const double before = productCost();
            learnProductCost(reply, first);
            m_costPerProduct = std::max(m_costPerProduct, 2 * before);
        } else if (!shrinkProductShape()) { // leaner products
            break;
        }
    }
    if (!reply.ok())
        return errorOf(reply);
    learnProductCost(reply, first);
    const QJsonObject products = at(reply.data, "products");
    const QJsonArray nodes = products.value(QLatin1String("nodes")).toArray();
    for (const QJsonValue &node : nodes) {
        QString problem;
        page->products.append(normalizeProduct(node.toObject(), m_currency, &problem));
        if (!problem.isEmpty())
            return unreadable(tr("a product"), problem);
        page->products.last().collectionExternalIds = m_membership.value(page->products.last().externalId);
    }
    learnShape(nodes, page->products);
    // A page is only ever handed over whole: products whose variants or
    // media did not fit it are completed first.
    for (int i = 0; i < nodes.size(); ++i) {
        if (const SourceError error = completeProduct(calls, nodes.at(i).toObject(), page->products[i]);
            !error.ok())
            return error;
    }
    if (hasNextPage(products))
        page->nextCursor = endCursor(products);
    return {};
}

SourceError ShopifyCatalogSource::completeProduct(Calls &calls, QJsonObject node,
                                                  ImportedProduct &product)
{
    QJsonObject variants = node.value(QLatin1String("variants")).toObject();
    const int levels = std::min(m_locationCount, 250);
    // A variant with its stock at every location, priced as Shopify does.
    const double perVariant = 8.0 + 3.0 * levels;
    const int variantsFirst = std::clamp(int((m_options.maxQueryCost * 0.95 - 4) / perVariant), 1, 250);
    while (hasNextPage(variants)) {
        const QJsonObject variables{{QStringLiteral("id"), product.externalId},
                                    {QStringLiteral("first"), variantsFirst},
                                    {QStringLiteral("after"), endCursor(variants)},
                                    {QStringLiteral("levelsFirst"), levels}};
        GraphqlReply reply;
        if (!calls.send(QStringLiteral("ProductVariantsPage/%1").arg(variantsFirst),
                        QStringLiteral("ProductVariantsPage"), variables, 4 + variantsFirst * perVariant,
                        &reply))
            return kStopped;
        if (!reply.ok())
            return errorOf(reply);
        variants = at(reply.data, "product.variants");
        for (const QJsonValue &variant : variants.value(QLatin1String("nodes")).toArray()) {
            QString problem;
            product.variants.append(normalizeVariant(variant.toObject(), m_currency,
                                                     product.optionNames, &problem));
            if (!problem.isEmpty())
                return unreadable(tr("a variant"), problem);
        }
    }
    QJsonObject media = node.value(QLatin1String("media")).toObject();
    while (hasNextPage(media)) {
        const QJsonObject variables{{QStringLiteral("id"), product.externalId},
                                    {QStringLiteral("first"), kMoreMediaFirst},
                                    {QStringLiteral("after"), endCursor(media)}};
        GraphqlReply reply;
        if (!calls.send(QStringLiteral("ProductMediaPage"), QStringLiteral("ProductMediaPage"),
                        variables, 4 + kMoreMediaFirst * 3.0, &reply))
            return kStopped;
        if (!reply.ok())
            return errorOf(reply);
        media = at(reply.data, "product.media");
        const QJsonObject wrapper{{QStringLiteral("id"), product.externalId},
                                  {QStringLiteral("title"), product.title},
                                  {QStringLiteral("media"), media}};
        QString problem;
        product.media += normalizeProduct(wrapper, m_currency, &problem).media;
    }
    return {};
}

SourceError ShopifyCatalogSource::exportAll(CatalogPageSink &sink, const QString &resumeFrom,
                                            const Stop &stop)
{
    Calls calls(*this, stop, [&sink](const QString &why) { sink.waiting(why); });
    BulkExport bulk(&calls.client(), &calls.network());
    QObject::connect(&bulk, &BulkExport::waiting, [&sink](const QString &why) { sink.waiting(why); });
    SourceError result;
    const bool ended = calls.wait(
        [&](std::function<void()> done) {
            QObject::connect(&bulk, &BulkExport::failed, [&result, done](const QString &message) {
                // A bulk export that would not complete may next time.
                result = {SourceError::Kind::Retryable, message};
                done();
            });
            bulk.importCatalog(&sink, m_currency, resumeFrom, done);
        },
        [&] {
            bulk.abort();
            calls.client().abort();
        });
    return ended && !(stop && stop()) ? result : kStopped;
}

} // namespace storeloom::shopify
