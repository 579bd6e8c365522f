#include "shopifyimport.h"

#include "bulkexport.h"
#include "leaseowner.h"
#include "ratebudget.h"
#include "runstore.h"
#include "shopifydocuments.h"
#include "shopifyjson.h"
#include "shopifynormalizer.h"
#include "workspaceerror.h"

#include <QJsonArray>
#include <QLoggingCategory>

namespace storeloom::shopify {

Q_LOGGING_CATEGORY(lcImport, "storeloom.shopify.import", QtInfoMsg)

namespace {

const QString kLocations = QStringLiteral("locations");
const QString kProducts = QStringLiteral("products");
const QString kCollections = QStringLiteral("collections");
const QString kBulk = QStringLiteral("bulk");
constexpr int kLocationsFirst = 250;
constexpr int kCollectionMembersFirst = 30;

} // namespace

ShopifyImport::ShopifyImport(Workspace workspace, qint64 connectionId, QUrl graphqlUrl,
                             TokenSource token, std::shared_ptr<RateBudget> budget,
                             ImportOptions options, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspace)), m_connectionId(connectionId),
      m_graphqlUrl(std::move(graphqlUrl)), m_token(std::move(token)),
      m_budget(std::move(budget)), m_options(std::move(options))
{
    qRegisterMetaType<ImportProgress>();
    qRegisterMetaType<ImportOutcome>();
}

ShopifyImport::~ShopifyImport()
{
    // The catalog import uses the handle: it goes first.
    m_import.reset();
    m_db.reset();
}

void ShopifyImport::start()
{
    m_clock.start();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_client = new AdminClient({m_graphqlUrl}, m_budget, m_network.get(), this);
    m_client->setAccessToken(m_token);
    m_client->setUnauthorizedHandler(m_onUnauthorized);
    connect(m_client, &AdminClient::waiting, this, [this](qint64 ms, const QString &why) {
        if (ms >= 500) // short waits are the normal pace, not news
            reportProgress(why);
    });
    try {
        m_db.emplace(m_workspace.openHandle());
        RunStore runs(m_db->db());
        // An import whose process ended is continued in its own run, not a new one.
        runs.recoverAbandoned(&LeaseOwner::isGone);
        const QString kind = QStringLiteral("import");
        const QString owner = LeaseOwner::ofThisProcess();
        if (const auto busy = runs.unfinished(kind, m_connectionId); !busy.isEmpty()) {
            fail(tr("Run %1 is already importing this store (another window or command); wait "
                    "for it or cancel it.")
                     .arg(busy.first().id));
            return;
        }
        m_import = std::make_unique<CatalogImport>(m_db->db(), m_connectionId);
        m_checkpoint = m_import->begin();
        const auto adopted =
            m_checkpoint.resumed ? runs.adopt(kind, m_connectionId, owner) : std::nullopt;
        m_runId = adopted ? *adopted
                          : runs.create(kind, m_connectionId, m_options.createdBy, {}, owner);
        m_resumed = m_checkpoint.resumed;
        if (m_resumed) {
            m_resumePhase = m_checkpoint.phase;
            m_resumeCursor = m_checkpoint.cursor;
        }
    } catch (const WorkspaceError &error) {
        fail(error.message());
        return;
    }
    qCInfo(lcImport) << "import" << m_checkpoint.importId << "of connection" << m_connectionId
                     << (m_checkpoint.resumed ? "resumed at" : "started") << m_checkpoint.phase
                     << "(run" << m_runId << ")";
    fetchOverview();
}

void ShopifyImport::cancel()
{
    if (m_ended)
        return;
    if (m_client)
        m_client->abort();
    if (m_bulk)
        m_bulk->abort();
    keepCheckpoint();
    end(ImportOutcome::Status::Cancelled,
        tr("Import cancelled; importing again continues where it stopped."));
}

bool ShopifyImport::resumesAt(const QString &phase) const
{
    return m_resumePhase == phase;
}

