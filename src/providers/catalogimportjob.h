#pragma once

#include "importcheckpoint.h"
#include "workspace.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <memory>

namespace storeloom {

class ConnectionAccess;
class RateBudget;

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
    QString phase;    // for a progress line: "locations", "products", …
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

// One import of one connection's catalog, as the GUI and the CLI drive it,
// whatever the platform: start, cancel, progress, and how it ended (once).
class CatalogImportJob : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void start() = 0;
    // Stops after the page being written; importing again resumes.
    virtual void cancel() = 0;

Q_SIGNALS:
    void progress(const storeloom::ImportProgress &progress);
    void finished(const storeloom::ImportOutcome &outcome);
};

// A provider whose stores' catalogs this build can import.
class ImportingProvider
{
public:
    virtual ~ImportingProvider() = default;
    // `access`: where the connection's token comes from (its one owner in
    // this process). `budget`: the connection's shared rate budget, or null
    // for one of its own.
    virtual CatalogImportJob *createImportJob(Workspace workspace, ConnectionAccess &access,
                                              qint64 connectionId, ImportOptions options,
                                              std::shared_ptr<RateBudget> budget,
                                              QObject *parent) const = 0;
};

} // namespace storeloom

Q_DECLARE_METATYPE(storeloom::ImportProgress)
Q_DECLARE_METATYPE(storeloom::ImportOutcome)
