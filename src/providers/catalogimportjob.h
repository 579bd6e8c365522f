#pragma once

#include "catalogsource.h"
#include "ratebudget.h"
#include "workspace.h"

#include <QObject>
#include <QString>
#include <memory>

namespace storeloom {

class AccessTokenSource;

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

// What a worker thread needs to read one connection's catalog.
struct CatalogSourceContext
{
    qint64 connectionId = 0;
    QString domain; // the store's address, as the connect flow recorded it
    std::shared_ptr<AccessTokenSource> tokens;
    std::shared_ptr<RateBudget> budget; // the connection's one budget
    ImportOptions options;
};

// A provider whose stores' catalogs this build can import: it reads them
// (CatalogSource); the hub's ImportService runs the import.
class ImportingProvider
{
public:
    virtual ~ImportingProvider() = default;
    virtual std::unique_ptr<CatalogSource> createCatalogSource(const CatalogSourceContext &context) const = 0;
};

} // namespace storeloom