bool ShopifyImport::accept(const GraphqlReply &reply)
{
    if (m_ended)
        return false;
    if (!reply.ok()) {
        fail(reply.message);
        return false;
    }
    return true;
}

void ShopifyImport::fetchOverview()
{
    m_client->send(QStringLiteral("CatalogOverview"), document(QStringLiteral("CatalogOverview")),
                   {}, 2, [this](const GraphqlReply &reply) {
                       if (!accept(reply))
                           return;
                       m_currency = at(reply.data, "shop").value(QLatin1String("currencyCode")).toString();
                       m_productTotal = at(reply.data, "productsCount")
                                            .value(QLatin1String("count"))
                                            .toInteger();
                       using Mode = ImportOptions::Mode;
                       m_usesBulk = m_options.mode == Mode::Bulk ||
                                    (m_options.mode == Mode::Automatic &&
                                     m_productTotal >= m_options.bulkThreshold);
                       qCInfo(lcImport) << m_productTotal << "products in" << m_currency << "→"
                                        << (m_usesBulk ? "bulk operation" : "paged");
                       reportProgress();
                       fetchLocations({});
                   });
}

// Locations are few: always fetched whole (the page planner needs their
// count), but the checkpoint only moves when the import is at this phase.
void ShopifyImport::fetchLocations(const QString &after)
{
    const QJsonObject variables{{QStringLiteral("first"), kLocationsFirst},
                                {QStringLiteral("after"), cursorValue(after)}};
    m_client->send(
        QStringLiteral("LocationsPage"), document(QStringLiteral("LocationsPage")), variables,
        2 + kLocationsFirst, [this](const GraphqlReply &reply) {
            if (!accept(reply))
                return;
            const QJsonObject page = at(reply.data, "locations");
            QList<ImportedLocation> locations;
            for (const QJsonValue &node : page.value(QLatin1String("nodes")).toArray()) {
                const QJsonObject location = node.toObject();
                locations.append({location.value(QLatin1String("id")).toString(),
                                  location.value(QLatin1String("name")).toString(),
                                  location.value(QLatin1String("isActive")).toBool(true)});
            }
            m_locations += locations;
            const bool more = hasNextPage(page);
            const bool atPhase = m_resumePhase.isEmpty() || resumesAt(kLocations);
            std::optional<ImportPosition> next;
            if (atPhase)
                next = more ? ImportPosition{kLocations, endCursor(page)}
                            : ImportPosition{m_usesBulk ? kBulk : kCollections, QString()};
            try {
                m_import->applyLocations(locations, next);
                m_checkpoint = *m_import->checkpoint();
            } catch (const WorkspaceError &error) {
                fail(error.message());
                return;
            }
            if (more) {
                fetchLocations(endCursor(page));
                return;
            }
            m_locationCount = std::max<int>(1, int(m_locations.size()));
            if (m_usesBulk)
                startBulk();
            else
                fetchCollections({});
        });
}

double ShopifyImport::productCost() const
{
    if (m_costPerProduct > 0)
        return m_costPerProduct;
    // Shopify's rule: a connection costs `first` times what one node selects;
    // objects cost 1, scalars 0. Until a reply says otherwise, count it so.
    const int levels = std::min(m_locationCount, 250);
    return 3 + (3 + m_variantsFirst * (8.0 + 3.0 * levels)) + (3 + 3.0 * m_mediaFirst);
}

int ShopifyImport::productPageSize() const
{
    const double budget = std::min(m_options.maxQueryCost, m_budget->capacity()) * 0.95 - 2;
    return std::clamp(int(budget / productCost()), 1, 250);
}

void ShopifyImport::learnProductCost(const GraphqlReply &reply, int first)
{
    if (reply.cost && reply.cost->requested > 0 && first > 0)
        m_costPerProduct = reply.cost->requested / first;
}

