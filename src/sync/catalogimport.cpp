#include "catalogimport.h"

#include "auditlog.h"
#include "bulkinsert.h"
#include "cataloghash.h"
#include "idallocator.h"
#include "importconflicts.h"
#include "importmappings.h"
#include "importreferences.h"
#include "logging.h"
#include "productwriter.h"
#include "sql.h"
#include "sqliteimporttuning.h"
#include "workspaceerror.h"

#include <QSet>

namespace storeloom {

struct CatalogImport::Parts
{
    Parts(QSqlDatabase db, qint64 connection, Writes writes)
        : connectionId(connection), cache(db),
          bound(BoundStatements::create(cache, writes == Writes::Fastest
                                                   ? BoundStatements::Mode::Fastest
                                                   : BoundStatements::Mode::QtSqlOnly)),
          ids(cache), mappings(cache, connectionId), checkpoints(cache), conflicts(db),
          references(cache, *bound, ids, mappings, connectionId),
          writer(cache, *bound, ids, mappings), audit(db)
    {}

    qint64 connectionId;
    StatementCache cache;
    std::unique_ptr<BoundStatements> bound;
    IdAllocator ids;
    ImportMappings mappings;
    ImportCheckpointStore checkpoints;
    ImportConflictStore conflicts;
    ImportReferences references;
    ProductWriter writer;
    CatalogHasher hasher;
    AuditLog audit;
    std::optional<ImportCheckpoint> checkpoint;
    std::unique_ptr<SqliteImportTuning> tuning; // while the import runs

    PageOutcome applyPage(const QList<ImportedProduct> &page, const QList<ProductDigests> &digests,
                          qint64 importId, qint64 now);
    void reconcile(const ImportedProduct &product, const ProductDigests *digests,
                   const KnownProduct *known, qint64 importId, qint64 now, PageOutcome &outcome,
                   QList<qint64> &seen);
};

CatalogImport::CatalogImport(QSqlDatabase db, qint64 connectionId, Writes writes)
    : d(std::make_unique<Parts>(std::move(db), connectionId, writes))
{}

CatalogImport::~CatalogImport() = default;

bool CatalogImport::isActive() const
{
    return d->checkpoint && d->checkpoint->status == ImportCheckpoint::Status::Running;
}

std::optional<ImportCheckpoint> CatalogImport::checkpoint() const
{
    return d->checkpoint;
}

void CatalogImport::requireActive() const
{
    if (!isActive())
        throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                             QStringLiteral("No catalog import is running for connection %1; "
                                            "begin() one first.")
                                 .arg(d->connectionId));
}

// Runs `writeAndAdvance(nextCheckpoint, now)` in one write transaction that
// also saves the checkpoint it advanced. The in-memory checkpoint moves only
// once the transaction committed.
template<typename Write> auto CatalogImport::write(Write &&writeAndAdvance)
{
    requireActive();
    sql::WriteTransaction transaction(d->cache.db());
    d->ids.beginTransaction();
    const qint64 now = sql::nowMs();
    ImportCheckpoint next = *d->checkpoint;
    auto result = writeAndAdvance(next, now);
    d->checkpoints.save(next, now);
    transaction.commit();
    d->checkpoint = next;
    return result;
}

ImportCheckpoint CatalogImport::begin()
{
    if (!d->tuning)
        d->tuning = std::make_unique<SqliteImportTuning>(d->cache.db());
    sql::WriteTransaction transaction(d->cache.db());
    d->ids.beginTransaction();
    const qint64 now = sql::nowMs();
    QSqlQuery &connection =
        d->cache.get(QStringLiteral("SELECT COUNT(*) FROM connections WHERE id = :id"));
    connection.bindValue(QStringLiteral(":id"), d->connectionId);
    sql::exec(connection);
    const bool connected = connection.next() && connection.value(0).toLongLong() > 0;
    connection.finish();
    if (!connected)
        throw WorkspaceError(WorkspaceError::Kind::NotFound,
                             QStringLiteral("Connection %1 does not exist; nothing was imported.")
                                 .arg(d->connectionId));
    ImportCheckpoint checkpoint;
    if (const auto open = d->checkpoints.findOpen(d->connectionId)) {
        checkpoint = *open;
        checkpoint.resumed = true;
        checkpoint.status = ImportCheckpoint::Status::Running;
        d->checkpoints.save(checkpoint, now);
    } else {
        checkpoint = d->checkpoints.create(d->ids.next(IdAllocator::Imports), d->connectionId, now);
    }
    transaction.commit();
    d->references.load();
    d->checkpoint = checkpoint;
    if (checkpoint.resumed)
        qCInfo(lcImport) << "resuming catalog import" << checkpoint.importId << "of connection"
                         << d->connectionId << "at" << checkpoint.phase << "page"
                         << checkpoint.pages;
    else
        qCInfo(lcImport) << "catalog import" << checkpoint.importId << "of connection"
                         << d->connectionId << "started";
    return checkpoint;
}

