#pragma once

#include "cataloghash.h"
#include "importcheckpoint.h"
#include "importedcatalog.h"

#include <QMetaType>
#include <QString>
#include <functional>
#include <optional>

namespace storeloom {

// How an import of a store's catalog is to run.
struct ImportOptions
{
    enum class Mode { Automatic, Paged, Bulk };
    Mode mode = Mode::Automatic;
    // Automatic: catalogs of this many products or more go through the
    // platform's bulk export, where it has one.
    qint64 bulkThreshold = 2000;
    double maxQueryCost = 1000; // the platform's most expensive single request, where it prices them
    QString createdBy = QStringLiteral("storeloom");
};

struct ImportProgress
{
    QString phase;    // for a progress line: "products", "bulk", …
    qint64 done = 0;  // products written (created, updated, unchanged or in conflict)
    qint64 total = 0; // products in the store, as the platform counts them
    ImportCounts counts;
    QString waiting; // why nothing is moving right now, if it is not
};

// What was asked of the platform, for benchmarks and --json.
struct RequestStats
{
    int requests = 0;
    int throttled = 0;
    int retries = 0;
    double actualCost = 0; // in the platform's own units, where it prices requests

    RequestStats &operator+=(const RequestStats &other)
    {
        requests += other.requests;
        throttled += other.throttled;
        retries += other.retries;
        actualCost += other.actualCost;
        return *this;
    }
};

struct ImportOutcome
{
    enum class Status { Succeeded, Failed, Cancelled };
    Status status = Status::Failed;
    QString message; // for the merchant
    qint64 runId = 0;
    ImportCounts counts;
    bool bulk = false;
    bool resumed = false;
    RequestStats stats;
    qint64 elapsedMs = 0;
};

// How a source's call ended, classified by the adapter for the hub.
struct SourceError
{
    enum class Kind {
        None,
        Retryable,   // throttled past patience, down, no answer: the page is tried again later
        Permanent,   // the platform refused, or sent what cannot be read
        NeedsSignIn, // the sign-in is gone: the merchant has to reconnect
        Cancelled,   // stopped before an answer (cancelled, lease lost)
    };

    Kind kind = Kind::None;
    QString message; // for the merchant, in the platform's own words

    bool ok() const { return kind == Kind::None; }
};

// What a store is and what it holds whole, read once per import (and again
// by a process that continues another's).
struct CatalogOverview
{
    QString currency;
    qint64 productTotal = 0;
    QList<ImportedLocation> locations;
    // Paged imports: the collections, read whole before the products (which
    // the source then gives their memberships). Bulk exports bring their own.
    QList<ImportedCollection> collections;
    bool bulk = false; // products come through exportAll(), not fetchPage()
};

// One page of products and where the next one starts (none: the last).
struct SourcePage
{
    QList<ImportedProduct> products;
    QList<ProductDigests> digests; // optional: CatalogHasher's, computed off the writer
    std::optional<QString> nextCursor;
};

// Where a bulk export's results go, as they are read: the hub writes them.
// Each call returns false when the export is to stop (cancelled, lease lost,
// the page could not be written — then `why` says so). `cursor` is where the
// export stands once the page is written — the source's own words, kept with
// the page, handed back to exportAll() when a stopped import goes on.
class CatalogPageSink
{
public:
    virtual ~CatalogPageSink() = default;
    virtual bool collections(const QList<ImportedCollection> &collections) = 0;
    virtual bool products(const QList<ImportedProduct> &page, const QList<ProductDigests> &digests,
                          const QString &cursor) = 0;
    virtual void waiting(const QString &why) = 0; // for a progress line
    virtual QString why() const = 0;
};

// The verbs one platform's adapter implements to import a store's catalog;
// the hub (ImportPageHandler) runs them as "catalog.import_page" items and
// owns the run, checkpoints, reconciliation, conflicts, retries and dead items.
// Calls block (on an executor worker); one instance serves one import in one
// process and is called by one thread at a time. `stop` is polled while a
// call waits: when it says true the call ends Cancelled.
class CatalogSource
{
public:
    using Stop = std::function<bool()>;
    using Waiting = std::function<void(const QString &why)>;

    virtual ~CatalogSource() = default;

    virtual QString platformName() const = 0; // the platform as merchants name it, for messages
    virtual SourceError open(CatalogOverview *overview, const Stop &stop, const Waiting &waiting) = 0;
    // One page from `cursor` (empty: the first).
    virtual SourceError fetchPage(const QString &cursor, SourcePage *page, const Stop &stop,
                                  const Waiting &waiting) = 0;
    // The whole catalog through the platform's bulk export, where it has
    // one; from `resumeFrom` (the last page's cursor) when an earlier attempt
    // stopped part-way.
    virtual SourceError exportAll(CatalogPageSink &sink, const QString &resumeFrom, const Stop &stop)
    {
        Q_UNUSED(sink)
        Q_UNUSED(resumeFrom)
        Q_UNUSED(stop)
        return {SourceError::Kind::Permanent, QStringLiteral("this platform has no bulk export")};
    }
    virtual RequestStats stats() const = 0;
};

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::ImportProgress)
Q_DECLARE_METATYPE(storeloom::ImportOutcome)
