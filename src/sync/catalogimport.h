#pragma once

#include "cataloghash.h"
#include "importcheckpoint.h"
#include "importedcatalog.h"

#include <QSqlDatabase>
#include <memory>
#include <optional>

namespace storeloom {

// How one page of products went.
struct PageOutcome
{
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    int conflicts = 0; // changed at the source and edited here: left as they are

    friend bool operator==(const PageOutcome &, const PageOutcome &) = default;
};

// Where the adapter stands once a write commits: the phase it is in and the
// cursor to continue that phase from.
struct ImportPosition
{
    QString phase;
    QString cursor;
};

// Reconciles a store's catalog, as an adapter fetched and normalized it, into
// the workspace — page by page, resumably.
//
//  - begin() starts an import of the connection, or resumes the unfinished
//    one (cancelled, or cut short by a crash) from its last committed page.
//    The import's id is its generation: what it sees is recorded against it.
//  - Every apply*() is one write transaction that also moves the checkpoint,
//    so a page is written completely or not at all and a resumed import
//    neither repeats nor loses one.
//  - A product is matched through its mapping (external ids live only in
//    `mappings`). New → created. Same source digest as last time → left
//    alone (only marked seen). Changed at the source → updated in place,
//    unless it was edited here since the import last wrote it (its content
//    digest differs from the one recorded in its mapping): then the local
//    product is kept and an import conflict is recorded, once.
//  - finish() flags (products.source_deleted_at) the connection's products
//    this import did not see; nothing is deleted.
//
// Uses `db` on the calling thread only, and must be destroyed before `db` is
// closed. One import per connection at a time.
class CatalogImport
{
public:
    enum class Writes { Fastest, QtSqlOnly }; // QtSqlOnly: for tests of the portable path

    CatalogImport(QSqlDatabase db, qint64 connectionId, Writes writes = Writes::Fastest);
    ~CatalogImport();
    CatalogImport(const CatalogImport &) = delete;
    CatalogImport &operator=(const CatalogImport &) = delete;

    ImportCheckpoint begin();
    bool isActive() const;
    // As of the last committed write; empty before begin().
    std::optional<ImportCheckpoint> checkpoint() const;

    // Upserts through mappings; returns how many were new.
    int applyLocations(const QList<ImportedLocation> &locations,
                       const std::optional<ImportPosition> &next = {});
    int applyCollections(const QList<ImportedCollection> &collections,
                         const std::optional<ImportPosition> &next = {});

    // One page of products; `phase` and `nextCursor` are where the adapter
    // continues after it. Throws WorkspaceError (and changes nothing) when
    // the page cannot be written. `digests`, if given, are CatalogHasher's
    // digests of the page's products in order, computed off this thread (a
    // bulk import hashes while it assembles); otherwise they are computed here.
    PageOutcome applyProductPage(const QList<ImportedProduct> &page, const QString &phase,
                                 const QString &nextCursor,
                                 const QList<ProductDigests> &digests = {});

    // Adds products an earlier page brought in to a known collection
    // (members come in pages: nothing is removed). Returns how many joined.
    int applyCollectionMembers(const QString &collectionExternalId,
                               const QStringList &productExternalIds,
                               const std::optional<ImportPosition> &next = {});

    // Flags products not seen, completes the import; returns its final counts.
    ImportCheckpoint finish();
    // Stops here; the next begin() resumes from the checkpoint.
    void cancel();
    // Gives the import up without flagging anything; the next begin() starts anew.
    void abandon();

private:
    struct Parts;
    template<typename Write> auto write(Write &&writeAndAdvance);
    void requireActive() const;

    std::unique_ptr<Parts> d;
};

} // namespace storeloom