// Fewer variants and images a product per query, when even one product's
// stock at every location would cost more than a query may (the rest comes
// through the overflow queries). False: nothing left to shrink.
bool ShopifyImport::shrinkProductShape()
{
    if (m_variantsFirst == 1 && m_mediaFirst == 1)
        return false;
    m_variantsFirst = std::max(1, m_variantsFirst / 2);
    m_mediaFirst = std::max(1, m_mediaFirst / 2);
    m_costPerProduct = 0; // priced anew for the new shape
    return true;
}

void ShopifyImport::fetchProducts(const QString &after)
{
    const double budget = std::min(m_options.maxQueryCost, m_budget->capacity()) * 0.95 - 2;
    while (productCost() > budget && shrinkProductShape()) {
    }
    const int first = productPageSize();
    const QJsonObject variables{{QStringLiteral("first"), first},
                                {QStringLiteral("after"), cursorValue(after)},
                                {QStringLiteral("variantsFirst"), m_variantsFirst},
                                {QStringLiteral("levelsFirst"), std::min(m_locationCount, 250)},
                                {QStringLiteral("mediaFirst"), m_mediaFirst}};
    const double estimate = first * productCost() + 2;
    // The document's cost changes with the page sizes: its key says which.
    const QString key = QStringLiteral("ProductsPage/%1/%2/%3").arg(first).arg(m_variantsFirst).arg(m_mediaFirst);
    m_client->send(key, document(QStringLiteral("ProductsPage")), variables, estimate,
                   [this, first, after](const GraphqlReply &reply) {
                       if (m_ended)
                           return;
                       if (reply.hasErrorCode(QStringLiteral("MAX_COST_EXCEEDED")) &&
                           (first > 1 || shrinkProductShape())) {
                           if (first > 1) {
                               const double before = productCost();
                               learnProductCost(reply, first);
                               m_costPerProduct = std::max(m_costPerProduct, 2 * before);
                           }
                           fetchProducts(after); // smaller pages, or leaner products
                           return;
                       }
                       if (!accept(reply))
                           return;
                       learnProductCost(reply, first);
                       const QJsonObject page = at(reply.data, "products");
                       m_pageNodes = page.value(QLatin1String("nodes")).toArray();
                       m_pageCursor = endCursor(page);
                       m_pageHasNext = hasNextPage(page);
                       m_page.clear();
                       int mostVariants = 1;
                       int mostMedia = 1;
                       for (const QJsonValue &node : std::as_const(m_pageNodes)) {
                           QString problem;
                           m_page.append(normalizeProduct(node.toObject(), m_currency, &problem));
                           m_page.last().collectionExternalIds =
                               m_membership.value(m_page.last().externalId);
                           if (!problem.isEmpty()) {
                               fail(tr("Shopify sent a product Storeloom cannot read: %1").arg(problem));
                               return;
                           }
                           // A connection that overflowed asks for more next time.
                           const QJsonObject product = node.toObject();
                           const int variants = int(m_page.last().variants.size());
                           const int media = int(m_page.last().media.size());
                           mostVariants = std::max(mostVariants, hasNextPage(product.value(QLatin1String("variants")).toObject())
                                                                     ? 2 * variants : variants);
                           mostMedia = std::max(mostMedia, hasNextPage(product.value(QLatin1String("media")).toObject())
                                                               ? 2 * media : media);
                       }
                       // Ask for as many variants and media as products here have: a
                       // query priced for 100 variants when 3 come back wastes the bucket.
                       m_variantsFirst = std::clamp(mostVariants, 1, 100);
                       m_mediaFirst = std::clamp(mostMedia, 1, 20);
                       completeProduct(0);
                   });
}

void ShopifyImport::applyProductPage()
{
    try {
        m_import->applyProductPage(m_page, kProducts, m_pageCursor);
        m_checkpoint = *m_import->checkpoint();
    } catch (const WorkspaceError &error) {
        fail(error.message());
        return;
    }
    reportProgress();
    if (m_pageHasNext)
        fetchProducts(m_pageCursor);
    else
        finishImport();
}