int CatalogImport::applyLocations(const QList<ImportedLocation> &locations,
                                  const std::optional<ImportPosition> &next)
{
    ImportReferences::IdMap written;
    const int created = write([&](ImportCheckpoint &checkpoint, qint64 now) {
        written = d->references.writeLocations(locations, checkpoint.importId, now);
        if (next) {
            checkpoint.phase = next->phase;
            checkpoint.cursor = next->cursor;
        }
        return int(written.size() - d->references.locations().size());
    });
    d->references.commitLocations(std::move(written));
    return created;
}

int CatalogImport::applyCollections(const QList<ImportedCollection> &collections,
                                    const std::optional<ImportPosition> &next)
{
    ImportReferences::IdMap written;
    const int created = write([&](ImportCheckpoint &checkpoint, qint64 now) {
        written = d->references.writeCollections(collections, checkpoint.importId, now);
        if (next) {
            checkpoint.phase = next->phase;
            checkpoint.cursor = next->cursor;
        }
        return int(written.size() - d->references.collections().size());
    });
    d->references.commitCollections(std::move(written));
    return created;
}

PageOutcome CatalogImport::applyProductPage(const QList<ImportedProduct> &page,
                                            const QString &phase, const QString &nextCursor,
                                            const QList<ProductDigests> &digests)
{
    if (!digests.isEmpty() && digests.size() != page.size())
        throw WorkspaceError(WorkspaceError::Kind::InvalidState,
                             QStringLiteral("A page of %1 products came with %2 digests.")
                                 .arg(page.size())
                                 .arg(digests.size()));
    return write([&](ImportCheckpoint &checkpoint, qint64 now) {
        const PageOutcome outcome = d->applyPage(page, digests, checkpoint.importId, now);
        checkpoint.phase = phase;
        checkpoint.cursor = nextCursor;
        ++checkpoint.pages;
        checkpoint.counts.created += outcome.created;
        checkpoint.counts.updated += outcome.updated;
        checkpoint.counts.unchanged += outcome.unchanged;
        checkpoint.counts.conflicts += outcome.conflicts;
        qCDebug(lcImport) << "import" << checkpoint.importId << "page" << checkpoint.pages
                          << "created" << outcome.created << "updated" << outcome.updated
                          << "unchanged" << outcome.unchanged << "conflicts" << outcome.conflicts;
        return outcome;
    });
}

PageOutcome CatalogImport::Parts::applyPage(const QList<ImportedProduct> &page,
                                            const QList<ProductDigests> &digests, qint64 importId,
                                            qint64 now)
{
    QStringList externalIds;
    externalIds.reserve(page.size());
    for (const ImportedProduct &product : page)
        externalIds.append(product.externalId);
    const QHash<QString, KnownProduct> known = mappings.products(externalIds);

    writer.begin({connectionId, importId, now, &references.locations(), &references.collections()});
    PageOutcome outcome;
    QList<qint64> seen; // mappings of products left as they are
    QSet<QString> inPage;
    inPage.reserve(page.size());
    for (qsizetype i = 0; i < page.size(); ++i) {
        const ImportedProduct &product = page.at(i);
        if (inPage.contains(product.externalId)) {
            qCWarning(lcImport) << "product listed twice in one page, first kept:"
                                << product.externalId;
            continue;
        }
        inPage.insert(product.externalId);
        const auto it = known.constFind(product.externalId);
        reconcile(product, digests.isEmpty() ? nullptr : &digests.at(i),
                  it == known.cend() ? nullptr : &*it, importId, now, outcome, seen);
    }
    writer.flush();
    mappings.markSeen(seen, importId);
    if (writer.skippedStock() > 0)
        qCWarning(lcImport) << writer.skippedStock()
                            << "stock levels at locations the import does not know skipped";
    return outcome;
}

