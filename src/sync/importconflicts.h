#pragma once

#include "importedcatalog.h"
#include "statementcache.h"

#include <QList>
#include <QSqlDatabase>
#include <optional>

namespace storeloom {

// A product that changed at its source after a merchant edited it here. The
// import left the local product as it was; `incoming` is the source's version.
struct ImportConflict
{
    qint64 id = 0;
    qint64 connectionId = 0;
    qint64 productId = 0;
    QString externalId;
    qint64 importId = 0;
    QString incomingHash; // source digest of `incoming`
    QString localHash;    // the local product's content digest when detected
    ImportedProduct incoming;
    qint64 detectedAt = 0;
    std::optional<qint64> resolvedAt;
};

// The import_conflicts table: at most one open conflict per product and
// connection; detecting it again refreshes the incoming version, it never
// adds a second record.
class ImportConflictStore
{
public:
    explicit ImportConflictStore(QSqlDatabase db) : m_statements(std::move(db)) {}

    // Inside the caller's write transaction.
    void record(const ImportConflict &conflict);
    QList<ImportConflict> open(qint64 connectionId);

private:
    StatementCache m_statements;
};

} // namespace storeloom