void ShopifyImport::fetchCollections(const QString &after)
{
    const int first = std::clamp(int(m_options.maxQueryCost * 0.95 / (3 + kCollectionMembersFirst)), 1, 250);
    const QJsonObject variables{{QStringLiteral("first"), first},
                                {QStringLiteral("after"), cursorValue(after)},
                                {QStringLiteral("productsFirst"), kCollectionMembersFirst}};
    m_client->send(QStringLiteral("CollectionsPage"), document(QStringLiteral("CollectionsPage")),
                   variables, 2 + first * (3.0 + kCollectionMembersFirst),
                   [this](const GraphqlReply &reply) {
                       if (!accept(reply))
                           return;
                       const QJsonObject page = at(reply.data, "collections");
                       m_collectionNodes = page.value(QLatin1String("nodes")).toArray();
                       m_collectionsCursor = endCursor(page);
                       m_collectionsHasNext = hasNextPage(page);
                       QList<ImportedCollection> collections;
                       for (const QJsonValue &node : std::as_const(m_collectionNodes)) {
                           const QJsonObject c = node.toObject();
                           collections.append({c.value(QLatin1String("id")).toString(),
                                               c.value(QLatin1String("title")).toString(),
                                               c.value(QLatin1String("handle")).toString()});
                       }
                       try {
                           m_import->applyCollections(collections);
                       } catch (const WorkspaceError &error) {
                           fail(error.message());
                           return;
                       }
                       fetchCollectionMembers(0, {});
                   });
}

// Membership goes with the products (as in a bulk export), so collections
// come first: every member is noted, then each product carries its
// collections when it is written. Like locations, they are fetched whole on
// every import; the checkpoint moves only while the import is at this phase.
void ShopifyImport::fetchCollectionMembers(int index, const QString &after)
{
    if (index >= m_collectionNodes.size()) {
        if (m_resumePhase.isEmpty() || resumesAt(kLocations) || resumesAt(kCollections)) {
            try {
                m_import->applyCollections(
                    {}, m_collectionsHasNext ? ImportPosition{kCollections, m_collectionsCursor}
                                             : ImportPosition{kProducts, QString()});
                m_checkpoint = *m_import->checkpoint();
            } catch (const WorkspaceError &error) {
                fail(error.message());
                return;
            }
        }
        if (m_collectionsHasNext)
            fetchCollections(m_collectionsCursor);
        else
            fetchProducts(resumesAt(kProducts) ? m_resumeCursor : QString());
        return;
    }
    const QJsonObject collection = m_collectionNodes.at(index).toObject();
    const QString id = collection.value(QLatin1String("id")).toString();
    const auto note = [this, index, id](const QJsonObject &members) {
        for (const QJsonValue &node : members.value(QLatin1String("nodes")).toArray())
            m_membership[node.toObject().value(QLatin1String("id")).toString()].append(id);
        if (hasNextPage(members))
            fetchCollectionMembers(index, endCursor(members));
        else
            fetchCollectionMembers(index + 1, {});
    };
    if (after.isEmpty()) {
        note(collection.value(QLatin1String("products")).toObject());
        return;
    }
    const QJsonObject variables{{QStringLiteral("id"), id},
                                {QStringLiteral("first"), 250},
                                {QStringLiteral("after"), after}};
    m_client->send(QStringLiteral("CollectionProductsPage"),
                   document(QStringLiteral("CollectionProductsPage")), variables, 3 + 250,
                   [this, note](const GraphqlReply &reply) {
                       if (accept(reply))
                           note(at(reply.data, "collection.products"));
                   });
}

void ShopifyImport::startBulk()
{
    m_bulk = new BulkExport(m_client, m_network.get(), this);
    connect(m_bulk, &BulkExport::waiting, this, [this](const QString &why) { reportProgress(why); });
    connect(m_bulk, &BulkExport::failed, this, &ShopifyImport::fail);
    m_bulk->importCatalog(m_import.get(), m_currency, [this](const ImportCounts &) {
        m_checkpoint = *m_import->checkpoint();
        reportProgress();
    }, [this] { finishImport(); });
}