void CatalogImport::Parts::reconcile(const ImportedProduct &product, const ProductDigests *digests,
                                     const KnownProduct *known, qint64 importId, qint64 now,
                                     PageOutcome &outcome, QList<qint64> &seen)
{
    const QString sourceHash = digests ? digests->source : hasher.source(product);
    // A resumed import reads again what it wrote before it stopped (a bulk
    // export starts over): written and counted once, so its counts stay the store's.
    if (known && known->productId != 0 && known->seenInImport == importId &&
        known->sourceHash == sourceHash)
        return;
    const QString contentHash = digests ? digests->content : QString(); // the writer's, if empty
    if (!known || known->productId == 0) {
        // A mapping whose product was deleted here is stale: the store still
        // lists the product, so it comes back.
        if (known)
            mappings.removeMapping(known->mappingId);
        writer.create(product, sourceHash, contentHash);
        ++outcome.created;
        return;
    }
    if (known->sourceHash != sourceHash && !known->editedLocally()) {
        writer.update(*known, product, sourceHash, contentHash);
        ++outcome.updated;
        return;
    }
    // Left as it is: unchanged at the source, or changed there and here.
    seen.append(known->mappingId);
    if (known->flagged)
        writer.clearFlag(known->productId);
    if (known->sourceHash == sourceHash) {
        ++outcome.unchanged;
        return;
    }
    conflicts.record({0, connectionId, known->productId, product.externalId, importId, sourceHash,
                      known->contentHash, product, now, std::nullopt});
    ++outcome.conflicts;
}

int CatalogImport::applyCollectionMembers(const QString &collectionExternalId,
                                          const QStringList &productExternalIds,
                                          const std::optional<ImportPosition> &next)
{
    return write([&](ImportCheckpoint &checkpoint, qint64) {
        const int added = d->references.addMembers(collectionExternalId, productExternalIds);
        if (next) {
            checkpoint.phase = next->phase;
            checkpoint.cursor = next->cursor;
        }
        return added;
    });
}

ImportCheckpoint CatalogImport::finish()
{
    write([&](ImportCheckpoint &checkpoint, qint64 now) {
        const qint64 flagged = d->mappings.flagUnseenProducts(checkpoint.importId, now);
        checkpoint.counts.flagged += flagged;
        checkpoint.status = ImportCheckpoint::Status::Finished;
        checkpoint.finishedAt = now;
        const ImportCounts &counts = checkpoint.counts;
        d->audit.record(QStringLiteral("catalog.imported"),
                        QStringLiteral("Catalog imported: %1 new, %2 updated, %3 unchanged, "
                                       "%4 in conflict with local edits, %5 no longer at the "
                                       "store")
                            .arg(counts.created)
                            .arg(counts.updated)
                            .arg(counts.unchanged)
                            .arg(counts.conflicts)
                            .arg(counts.flagged),
                        d->connectionId);
        return 0;
    });
    d->tuning.reset();
    qCInfo(lcImport) << "catalog import" << d->checkpoint->importId
                     << "finished:" << d->checkpoint->counts.created << "new"
                     << d->checkpoint->counts.updated << "updated"
                     << d->checkpoint->counts.unchanged << "unchanged"
                     << d->checkpoint->counts.conflicts << "conflicts"
                     << d->checkpoint->counts.flagged << "flagged";
    return *d->checkpoint;
}

void CatalogImport::cancel()
{
    write([](ImportCheckpoint &checkpoint, qint64) {
        checkpoint.status = ImportCheckpoint::Status::Cancelled;
        return 0;
    });
    d->tuning.reset();
    qCInfo(lcImport) << "catalog import" << d->checkpoint->importId << "cancelled at"
                     << d->checkpoint->phase << "page" << d->checkpoint->pages;
}

void CatalogImport::abandon()
{
    write([](ImportCheckpoint &checkpoint, qint64 now) {
        checkpoint.status = ImportCheckpoint::Status::Abandoned;
        checkpoint.finishedAt = now;
        return 0;
    });
    d->tuning.reset();
    qCInfo(lcImport) << "catalog import" << d->checkpoint->importId << "abandoned";
}

} // namespace storeloom