// Leaves the checkpoint for the next import to resume from. A workspace that
// cannot take even that (the disk is full, say) must not take the thread down:
// the last committed checkpoint stands anyway.
void ShopifyImport::keepCheckpoint()
{
    if (!m_import || !m_import->isActive())
        return;
    try {
        m_import->cancel();
    } catch (const WorkspaceError &error) {
        qCWarning(lcImport) << "checkpoint not closed:" << error.message();
    }
}

void ShopifyImport::finishImport()
{
    try {
        m_checkpoint = m_import->finish();
    } catch (const WorkspaceError &error) {
        fail(error.message());
        return;
    }
    const ImportCounts &c = m_checkpoint.counts;
    end(ImportOutcome::Status::Succeeded,
        tr("Imported %1 products: %2 new, %3 updated, %4 unchanged, %5 in conflict, %6 no "
           "longer in Shopify")
            .arg(c.created + c.updated + c.unchanged + c.conflicts)
            .arg(c.created)
            .arg(c.updated)
            .arg(c.unchanged)
            .arg(c.conflicts)
            .arg(c.flagged));
}

void ShopifyImport::fail(const QString &message)
{
    if (m_ended)
        return;
    if (m_client)
        m_client->abort();
    if (m_bulk)
        m_bulk->abort();
    // The checkpoint stays where the last page committed: importing again resumes there.
    keepCheckpoint();
    end(ImportOutcome::Status::Failed, message);
}

void ShopifyImport::end(ImportOutcome::Status status, const QString &message)
{
    m_ended = true;
    ImportOutcome outcome;
    outcome.status = status;
    outcome.message = message;
    outcome.runId = m_runId;
    outcome.counts = m_checkpoint.counts;
    outcome.bulk = m_usesBulk;
    outcome.resumed = m_resumed;
    if (m_client)
        outcome.stats = m_client->stats();
    outcome.elapsedMs = m_clock.elapsed();
    if (m_runId > 0) {
        try {
            RunStore runs(m_db->db());
            const ImportCounts &c = m_checkpoint.counts;
            runs.setProgress(m_runId, std::max(m_productTotal, c.created + c.updated + c.unchanged + c.conflicts),
                             c.created + c.updated + c.unchanged + c.conflicts,
                             status == ImportOutcome::Status::Failed ? 1 : 0);
            runs.finish(m_runId,
                        status == ImportOutcome::Status::Succeeded ? SyncRun::Status::Succeeded
                        : status == ImportOutcome::Status::Cancelled ? SyncRun::Status::Cancelled
                                                                     : SyncRun::Status::Failed,
                        message);
        } catch (const WorkspaceError &error) {
            qCWarning(lcImport) << "run" << m_runId << "could not be closed:" << error.message();
        }
    }
    qCInfo(lcImport) << "import" << m_checkpoint.importId << "ended:" << message;
    Q_EMIT finished(outcome);
}

void ShopifyImport::reportProgress(const QString &waiting)
{
    ImportProgress now;
    now.phase = m_checkpoint.phase.isEmpty() ? kLocations : m_checkpoint.phase;
    now.counts = m_checkpoint.counts;
    const ImportCounts &c = m_checkpoint.counts;
    now.done = c.created + c.updated + c.unchanged + c.conflicts;
    now.total = std::max(m_productTotal, now.done);
    now.waiting = waiting;
    if (m_runId > 0 && waiting.isEmpty()) {
        try {
            RunStore(m_db->db()).setProgress(m_runId, now.total, now.done, 0);
        } catch (const WorkspaceError &error) {
            qCWarning(lcImport) << "run" << m_runId << "progress not saved:" << error.message();
        }
    }
    Q_EMIT progress(now);
}

} // namespace storeloom::shopify
